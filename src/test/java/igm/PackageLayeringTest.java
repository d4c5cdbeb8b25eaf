package igm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The shape of the program (STYLE.md, "The shape of the program"; README, "Layout"): packages depend one way only,
 * and the commands stay thin.
 *
 * <p>The layers, low to high; a package may use its own layer and those below, never one above:
 * <ol start="0">
 *   <li>{@code igm} (exceptions, version, shared data), {@code grid}, {@code params}</li>
 *   <li>{@code field}: the field catalogue</li>
 *   <li>{@code parallel}, {@code operator}</li>
 *   <li>{@code solver}, {@code emulator}</li>
 *   <li>{@code physics}</li>
 *   <li>{@code simulation}</li>
 *   <li>{@code io}</li>
 *   <li>the pipelines, in this order: {@code run}, {@code instruct}, {@code training}, {@code evaluation},
 *       {@code inversion}, {@code verification}</li>
 *   <li>{@code bench}</li>
 *   <li>{@code cli}</li>
 * </ol>
 * A use is an {@code import igm.…} or a qualified name {@code igm.….Type} in the code (comments and strings aside),
 * read from the sources under {@code src/main/java}.
 */
class PackageLayeringTest {

    private static final Path SOURCES = Path.of("src", "main", "java");

    /** Rank of each top-level package (sub-packages share their parent's); pipelines are ranked among themselves. */
    private static final Map<String, Double> RANK = Map.ofEntries(
            Map.entry("", 0.0), Map.entry("grid", 0.0), Map.entry("params", 0.0),
            Map.entry("field", 1.0),
            Map.entry("parallel", 2.0), Map.entry("operator", 2.0),
            Map.entry("solver", 3.0), Map.entry("emulator", 3.0),
            Map.entry("physics", 4.0),
            Map.entry("simulation", 5.0),
            Map.entry("io", 6.0),
            Map.entry("run", 7.0), Map.entry("instruct", 7.1), Map.entry("training", 7.2),
            Map.entry("evaluation", 7.3), Map.entry("inversion", 7.35), Map.entry("verification", 7.4),
            Map.entry("bench", 8.0),
            Map.entry("cli", 9.0));

    /** The most lines a command class may have (issue 17: "no command class is over about 150 lines"). */
    private static final int COMMAND_LINES = 150;

    private static final Pattern USE = Pattern.compile("\\bigm((?:\\.[a-z][a-z0-9_]*)*)\\.[A-Z]");
    private static final Pattern PACKAGE = Pattern.compile("^package igm((?:\\.[a-z][a-z0-9_]*)*);", Pattern.MULTILINE);

    @Test
    void noPackageUsesOneAboveIt() {
        List<String> violations = new ArrayList<>();
        TreeSet<String> unranked = new TreeSet<>();
        for (Path file : sources()) {
            String text = read(file);
            Matcher own = PACKAGE.matcher(text);
            assertTrue(own.find(), file + ": no package declaration");
            String from = topLevel(own.group(1));
            Double fromRank = RANK.get(from);
            if (fromRank == null) {
                unranked.add(from);
                continue;
            }
            Matcher use = USE.matcher(code(text));
            TreeSet<String> above = new TreeSet<>();
            while (use.find()) {
                String to = topLevel(use.group(1));
                Double toRank = RANK.get(to);
                if (toRank == null) {
                    unranked.add(to);
                } else if (toRank > fromRank) {
                    above.add("igm" + use.group(1));
                }
            }
            if (!above.isEmpty()) {
                violations.add(SOURCES.relativize(file) + " uses " + String.join(", ", above));
            }
        }
        assertEquals(List.of(), List.copyOf(unranked), "packages the layering does not place (add them to RANK and "
                + "to STYLE.md's table)");
        assertEquals(List.of(), violations, "uses of a package above the user's own layer");
    }

    @Test
    void commandsAreThin() {
        List<String> tooLong = new ArrayList<>();
        for (Path file : sources()) {
            boolean command = file.getParent().endsWith(Path.of("igm", "cli"))
                    && file.getFileName().toString().endsWith("Command.java");
            if (command) {
                long lines = read(file).lines().count();
                if (lines > COMMAND_LINES) {
                    tooLong.add(file.getFileName() + ": " + lines + " lines");
                }
            }
        }
        assertEquals(List.of(), tooLong, "command classes over " + COMMAND_LINES + " lines");
    }

    private static String topLevel(String subPackages) {
        if (subPackages.isEmpty()) {
            return "";
        }
        int dot = subPackages.indexOf('.', 1);
        return dot < 0 ? subPackages.substring(1) : subPackages.substring(1, dot);
    }

    /** The text without comments and string literals, so that Javadoc links and messages do not count as uses. */
    static String code(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (text.startsWith("\"\"\"", i)) {
                int end = text.indexOf("\"\"\"", i + 3);
                i = end < 0 ? n : end + 3;
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < n && text.charAt(i) != c) {
                    i += text.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static List<Path> sources() {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
