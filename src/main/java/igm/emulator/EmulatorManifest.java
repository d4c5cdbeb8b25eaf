package igm.emulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import igm.InputException;
import igm.SimulationException;
import igm.Version;

/**
 * What an emulator is, written beside its weights as {@value #FILE_NAME} (JSON): the inputs and outputs with their
 * scales, the network's architecture, the grid spacing it was trained at, the instructor it imitates and that
 * solver's settings, a summary of the training data and of the training, the seed, validation scores, the program
 * version that made it and when.
 *
 * <p>The JSON object has one key per component, in snake case: {@code format_version}, {@code program_version},
 * {@code name}, {@code description}, {@code created} (ISO-8601 instant, e.g. {@code "2025-03-01T12:00:00Z"}),
 * {@code grid_spacing_m}, {@code inputs} and {@code outputs} (arrays of {@code {"name", "scale"}}),
 * {@code architecture} ({@code hidden_layers, filters, kernel_size, leaky_alpha, inputs, outputs, parameters}),
 * {@code instructor} ({@code name}, {@code settings}: an object of strings), {@code training_data} (a free-form
 * object), {@code training} ({@code epochs, batch_size, learning_rate, clip_norm, loss, final_training_loss,
 * final_validation_loss}), {@code seed} and {@code validation_scores} (an object of numbers). Every key is required
 * and no other key is accepted, except inside the free-form {@code training_data} and the maps
 * {@code instructor.settings} and {@code validation_scores}.
 *
 * @param formatVersion    version of this layout, 1 ≤ formatVersion ≤ {@value #FORMAT_VERSION}
 * @param programVersion   the program that wrote the emulator ({@link Version#full()}), not blank
 * @param name             the emulator's name, not blank
 * @param description      free text, not null (may be empty)
 * @param created          when the emulator was written
 * @param gridSpacing      the grid spacing the emulator was trained at, m, finite and positive
 * @param inputs           the network's input channels in order, not empty, distinct names without white space
 * @param outputs          the network's output channels in order, not empty, distinct names without white space
 * @param architecture     the network's shape; its input and output counts must match {@code inputs} and
 *                         {@code outputs}
 * @param instructor       the solver imitated and its settings
 * @param trainingData     a free-form summary of the training data (runs, snapshots, patches, valleys, parameter
 *                         values ...): keys not blank, values strings, booleans, whole numbers (stored as
 *                         {@code Long}), finite decimals ({@code Double}), lists and maps of such; copied into
 *                         unmodifiable maps sorted by key
 * @param training         how the network was trained
 * @param seed             the seed every random choice of the data generation and training derives from
 * @param validationScores scores on the validation data, name (e.g. {@code relative_l1}) to a finite number;
 *                         sorted by key; may be empty
 */
