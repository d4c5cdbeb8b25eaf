package igm.params;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import igm.InputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a YAML parameter file nested by component ({@code time: {end: 2100}}) and command-line overrides
 * ({@code time.end=2100}), checks every key and value against the {@link ParameterRegistry} and resolves defaults.
 * Unknown keys, keys given twice, wrong types, out-of-range values (table cells included) and missing required keys
 * are {@link InputException}s that name the source, the key and the value, and list the valid keys or values. A
 * relative PATH value is relative to the parameter file's folder when written in the file, to the working directory
 * when given as an override or left at its default ({@link Parameters#PATH_RULE}).
 */
public final class ParameterFile {

    /** Refuses a key given twice in one mapping (Jackson would keep the last one silently). */
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private ParameterFile() {
    }

    /** Loads {@code file} with the standard registry and applies {@code overrides} ("key=value", YAML values). */
    public static Parameters load(Path file, List<String> overrides) {
        return load(ParameterRegistry.standard(), file, overrides);
    }

    /** Loads {@code file} (may be {@code null}: only overrides and defaults) and applies {@code overrides}. */
    public static Parameters load(ParameterRegistry registry, Path file, List<String> overrides) {
        if (file == null) {
            return load(registry, null, null, null, overrides);
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InputException("parameter file " + file + " does not exist");
        } catch (IOException e) {
            throw new InputException("cannot read parameter file " + file + ": " + e.getMessage(), e);
        }
        return load(registry, text, file.toString(), file.toAbsolutePath().getParent(), overrides);
    }

    /**
     * Loads a parameter document given as text (e.g. saved inside a checkpoint) and applies {@code overrides}.
     *
     * @param text  the YAML document, or {@code null} for none (only overrides and defaults)
     * @param where what the document is called in messages and in {@link Parameters#source()}
     * @param base  the folder its relative paths are relative to
     */
    public static Parameters load(ParameterRegistry registry, String text, String where, Path base,
                                  List<String> overrides) {
        Map<String, Object> given = new LinkedHashMap<>();
        Path workingDirectory = Path.of("").toAbsolutePath();
        Path baseFolder = text == null ? workingDirectory : base;
        Map<String, Path> pathBases = new LinkedHashMap<>();
        String source = "command line";
        if (text != null) {
            source = where;
            JsonNode root;
            try {
                root = YAML.readTree(text);
            } catch (JsonProcessingException e) {
                String line = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
                String duplicate = duplicateKey(e);
                if (duplicate != null) {
                    throw new InputException(where + ": " + duplicate + " is given twice" + line
                            + "; give each key once", e);
                }
                throw new InputException(where + ": not valid YAML: " + oneLine(e.getOriginalMessage()), e);
            }
            if (root != null && !root.isMissingNode() && !root.isNull()) {
                if (!root.isObject()) {
                    throw new InputException(where + ": expected a mapping of components ("
                            + String.join(", ", registry.components()) + "), got " + root.getNodeType());
                }
                walk(registry, where, "", root, given);
            }
            for (String key : given.keySet()) {
                pathBases.put(key, baseFolder);
            }
        }
        for (String override : overrides) {
            int eq = override.indexOf('=');
            if (eq <= 0) {
                throw new InputException("override '" + override + "' must be key=value, e.g. time.end=2100");
            }
            String key = override.substring(0, eq).trim();
            String raw = override.substring(eq + 1).trim();
            ParameterSpec spec = registry.spec(key);
            if (spec == null) {
                throw unknownKey(registry, "--set " + override, key);
            }
            JsonNode node;
            try {
                node = raw.isEmpty() ? NullNode.getInstance() : YAML.readTree(raw);
            } catch (JsonProcessingException e) {
                throw new InputException("--set " + override + ": value is not valid YAML: " + e.getOriginalMessage());
            }
            if (node == null || node.isMissingNode()) {
                node = NullNode.getInstance();
            }
            if (spec.type() == ParameterType.STRING || spec.type() == ParameterType.PATH) {
                node = YAML.getNodeFactory().textNode(raw);
            }
            given.put(key, convert(spec, node, "--set " + override));
            pathBases.put(key, workingDirectory);
            source += (source.isEmpty() ? "" : " ") + "--set " + override;
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        for (ParameterSpec spec : registry.all()) {
            Object v = given.containsKey(spec.key()) ? given.get(spec.key()) : spec.defaultValue();
            if (v == null) {
                throw new InputException((text == null ? "parameters" : where) + ": parameter "
                        + spec.key() + " is required (" + spec.description() + ")");
            }
            resolved.put(spec.key(), v);
        }
        Map<String, Path> bases = new LinkedHashMap<>();
        for (ParameterSpec spec : registry.all()) {
            if (spec.type() == ParameterType.PATH) {
                bases.put(spec.key(), pathBases.getOrDefault(spec.key(), workingDirectory));
            }
        }
        Parameters p = new Parameters(registry, resolved, bases, baseFolder, source);
        checkConsistency(p);
        return p;
    }

    /**
     * The parser's message in one line: its statements and where they point ("at line L, column C"), without the
     * echoed source lines and carets SnakeYAML puts under them.
     */
    static String oneLine(String message) {
        List<String> parts = new ArrayList<>();
        for (String line : message.split("\\R")) {
            boolean statement = !line.isBlank() && !line.startsWith("  ") && !line.strip().matches("\\^+");
            if (statement) {
                parts.add(line.strip().replaceFirst(":$", "").replace("in 'reader', ", "at "));
            }
        }
        return String.join(" ", parts).replaceAll("(column \\d+) ", "$1; ");
    }

    /**
     * The dotted key of a duplicate-key error of the YAML parser ({@code time.end}), or {@code null} when {@code e} is
     * another error.
     */
    private static String duplicateKey(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null || !message.startsWith("Duplicate field")) {
            return null;
        }
        if (e.getProcessor() instanceof JsonParser parser) {
            List<String> names = new ArrayList<>();
            for (JsonStreamContext c = parser.getParsingContext(); c != null; c = c.getParent()) {
                if (c.getCurrentName() != null) {
                    names.addFirst(c.getCurrentName());
                }
            }
            if (!names.isEmpty()) {
                return "key '" + String.join(".", names) + "'";
            }
        }
        return "a key (" + message + ")";
    }

    private static void checkConsistency(Parameters p) {
        if (p.registry().spec("time.start") != null && p.registry().spec("time.end") != null
                && !(p.number("time.end") >= p.number("time.start"))) {
            throw new InputException(p.source() + ": time.end (" + p.number("time.end")
                    + ") must be after time.start (" + p.number("time.start") + "), or equal to it for a "
                    + "diagnostic run");
        }
    }

    private static void walk(ParameterRegistry registry, String file, String prefix, JsonNode node,
                             Map<String, Object> given) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            ParameterSpec spec = registry.spec(key);
            if (spec != null) {
                given.put(key, convert(spec, e.getValue(), file));
            } else if (e.getValue().isObject() && hasKeysUnder(registry, key)) {
                walk(registry, file, key, e.getValue(), given);
            } else if (prefix.isEmpty()) {
                throw new InputException(file + ": unknown component '" + key + "'; valid components: "
                        + String.join(", ", registry.components()));
            } else {
                throw unknownKey(registry, file, key);
            }
        }
    }

    private static boolean hasKeysUnder(ParameterRegistry registry, String prefix) {
        return registry.all().stream().anyMatch(s -> s.key().startsWith(prefix + "."));
    }

    private static InputException unknownKey(ParameterRegistry registry, String where, String key) {
        int dot = key.indexOf('.');
        String component = dot < 0 ? key : key.substring(0, dot);
        List<String> valid = registry.keysOf(component);
        if (valid.isEmpty()) {
            return new InputException(where + ": unknown parameter '" + key + "'; valid components: "
                    + String.join(", ", registry.components()));
        }
        return new InputException(where + ": unknown parameter '" + key + "'; valid keys of '" + component + "': "
                + String.join(", ", valid));
    }

    private static Object convert(ParameterSpec spec, JsonNode node, String where) {
        String key = spec.key();
        switch (spec.type()) {
            case NUMBER -> {
                double v = number(node, key, where);
                checkRange(spec, v, where);
                return v;
            }
            case INTEGER -> {
                double v = number(node, key, where);
                if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
                    throw bad(where, key, node, "a whole number");
                }
                checkRange(spec, v, where);
                return (int) v;
            }
            case BOOLEAN -> {
                if (node.isBoolean()) {
                    return node.booleanValue();
                }
                if (node.isTextual() && (node.textValue().equalsIgnoreCase("true")
                        || node.textValue().equalsIgnoreCase("false"))) {
                    return Boolean.parseBoolean(node.textValue());
                }
                throw bad(where, key, node, "true or false");
            }
            case STRING, PATH -> {
                if (node.isNull()) {
                    return "";
                }
                if (!node.isValueNode()) {
                    throw bad(where, key, node, "a text value");
                }
                String s = node.asText();
                if (!spec.choices().isEmpty() && !spec.choices().contains(s)) {
                    throw new InputException(where + ": " + key + " = '" + s + "' is not valid; expected "
                            + spec.constraint());
                }
                return s;
            }
            case NUMBER_LIST -> {
                if (node.isNull()) {
                    return List.of();
                }
                List<Double> out = new ArrayList<>();
                if (node.isArray()) {
                    for (JsonNode item : node) {
                        out.add(number(item, key, where));
                    }
                } else {
                    out.add(number(node, key, where));
                }
                for (double v : out) {
                    checkRange(spec, v, where);
                }
                return List.copyOf(out);
            }
            case TABLE -> {
                if (!node.isArray() || node.isEmpty()) {
                    throw bad(where, key, node, "a non-empty list of rows " + spec.constraint());
                }
                List<List<Double>> rows = new ArrayList<>();
                boolean singleRow = !node.get(0).isArray();
                Iterable<JsonNode> rowNodes = singleRow ? List.of(node) : node;
                for (JsonNode row : rowNodes) {
                    if (!row.isArray() || row.size() != spec.columns().size()) {
                        throw new InputException(where + ": " + key + " row " + row + " must have "
                                + spec.columns().size() + " numbers " + spec.constraint());
                    }
                    List<Double> r = new ArrayList<>();
                    for (JsonNode item : row) {
                        double v = number(item, key, where);
                        checkCell(spec, rows.size(), r.size(), v, where);
                        r.add(v);
                    }
                    rows.add(List.copyOf(r));
                }
                return List.copyOf(rows);
            }
            default -> throw new IllegalStateException(spec.type().toString());
        }
    }

    private static double number(JsonNode node, String key, String where) {
        double v;
        if (node.isNumber()) {
            v = node.doubleValue();
        } else if (node.isTextual()) {
            try {
                v = Double.parseDouble(node.textValue().trim());
            } catch (NumberFormatException e) {
                throw bad(where, key, node, "a number");
            }
        } else {
            throw bad(where, key, node, "a number");
        }
        if (!Double.isFinite(v)) {
            throw bad(where, key, node, "a finite number");
        }
        return v;
    }

    private static void checkRange(ParameterSpec spec, double v, String where) {
        if ((!Double.isNaN(spec.min()) && v < spec.min()) || (!Double.isNaN(spec.max()) && v > spec.max())) {
            String value = spec.type() == ParameterType.INTEGER ? Long.toString((long) v) : Double.toString(v);
            throw new InputException(where + ": " + spec.key() + " = " + value + " is out of range; expected "
                    + spec.constraint() + (spec.unit().isEmpty() ? "" : " " + spec.unit()));
        }
    }

    /** Checks the cell of row {@code row} (0-based), column {@code column} of a TABLE against its column's range. */
    private static void checkCell(ParameterSpec spec, int row, int column, double v, String where) {
        double min = spec.columnMin(column);
        double max = spec.columnMax(column);
        if ((!Double.isNaN(min) && v < min) || (!Double.isNaN(max) && v > max)) {
            String unit = spec.columnUnit(column);
            throw new InputException(where + ": " + spec.key() + " row " + (row + 1) + ", column '"
                    + spec.columns().get(column) + "' = " + v + " is out of range; expected "
                    + ParameterSpec.range(min, max) + (unit.isEmpty() ? "" : " " + unit));
        }
    }

    private static InputException bad(String where, String key, JsonNode node, String expected) {
        return new InputException(where + ": " + key + " = " + node + " is not valid; expected " + expected);
    }
}
