package igm.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import igm.InputException;

/** The emulator manifest: JSON round trip, normalised free-form values, and one clear error per bad file. */
class EmulatorManifestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final EmulatorManifest manifest =
            EmulatorSamples.manifest("sample", EmulatorSamples.layers(1, 3, 2, 4, 3, 2), 100);

    @Test
    void jsonRoundTripGivesAnEqualManifest() throws IOException {
        Path file = tmp.resolve("manifest.json");
        manifest.write(file);
        EmulatorManifest read = EmulatorManifest.read(file);
        assertEquals(manifest, read);
        assertEquals(manifest.toJson(), read.toJson());
        assertEquals(List.of(0.01, 0.1, 1.0), read.trainingData().get("c_values"));
        assertEquals(12L, read.trainingData().get("runs"));
        assertEquals(Map.of("nx", 32L, "ny", 32L), read.trainingData().get("patch_size"));
        assertEquals(EmulatorManifest.FORMAT_VERSION, read.formatVersion());
        assertTrue(read.programVersion().startsWith(igm.Version.NAME), read.programVersion());
        try (var listing = Files.list(tmp)) {
            assertEquals(List.of(file), listing.toList(), "no temporary file is left beside the manifest");
        }
    }

    @Test
    void freeFormValuesAreNormalisedAndChecked() {
        assertInstanceOf(Long.class, manifest.trainingData().get("patches"), "Integer is stored as Long");
        assertEquals(List.of("augmented", "c_values", "ela_m", "patch_size", "patches", "runs", "snapshots",
                "valleys"), List.copyOf(manifest.trainingData().keySet()), "sorted by key");
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> withTrainingData(Map.of("bad", Double.NaN)));
        assertTrue(nan.getMessage().contains("training_data.bad"), nan.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> withTrainingData(Map.of("when", new java.util.Date())));
        assertTrue(type.getMessage().contains("training_data.when") && type.getMessage().contains("Date"),
                type.getMessage());
    }

    private EmulatorManifest withTrainingData(Map<String, Object> data) {
        EmulatorManifest m = manifest;
        return new EmulatorManifest(m.formatVersion(), m.programVersion(), m.name(), m.description(), m.created(),
                m.gridSpacing(), m.inputs(), m.outputs(), m.architecture(), m.instructor(), data, m.training(),
                m.seed(), m.validationScores());
    }

    @Test
    void architectureMustMatchTheFieldCounts() {
        EmulatorManifest m = manifest;
        EmulatorArchitecture wider = EmulatorArchitecture.of(2, 4, 3, 0.01, 4, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EmulatorManifest(m.formatVersion(), m.programVersion(), m.name(), m.description(),
                        m.created(), m.gridSpacing(), m.inputs(), m.outputs(), wider, m.instructor(),
                        m.trainingData(), m.training(), m.seed(), m.validationScores()));
        assertTrue(e.getMessage().contains("architecture.inputs is 4") && e.getMessage().contains("3 fields"),
                e.getMessage());
        IllegalArgumentException parameters = assertThrows(IllegalArgumentException.class,
                () -> new EmulatorArchitecture(2, 4, 3, 0.01, 3, 2, 999));
        assertTrue(parameters.getMessage().contains("parameters must be " + (3 * 3 * 3 * 4 + 4 + 3 * 3 * 4 * 4 + 4
                + 4 * 2 + 2)), parameters.getMessage());
    }

    @Test
    void missingKeysAreNamedWithTheFile() throws IOException {
        assertError(root -> root.remove("seed"), "missing key 'seed'");
        assertError(root -> ((ObjectNode) root.get("architecture")).remove("filters"),
                "missing key 'architecture.filters'");
        assertError(root -> ((ObjectNode) root.get("inputs").get(1)).remove("scale"),
                "missing key 'inputs[1].scale'");
        assertError(root -> ((ObjectNode) root.get("training")).remove("final_validation_loss"),
                "missing key 'training.final_validation_loss'");
    }

    @Test
    void wrongTypesAreNamedWithTheFile() throws IOException {
        assertError(root -> ((ObjectNode) root.get("architecture")).put("filters", "32"),
                "key 'architecture.filters' must be a whole number (int), got \"32\"");
        assertError(root -> root.put("grid_spacing_m", "100 m"), "key 'grid_spacing_m' must be a finite number");
        assertError(root -> ((ObjectNode) root.get("inputs").get(0)).put("name", 5), "key 'inputs[0].name'");
        assertError(root -> root.put("seed", 1.5), "key 'seed' must be a whole number (long), got 1.5");
        assertError(root -> ((ObjectNode) root.get("instructor").get("settings")).put("tolerance", 1e-6),
                "key 'instructor.settings.tolerance' must be a string");
        assertError(root -> ((ObjectNode) root.get("training_data")).putNull("valleys"),
                "key 'training_data.valleys' must be a string, boolean, number, array or object, got null");
        assertError(root -> root.put("created", "yesterday"), "key 'created' must be an ISO-8601 date-time");
    }

    @Test
    void badValuesUnknownKeysAndNewerVersionsAreErrors() throws IOException {
        assertError(root -> ((ObjectNode) root.get("training")).put("batch_size", 0),
                "training.batch_size must be at least 1, got 0");
        assertError(root -> ((ObjectNode) root.get("architecture")).put("parameters", 7),
                "key 'architecture': parameters must be");
        assertError(root -> ((ObjectNode) root.get("inputs").get(2)).put("scale", 0),
                "key 'inputs[2].scale' must be non-zero");
        assertError(root -> root.put("grid_spacing_m", -100), "key 'grid_spacing_m' must be positive");
        assertError(root -> root.put("resolution", 100), "unknown key 'resolution'; valid keys: format_version");
        assertError(root -> ((ObjectNode) root.get("training")).put("optimizer", "adam"),
                "unknown key 'training.optimizer'; valid keys in 'training': epochs");
        assertError(root -> root.put("format_version", EmulatorManifest.FORMAT_VERSION + 1),
                "key 'format_version' is " + (EmulatorManifest.FORMAT_VERSION + 1));
    }

    @Test
    void unreadableFilesAreErrors() throws IOException {
        Path file = Files.writeString(tmp.resolve("broken.json"), "{\"format_version\": 1,");
        InputException invalid = assertThrows(InputException.class, () -> EmulatorManifest.read(file));
        assertTrue(invalid.getMessage().startsWith(file + " is not valid JSON"), invalid.getMessage());
        Path array = Files.writeString(tmp.resolve("array.json"), "[1, 2]");
        InputException notObject = assertThrows(InputException.class, () -> EmulatorManifest.read(array));
        assertTrue(notObject.getMessage().contains("expected a JSON object"), notObject.getMessage());
        Path absent = tmp.resolve("absent.json");
        InputException missing = assertThrows(InputException.class, () -> EmulatorManifest.read(absent));
        assertTrue(missing.getMessage().contains(absent.toString()), missing.getMessage());
    }

    /** Writes the sample manifest edited by {@code edit}, reads it, and checks the error names the file and says
     * {@code expected}. */
    private void assertError(java.util.function.Consumer<ObjectNode> edit, String expected) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(manifest.toJson());
        edit.accept(root);
        Path file = tmp.resolve("edited-" + Integer.toHexString(expected.hashCode()) + ".json");
        Files.writeString(file, root.toString());
        InputException e = assertThrows(InputException.class, () -> EmulatorManifest.read(file), expected);
        System.out.println(e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
