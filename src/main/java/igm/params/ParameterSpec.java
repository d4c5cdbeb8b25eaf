package igm.params;

import java.util.ArrayList;
import java.util.List;

/**
 * One entry of the parameter registry: a dotted key ({@code component.name}), its type, unit, default and meaning.
 *
 * @param key          dotted key, e.g. {@code time.end}
 * @param type         the kind of value
 * @param unit         physical unit, or "" when dimensionless or not a quantity
 * @param defaultValue default value (Double, Integer, Boolean, String, {@code List<Double>} or
 *                     {@code List<List<Double>>}); {@code null} means required
 * @param description  one-line meaning
 * @param min          smallest allowed value for numbers (inclusive), or NaN for none
 * @param max          largest allowed value for numbers (inclusive), or NaN for none
 * @param choices      allowed strings for a STRING parameter, empty when free
 * @param columns      column names of a TABLE, empty otherwise
 * @param columnRanges unit and allowed range of each TABLE column, in the order of {@code columns}; empty when the
 *                     columns are unbounded
 */
public record ParameterSpec(String key, ParameterType type, String unit, Object defaultValue, String description,
                            double min, double max, List<String> choices, List<String> columns,
                            List<ColumnRange> columnRanges) {

    /**
     * The unit and allowed range of one TABLE column.
     *
     * @param unit physical unit, or "" when dimensionless
     * @param min  smallest allowed value (inclusive), or NaN for none
     * @param max  largest allowed value (inclusive), or NaN for none
     */
    public record ColumnRange(String unit, double min, double max) {
    }

    public ParameterSpec {
        choices = List.copyOf(choices);
        columns = List.copyOf(columns);
        columnRanges = List.copyOf(columnRanges);
        if (!columnRanges.isEmpty() && columnRanges.size() != columns.size()) {
            throw new IllegalArgumentException(key + ": " + columnRanges.size() + " column ranges for "
                    + columns.size() + " columns");
        }
    }

    /** A spec without column ranges. */
    public ParameterSpec(String key, ParameterType type, String unit, Object defaultValue, String description,
                         double min, double max, List<String> choices, List<String> columns) {
        this(key, type, unit, defaultValue, description, min, max, choices, columns, List.of());
    }

    /** Smallest allowed value of TABLE column {@code column} (0-based), NaN for none. */
    public double columnMin(int column) {
        return columnRanges.isEmpty() ? Double.NaN : columnRanges.get(column).min();
    }

    /** Largest allowed value of TABLE column {@code column} (0-based), NaN for none. */
    public double columnMax(int column) {
        return columnRanges.isEmpty() ? Double.NaN : columnRanges.get(column).max();
    }

    /** Unit of TABLE column {@code column} (0-based), "" when none is given. */
    public String columnUnit(int column) {
        return columnRanges.isEmpty() ? "" : columnRanges.get(column).unit();
    }

    /** The component this key belongs to: the part before the first dot. */
    public String component() {
        return key.substring(0, key.indexOf('.'));
    }

    /** Whether the user must give a value. */
    public boolean required() {
        return defaultValue == null;
    }

    /** The allowed range or choices in words, for messages and {@code info}; "" when unconstrained. */
    public String constraint() {
        if (!choices.isEmpty()) {
            return "one of " + String.join(", ", choices);
        }
        if (!columns.isEmpty()) {
            List<String> described = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                String range = range(columnMin(c), columnMax(c));
                String columnUnit = columnUnit(c);
                described.add(columns.get(c) + (range.isEmpty() ? "" : " " + range
                        + (columnUnit.isEmpty() ? "" : " " + columnUnit)));
            }
            return "rows of [" + String.join(", ", described) + "]";
        }
        return range(min, max);
    }

    /** A range in words ("in [a, b]", "≥ a", "≤ b"), "" when both ends are NaN. */
    static String range(double min, double max) {
        boolean hasMin = !Double.isNaN(min);
        boolean hasMax = !Double.isNaN(max);
        if (hasMin && hasMax) {
            return "in [" + fmt(min) + ", " + fmt(max) + "]";
        } else if (hasMin) {
            return "≥ " + fmt(min);
        } else if (hasMax) {
            return "≤ " + fmt(max);
        }
        return "";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
