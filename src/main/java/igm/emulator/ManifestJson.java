package igm.emulator;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import igm.InputException;

/**
 * The JSON form of an {@link EmulatorManifest} (layout in its Javadoc), and the free-form values of its
 * {@code training_data}. Reading walks the tree by hand so that every error names the file and the key path
 * ({@code architecture.filters}, {@code inputs[2].scale}).
 */
final class ManifestJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static final List<String> TOP_KEYS = List.of("format_version", "program_version", "name", "description",
            "created", "grid_spacing_m", "inputs", "outputs", "architecture", "instructor", "training_data",
            "training", "seed", "validation_scores");
    private static final List<String> FIELD_KEYS = List.of("name", "scale");
    private static final List<String> ARCHITECTURE_KEYS = List.of("hidden_layers", "filters", "kernel_size",
            "leaky_alpha", "inputs", "outputs", "parameters");
    private static final List<String> INSTRUCTOR_KEYS = List.of("name", "settings");
    private static final List<String> TRAINING_KEYS = List.of("epochs", "batch_size", "learning_rate", "clip_norm",
            "loss", "final_training_loss", "final_validation_loss");

    private final Path file;

    private ManifestJson(Path file) {
        this.file = file;
    }

    static String write(EmulatorManifest m) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format_version", m.formatVersion());
        root.put("program_version", m.programVersion());
        root.put("name", m.name());
        root.put("description", m.description());
        root.put("created", m.created().toString());
        root.put("grid_spacing_m", m.gridSpacing());
        root.set("inputs", fields(m.inputs()));
        root.set("outputs", fields(m.outputs()));
        EmulatorArchitecture a = m.architecture();
        ObjectNode architecture = root.putObject("architecture");
        architecture.put("hidden_layers", a.hiddenLayers());
        architecture.put("filters", a.filters());
        architecture.put("kernel_size", a.kernelSize());
        architecture.put("leaky_alpha", a.leakyAlpha());
        architecture.put("inputs", a.inputs());
        architecture.put("outputs", a.outputs());
        architecture.put("parameters", a.parameters());
        ObjectNode instructor = root.putObject("instructor");
        instructor.put("name", m.instructor().name());
        ObjectNode settings = instructor.putObject("settings");
        m.instructor().settings().forEach(settings::put);
        root.set("training_data", MAPPER.valueToTree(m.trainingData()));
        EmulatorTraining t = m.training();
        ObjectNode training = root.putObject("training");
        training.put("epochs", t.epochs());
        training.put("batch_size", t.batchSize());
        training.put("learning_rate", t.learningRate());
        training.put("clip_norm", t.clipNorm());
        training.put("loss", t.loss());
        training.put("final_training_loss", t.finalTrainingLoss());
        training.put("final_validation_loss", t.finalValidationLoss());
        root.put("seed", m.seed());
        ObjectNode scores = root.putObject("validation_scores");
        m.validationScores().forEach(scores::put);
        try {
            return MAPPER.writeValueAsString(root) + System.lineSeparator();
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the manifest of " + m.name(), e);
        }
    }

    private static ArrayNode fields(List<EmulatorField> fields) {
        ArrayNode array = MAPPER.createArrayNode();
        for (EmulatorField f : fields) {
            array.addObject().put("name", f.name()).put("scale", f.scale());
        }
        return array;
    }

    static EmulatorManifest read(String text, Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InputException(file + " is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"), e);
        }
        return new ManifestJson(file).manifest(root);
    }

    private EmulatorManifest manifest(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InputException(file + ": expected a JSON object holding an emulator manifest");
        }
        int formatVersion = integer(root, "", "format_version");
        if (formatVersion < 1 || formatVersion > EmulatorManifest.FORMAT_VERSION) {
            throw new InputException(file + ": key 'format_version' is " + formatVersion + "; this program reads "
                    + "versions 1 to " + EmulatorManifest.FORMAT_VERSION);
        }
        checkKeys(root, "", TOP_KEYS);
        String createdText = text(root, "", "created");
        Instant created;
        try {
            created = Instant.parse(createdText);
        } catch (DateTimeParseException e) {
            throw new InputException(file + ": key 'created' must be an ISO-8601 date-time such as "
                    + "2025-03-01T12:00:00Z, got '" + createdText + "'", e);
        }
        JsonNode trainingData = require(root, "", "training_data");
        if (!trainingData.isObject()) {
            throw wrongType("training_data", "an object", trainingData);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        trainingData.properties().forEach(e -> data.put(e.getKey(), freeForm(e.getValue(),
                "training_data." + e.getKey())));
        Map<String, Double> scores = new LinkedHashMap<>();
        JsonNode scoresNode = object(root, "", "validation_scores");
        for (Iterator<String> it = scoresNode.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            scores.put(key, number(scoresNode, "validation_scores", key));
        }
        try {
            return new EmulatorManifest(formatVersion, text(root, "", "program_version"), text(root, "", "name"),
                    textAllowEmpty(root, "", "description"), created, positive(root, "", "grid_spacing_m"),
                    fieldList(root, "inputs"), fieldList(root, "outputs"), architecture(root), instructor(root),
                    data, training(root), longInteger(root, "", "seed"), scores);
        } catch (IllegalArgumentException e) {
            throw new InputException(file + ": " + e.getMessage(), e);
        }
    }

    private List<EmulatorField> fieldList(JsonNode root, String key) {
        JsonNode array = require(root, "", key);
        if (!array.isArray() || array.isEmpty()) {
            throw wrongType(key, "a non-empty array of {\"name\", \"scale\"} objects", array);
        }
        List<EmulatorField> fields = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String path = key + "[" + i + "]";
            JsonNode entry = array.get(i);
            if (!entry.isObject()) {
                throw wrongType(path, "an object {\"name\", \"scale\"}", entry);
            }
            checkKeys(entry, path, FIELD_KEYS);
            double scale = number(entry, path, "scale");
            if (scale == 0) {
                throw new InputException(file + ": key '" + path + ".scale' must be non-zero");
            }
            fields.add(new EmulatorField(text(entry, path, "name"), scale));
        }
        return fields;
    }

    private EmulatorArchitecture architecture(JsonNode root) {
        JsonNode a = object(root, "", "architecture");
        checkKeys(a, "architecture", ARCHITECTURE_KEYS);
        try {
            return new EmulatorArchitecture(integer(a, "architecture", "hidden_layers"),
                    integer(a, "architecture", "filters"), integer(a, "architecture", "kernel_size"),
                    number(a, "architecture", "leaky_alpha"), integer(a, "architecture", "inputs"),
                    integer(a, "architecture", "outputs"), longInteger(a, "architecture", "parameters"));
        } catch (IllegalArgumentException e) {
            throw new InputException(file + ": key 'architecture': " + e.getMessage(), e);
        }
    }

    private EmulatorInstructor instructor(JsonNode root) {
        JsonNode node = object(root, "", "instructor");
        checkKeys(node, "instructor", INSTRUCTOR_KEYS);
        JsonNode settingsNode = object(node, "instructor", "settings");
        Map<String, String> settings = new LinkedHashMap<>();
        for (Iterator<String> it = settingsNode.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            settings.put(key, text(settingsNode, "instructor.settings", key));
        }
        return new EmulatorInstructor(text(node, "instructor", "name"), settings);
    }

    private EmulatorTraining training(JsonNode root) {
        JsonNode t = object(root, "", "training");
        checkKeys(t, "training", TRAINING_KEYS);
        return new EmulatorTraining(integer(t, "training", "epochs"), integer(t, "training", "batch_size"),
                number(t, "training", "learning_rate"), number(t, "training", "clip_norm"),
                text(t, "training", "loss"), number(t, "training", "final_training_loss"),
                number(t, "training", "final_validation_loss"));
    }

    private Object freeForm(JsonNode node, String path) {
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) {
                throw new InputException(file + ": key '" + path + "' is " + node + ", beyond the range of a long");
            }
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                list.add(freeForm(node.get(i), path + "[" + i + "]"));
            }
            return list;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), freeForm(e.getValue(), path + "." + e.getKey())));
            return map;
        }
        throw wrongType(path, "a string, boolean, number, array or object", node);
    }

    /**
     * The free-form map normalised: whole numbers as {@code Long}, decimals as {@code Double}, lists and maps
     * unmodifiable (maps sorted by key), primitive arrays as lists.
     *
     * @throws IllegalArgumentException for a null map, key or value, a blank key, a non-finite decimal or a value
     *                                  of another type
     */
    static Map<String, Object> freeFormMap(Map<String, ?> map, String path) {
        if (map == null) {
            throw new IllegalArgumentException(path + " must not be null (use an empty map)");
        }
        TreeMap<String, Object> copy = new TreeMap<>();
        for (Map.Entry<String, ?> e : map.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank()) {
                throw new IllegalArgumentException(path + ": keys must not be blank, got '" + e.getKey() + "'");
            }
            copy.put(e.getKey(), freeFormValue(e.getValue(), path + "." + e.getKey()));
        }
        return Collections.unmodifiableSortedMap(copy);
    }

    private static Object freeFormValue(Object value, String path) {
        return switch (value) {
            case null -> throw new IllegalArgumentException(path + " must not be null");
            case String s -> s;
            case Boolean b -> b;
            case Integer i -> i.longValue();
            case Long l -> l;
            case Short s -> s.longValue();
            case Byte b -> b.longValue();
            case BigInteger b -> {
                if (b.bitLength() > 63) {
                    throw new IllegalArgumentException(path + " is " + b + ", beyond the range of a long");
                }
                yield b.longValue();
            }
            case Double d -> finite(d, path);
            case Float f -> finite(f.doubleValue(), path);
            case BigDecimal d -> finite(d.doubleValue(), path);
            case int[] a -> freeFormValue(Arrays.stream(a).boxed().toList(), path);
            case long[] a -> freeFormValue(Arrays.stream(a).boxed().toList(), path);
            case double[] a -> freeFormValue(Arrays.stream(a).boxed().toList(), path);
            case List<?> list -> {
                List<Object> copy = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    copy.add(freeFormValue(list.get(i), path + "[" + i + "]"));
                }
                yield Collections.unmodifiableList(copy);
            }
            case Map<?, ?> map -> {
                Map<String, Object> typed = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!(e.getKey() instanceof String key)) {
                        throw new IllegalArgumentException(path + ": keys must be strings, got " + e.getKey());
                    }
                    typed.put(key, e.getValue());
                }
                yield freeFormMap(typed, path);
            }
            default -> throw new IllegalArgumentException(path + " has a value of type "
                    + value.getClass().getSimpleName() + "; expected a string, boolean, number, list or map");
        };
    }

    private static Double finite(double value, String path) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(path + " must be finite, got " + value);
        }
        return value;
    }

    private void checkKeys(JsonNode node, String path, List<String> valid) {
        Set<String> unknown = new TreeSet<>();
        node.fieldNames().forEachRemaining(unknown::add);
        unknown.removeAll(valid);
        if (!unknown.isEmpty()) {
            throw new InputException(file + ": unknown key" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown.stream().map(k -> "'" + join(path, k) + "'").toList())
                    + "; valid keys" + (path.isEmpty() ? "" : " in '" + path + "'") + ": " + String.join(", ", valid));
        }
    }

    private JsonNode require(JsonNode parent, String path, String key) {
        JsonNode node = parent.get(key);
        if (node == null) {
            throw new InputException(file + ": missing key '" + join(path, key) + "'");
        }
        return node;
    }

    private JsonNode object(JsonNode parent, String path, String key) {
        JsonNode node = require(parent, path, key);
        if (!node.isObject()) {
            throw wrongType(join(path, key), "an object", node);
        }
        return node;
    }

    private String text(JsonNode parent, String path, String key) {
        String value = textAllowEmpty(parent, path, key);
        if (value.isBlank()) {
            throw new InputException(file + ": key '" + join(path, key) + "' must not be blank");
        }
        return value;
    }

    private String textAllowEmpty(JsonNode parent, String path, String key) {
        JsonNode node = require(parent, path, key);
        if (!node.isTextual()) {
            throw wrongType(join(path, key), "a string", node);
        }
        return node.asText();
    }

    private int integer(JsonNode parent, String path, String key) {
        JsonNode node = require(parent, path, key);
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw wrongType(join(path, key), "a whole number (int)", node);
        }
        return node.asInt();
    }

    private long longInteger(JsonNode parent, String path, String key) {
        JsonNode node = require(parent, path, key);
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw wrongType(join(path, key), "a whole number (long)", node);
        }
        return node.asLong();
    }

    private double number(JsonNode parent, String path, String key) {
        JsonNode node = require(parent, path, key);
        if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
            throw wrongType(join(path, key), "a finite number", node);
        }
        return node.asDouble();
    }

    private double positive(JsonNode parent, String path, String key) {
        double value = number(parent, path, key);
        if (!(value > 0)) {
            throw new InputException(file + ": key '" + join(path, key) + "' must be positive, got " + value);
        }
        return value;
    }

    private InputException wrongType(String path, String expected, JsonNode got) {
        String shown = got.toString();
        if (shown.length() > 60) {
            shown = shown.substring(0, 57) + "...";
        }
        return new InputException(file + ": key '" + path + "' must be " + expected + ", got " + shown);
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
