package igm.io.params;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolved, validated and immutable run parameters: every registry key has a value (given or default). Built by
 * {@link ParameterFile}; getters throw {@link IllegalArgumentException} for keys that are not in the registry.
 */
public final class Parameters {

    private final ParameterRegistry registry;
    private final Map<String, Object> values;
    private final Path baseFolder;
    private final String source;

    Parameters(ParameterRegistry registry, Map<String, Object> values, Path baseFolder, String source) {
        this.registry = registry;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
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

    /** The folder against which relative PATH parameters are resolved (the parameter file's folder). */
    public Path baseFolder() {
        return baseFolder;
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

    /** A PATH parameter resolved against {@link #baseFolder()}, or {@code null} when it is empty. */
    public Path path(String key) {
        String raw = (String) value(key, ParameterType.PATH);
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        Path p = Path.of(raw);
        return p.isAbsolute() ? p : baseFolder.resolve(p).normalize();
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
     * reads back to equal parameters (paths as written, so keep the document beside the original when it has
     * relative paths; {@link #toResolvedYaml()} writes absolute paths).
     */
    public String toYaml() {
        return yaml(false);
    }

    /** Like {@link #toYaml()} but with PATH parameters made absolute, so the document works from any folder. */
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
            if (spec.type() == ParameterType.PATH && absolutePaths) {
                Path p = path(spec.key());
                v = p == null ? "" : p.toAbsolutePath().toString();
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

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameters p && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }
}