public record EmulatorManifest(int formatVersion, String programVersion, String name, String description,
                               Instant created, double gridSpacing, List<EmulatorField> inputs,
                               List<EmulatorField> outputs, EmulatorArchitecture architecture,
                               EmulatorInstructor instructor, Map<String, Object> trainingData,
                               EmulatorTraining training, long seed, Map<String, Double> validationScores) {

    /** The layout version this program writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    /** The manifest's file name inside an emulator folder. */
    public static final String FILE_NAME = "manifest.json";

    public EmulatorManifest {
        if (formatVersion < 1 || formatVersion > FORMAT_VERSION) {
            throw new IllegalArgumentException("format_version must be between 1 and " + FORMAT_VERSION + ", got "
                    + formatVersion);
        }
        requireText(programVersion, "program_version");
        requireText(name, "name");
        if (description == null) {
            throw new IllegalArgumentException("description must not be null (use an empty string)");
        }
        if (created == null) {
            throw new IllegalArgumentException("created must not be null");
        }
        if (!(gridSpacing > 0) || !Double.isFinite(gridSpacing)) {
            throw new IllegalArgumentException("grid_spacing_m must be finite and positive, got " + gridSpacing);
        }
        inputs = checkFields(inputs, "inputs");
        outputs = checkFields(outputs, "outputs");
        if (architecture == null || instructor == null || training == null) {
            throw new IllegalArgumentException("architecture, instructor and training must not be null");
        }
        if (architecture.inputs() != inputs.size()) {
            throw new IllegalArgumentException("architecture.inputs is " + architecture.inputs() + " but inputs lists "
                    + inputs.size() + " fields");
        }
        if (architecture.outputs() != outputs.size()) {
            throw new IllegalArgumentException("architecture.outputs is " + architecture.outputs()
                    + " but outputs lists " + outputs.size() + " fields");
        }
        trainingData = ManifestJson.freeFormMap(trainingData, "training_data");
        if (validationScores == null) {
            throw new IllegalArgumentException("validation_scores must not be null (use an empty map)");
        }
        TreeMap<String, Double> scores = new TreeMap<>();
        for (Map.Entry<String, Double> e : validationScores.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank() || e.getValue() == null
                    || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("validation_scores: each score needs a name and a finite value, "
                        + "got " + e.getKey() + " = " + e.getValue());
            }
            scores.put(e.getKey(), e.getValue());
        }
        validationScores = Collections.unmodifiableSortedMap(scores);
    }

    /**
     * A manifest of the current format, written by this program ({@link Version#full()}) now (to the second).
     *
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static EmulatorManifest create(String name, String description, double gridSpacing,
                                          List<EmulatorField> inputs, List<EmulatorField> outputs,
                                          EmulatorArchitecture architecture, EmulatorInstructor instructor,
                                          Map<String, Object> trainingData, EmulatorTraining training, long seed,
                                          Map<String, Double> validationScores) {
        return new EmulatorManifest(FORMAT_VERSION, Version.full(), name, description,
                Instant.now().truncatedTo(ChronoUnit.SECONDS), gridSpacing, inputs, outputs, architecture, instructor,
                trainingData, training, seed, validationScores);
    }

    /** This manifest as JSON text (two-space indentation, keys in the order of the components). */
    public String toJson() {
        return ManifestJson.write(this);
    }

    /**
     * Parses a manifest.
     *
     * @param text the JSON text
     * @param file where it came from, named in error messages
     * @throws InputException naming the file and the key for invalid JSON, a missing, unknown or mistyped key, a
     *                        value out of range or a format version newer than {@value #FORMAT_VERSION}
     */
    public static EmulatorManifest fromJson(String text, Path file) {
        return ManifestJson.read(text, file);
    }

    /**
     * Writes the manifest to {@code file}: to a temporary sibling first, renamed to {@code file} once complete.
     *
     * @throws InputException      when the file's folder does not exist
     * @throws SimulationException when the file cannot be written
     */
    public void write(Path file) {
        EmulatorFiles.writeAtomically(file, toJson());
    }

    /**
     * Reads a manifest file.
     *
     * @throws InputException when the file is missing or unreadable, and as {@link #fromJson}
     */
    public static EmulatorManifest read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException("emulator manifest not found: " + file);
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return fromJson(text, file);
    }

    private static void requireText(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " must not be blank");
        }
    }

    private static List<EmulatorField> checkFields(List<EmulatorField> fields, String key) {
        if (fields == null || fields.isEmpty()) {
            throw new IllegalArgumentException(key + " must list at least one field");
        }
        Set<String> names = new HashSet<>();
        for (EmulatorField field : fields) {
            if (field == null) {
                throw new IllegalArgumentException(key + " must not hold null");
            }
            if (field.name().chars().anyMatch(Character::isWhitespace) || field.name().startsWith("#")) {
                throw new IllegalArgumentException(key + ": field name '" + field.name() + "' must not contain white "
                        + "space or start with '#' (fieldin.dat and fieldout.dat hold 'name scale' lines)");
            }
            if (!names.add(field.name())) {
                throw new IllegalArgumentException(key + ": field '" + field.name() + "' listed twice");
            }
        }
        return List.copyOf(fields);
    }
}
