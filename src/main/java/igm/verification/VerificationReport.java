package igm.verification;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The result of a {@link VerificationCase}: a table (a header and rows of already formatted cells) and notes, such as
 * the fitted convergence order or the published values compared with.
 *
 * @param caseName the case's name
 * @param title    a one-line title
 * @param columns  column headers
 * @param rows     rows, each with as many cells as there are columns
 * @param notes    free lines printed after the table
 */
public record VerificationReport(String caseName, String title, List<String> columns, List<List<String>> rows,
                                 List<String> notes) {

    public VerificationReport {
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
        notes = List.copyOf(notes);
        for (List<String> r : rows) {
            if (r.size() != columns.size()) {
                throw new IllegalArgumentException("row " + r + " has " + r.size() + " cells, expected "
                        + columns.size());
            }
        }
    }

    /** The report as a Markdown section: a heading, the table and the notes. */
    public String toMarkdown() {
        StringBuilder b = new StringBuilder();
        b.append("### ").append(caseName).append(": ").append(title).append("\n\n");
        b.append("| ").append(String.join(" | ", columns)).append(" |\n");
        b.append("|").append("---|".repeat(columns.size())).append('\n');
        for (List<String> r : rows) {
            b.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        if (!notes.isEmpty()) {
            b.append('\n');
            for (String n : notes) {
                b.append("- ").append(n).append('\n');
            }
        }
        return b.toString();
    }

    /** A number in a table cell: 4 significant digits, scientific below 1e-3 or above 1e5. */
    public static String cell(double v) {
        double a = Math.abs(v);
        if (v == 0 || (a >= 1e-3 && a < 1e5)) {
            return String.format(Locale.ROOT, "%.4g", v);
        }
        return String.format(Locale.ROOT, "%.3e", v);
    }

    /** Collects rows and notes. */
    public static final class Builder {
        private final String caseName;
        private final String title;
        private final List<String> columns;
        private final List<List<String>> rows = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        public Builder(String caseName, String title, String... columns) {
            this.caseName = caseName;
            this.title = title;
            this.columns = List.of(columns);
        }

        /** Adds a row; numbers are formatted with {@link #cell}, anything else with toString. */
        public Builder row(Object... cells) {
            List<String> r = new ArrayList<>();
            for (Object c : cells) {
                r.add(c instanceof Double d ? cell(d) : String.valueOf(c));
            }
            rows.add(r);
            return this;
        }

        public Builder note(String line) {
            notes.add(line);
            return this;
        }

        public VerificationReport build() {
            return new VerificationReport(caseName, title, columns, rows, notes);
        }
    }
}
