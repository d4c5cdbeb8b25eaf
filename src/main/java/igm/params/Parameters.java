package igm.params;

import igm.InputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolved, validated and immutable run parameters: every registry key has a value (given or default). Built by
 * {@link ParameterFile}; getters throw {@link IllegalArgumentException} for keys that are not in the registry.
 * <p>
 * Each PATH value remembers the folder it is relative to ({@link #PATH_RULE}): the parameter file's folder for a
 * value written in the file, the working directory for a value given on the command line or a default.
 */
public final class Parameters {

    /** The rule by which relative paths are resolved, in words (printed by {@code igm info}). */
    public static final String PATH_RULE = "A relative path written in a parameter file is relative to the folder of "
            + "that file; one given on the command line (--set key=value), and a default, is relative to the working "
            + "directory.";

    private final ParameterRegistry registry;
    private final Map<String, Object> values;
    private final Map<String, Path> pathBases;
    private final Path baseFolder;
    private final String source;

    /**
     * @param values     every key's value
     * @param pathBases  for every PATH key, the absolute folder its relative value is resolved against
     * @param baseFolder the parameter file's folder (absolute), or the working directory when there is no file
     * @param source     where the parameters came from, for messages
     */
    Parameters(ParameterRegistry registry, Map<String, Object> values, Map<String, Path> pathBases, Path baseFolder,
               String source) {
        this.registry = registry;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.pathBases = Collections.unmodifiableMap(new LinkedHashMap<>(pathBases));
        this.baseFolder = baseFolder;
        this.source = source;
    }

    /** The registry these parameters were checked against. */
    public ParameterRegistry registry() {
        return registry;
    }

    /** Where the parameters came from (file name and overrides), for messages and output attributes. */
    public String source() {
        return source;
    }

    /**
     * The parameter file's folder (absolute), or the working directory when the parameters come from the command line
     * only. Relative PATH values are resolved against {@link #pathBase(String)}, which is this folder only for values
     * written in the file.
     */
    public Path baseFolder() {
        return baseFolder;
    }

    /**
     * The absolute folder a relative value of the PATH parameter {@code key} is resolved against: the parameter file's
     * folder when the value was written in the file, the working directory when it was given on the command line or
     * is the default ({@link #PATH_RULE}).
     */
    public Path pathBase(String key) {
        value(key, ParameterType.PATH);
        return pathBases.get(key);
    }

    private Object value(String key, ParameterType expected) {
        ParameterSpec spec = registry.spec(key);
        if (spec == null) {
            throw new IllegalArgumentException("no parameter " + key);
        }
        if (spec.type() != expected) {
            throw new IllegalArgumentException(key + " is " + spec.type() + ", not " + expected);
        }
        return values.get(key);
    }

    public double number(String key) {
        return (Double) value(key, ParameterType.NUMBER);
    }

    public int integer(String key) {
        return (Integer) value(key, ParameterType.INTEGER);
    }

    public boolean bool(String key) {
        return (Boolean) value(key, ParameterType.BOOLEAN);
    }

    public String string(String key) {
        return (String) value(key, ParameterType.STRING);
    }

    /**
     * A PATH parameter as an absolute, normalised path, a relative value resolved against {@link #pathBase(String)};
     * {@code null} when it is empty.
     */
    public Path path(String key) {
        String raw = (String) value(key, ParameterType.PATH);
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        return pathBases.get(key).resolve(Path.of(raw)).toAbsolutePath().normalize();
    }

    /**
     * Like {@link #path(String)} for a path the command cannot do without.
     *
     * @param command the command that needs it, for the message (e.g. "igm run")
     * @throws InputException when the value is empty
     */
    public Path requiredPath(String key, String command) {
        Path p = path(key);
        if (p == null) {
            throw new InputException(source + ": " + key + " is required by " + command);
        }
        return p;
    }

    /** A PATH parameter as written (not resolved), "" when empty. */
    public String rawPath(String key) {
        String raw = (String) value(key, ParameterType.PATH);
        return raw == null ? "" : raw;
    }

    @SuppressWarnings("unchecked")
    public List<Double> numberList(String key) {
        return (List<Double>) value(key, ParameterType.NUMBER_LIST);
    }

    /** A TABLE parameter as rows of {@code columns.size()} numbers. */
    @SuppressWarnings("unchecked")
    public double[][] table(String key) {
        List<List<Double>> rows = (List<List<Double>>) value(key, ParameterType.TABLE);
        double[][] out = new double[rows.size()][];
        for (int r = 0; r < out.length; r++) {
            out[r] = rows.get(r).stream().mapToDouble(Double::doubleValue).toArray();
        }
        return out;
    }

    /** The raw value of any key (for printing). */
    public Object raw(String key) {
        if (registry.spec(key) == null) {
            throw new IllegalArgumentException("no parameter " + key);
        }
        return values.get(key);
    }

    /**
     * The resolved parameters as a YAML document nested by component, every key present, which {@link ParameterFile}
     * reads back to equal parameters when the document lies in {@link #baseFolder()}: paths written in the parameter
     * file are kept as written, the others (command line, defaults) are made absolute. {@link #toResolvedYaml()}
     * writes every path absolute.
     */
    public String toYaml() {
        return yaml(false);
    }

    /**
     * Like {@link #toYaml()} but with every PATH parameter the absolute path that was used, so the document, read from
     * any folder, gives the same paths (what the outputs record: re-running it reproduces the run).
     */
    public String toResolvedYaml() {
        return yaml(true);
    }

    private String yaml(boolean absolutePaths) {
        StringBuilder sb = new StringBuilder();
        List<String> open = new ArrayList<>();
        for (ParameterSpec spec : registry.all()) {
            String[] parts = spec.key().split("\\.");
            int common = 0;
            while (common < open.size() && common < parts.length - 1 && open.get(common).equals(parts[common])) {
                common++;
            }
            while (open.size() > common) {
                open.removeLast();
            }
            for (int level = common; level < parts.length - 1; level++) {
                sb.append("  ".repeat(level)).append(parts[level]).append(":\n");
                open.add(parts[level]);
            }
            sb.append("  ".repeat(parts.length - 1)).append(parts[parts.length - 1]).append(": ");
            Object v = values.get(spec.key());
            if (spec.type() == ParameterType.PATH && (absolutePaths || !pathBases.get(spec.key()).equals(baseFolder))) {
                Path p = path(spec.key());
                v = p == null ? "" : p.toString();
            }
            sb.append(format(spec, v));
            if (!spec.unit().isEmpty()) {
                sb.append("  # ").append(spec.unit());
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String format(ParameterSpec spec, Object v) {
        return switch (spec.type()) {
            case NUMBER, INTEGER, BOOLEAN -> String.valueOf(v);
            case STRING, PATH -> quote((String) v);
            case NUMBER_LIST, TABLE -> String.valueOf(v);
        };
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Equal when every value is, PATH values compared as the absolute paths they resolve to. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Parameters p && p.resolvedValues().equals(resolvedValues());
    }

    @Override
    public int hashCode() {
        return resolvedValues().hashCode();
    }

    private Map<String, Object> resolvedValues() {
        Map<String, Object> out = new LinkedHashMap<>(values);
        for (String key : pathBases.keySet()) {
            Path p = path(key);
            out.put(key, p == null ? "" : p.toString());
        }
        return out;
    }
}
