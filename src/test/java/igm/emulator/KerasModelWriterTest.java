package igm.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.object.datatype.FloatingPoint;

/**
 * The Keras file written from f15's own weights has f15's structure: root and {@code model_weights} attributes,
 * layer graph, weight names, dataset paths, shapes and types; the documented differences are checked too.
 */
class KerasModelWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void writtenFromF15ItHasTheStructureOfF15() throws IOException {
        Path f15 = TestData.f15().resolve("100").resolve("model.h5");
        Path ours = tmp.resolve("model.h5");
        try (ConvNet original = KerasModelReader.read(f15, 1)) {
            KerasModelWriter.write(ours, original.layers(), original.leakyAlpha());
            try (ConvNet copy = KerasModelReader.read(ours, 1)) {
                assertEquals(original.layers(), copy.layers(), "the weights read back bit for bit");
                assertEquals(original.leakyAlpha(), copy.leakyAlpha());
            }
        }
        try (HdfFile reference = new HdfFile(f15); HdfFile written = new HdfFile(ours)) {
            Set<String> rootNames = new TreeSet<>(reference.getAttributes().keySet());
            assertTrue(rootNames.remove("training_config"), "f15 has a training configuration; ours has none");
            assertEquals(rootNames, new TreeSet<>(written.getAttributes().keySet()));
            for (String name : rootNames) {
                assertStringAttribute(reference.getAttribute(name), written.getAttribute(name));
            }
            assertEquals(Set.of("model_weights", "optimizer_weights"), reference.getChildren().keySet());
            assertEquals(Set.of("model_weights"), written.getChildren().keySet(), "no optimizer state");

            Group referenceWeights = (Group) reference.getChild("model_weights");
            Group writtenWeights = (Group) written.getChild("model_weights");
            assertEquals(referenceWeights.getAttributes().keySet(), writtenWeights.getAttributes().keySet());
            for (String name : List.of("keras_version", "backend")) {
                assertEquals(referenceWeights.getAttribute(name).getData(),
                        writtenWeights.getAttribute(name).getData());
            }
            String[] referenceLayers = (String[]) referenceWeights.getAttribute("layer_names").getData();
            String[] writtenLayers = (String[]) writtenWeights.getAttribute("layer_names").getData();
            List<String> withWeights = new ArrayList<>();
            for (String layer : referenceLayers) {
                Group group = (Group) referenceWeights.getChild(layer);
                if (group.getAttribute("weight_names").getData() instanceof String[]) {
                    withWeights.add(layer);
                }
            }
            assertEquals(17, withWeights.size());
            assertEquals(withWeights, List.of(writtenLayers), "the layers with weights, in f15's order");
            assertEquals(new TreeSet<>(withWeights), new TreeSet<>(writtenWeights.getChildren().keySet()));
            for (String layer : withWeights) {
                Group referenceGroup = (Group) referenceWeights.getChild(layer);
                Group writtenGroup = (Group) writtenWeights.getChild(layer);
                String[] weightNames = (String[]) referenceGroup.getAttribute("weight_names").getData();
                assertEquals(List.of(weightNames),
                        List.of((String[]) writtenGroup.getAttribute("weight_names").getData()));
                for (String weight : weightNames) {
                    Dataset expected = (Dataset) reference.getByPath("model_weights/" + layer + "/" + weight);
                    Dataset actual = (Dataset) written.getByPath("model_weights/" + layer + "/" + weight);
                    assertNotNull(actual, layer + "/" + weight);
                    assertEquals(List.of(toList(expected.getDimensions())), List.of(toList(actual.getDimensions())));
                    assertInstanceOf(FloatingPoint.class, actual.getDataType());
                    assertEquals(expected.getDataType().getSize(), actual.getDataType().getSize(), "float32");
                    assertEquals(expected.getJavaType(), actual.getJavaType());
                }
            }
            compareModelConfigs(text(reference.getAttribute("model_config")),
                    text(written.getAttribute("model_config")));
        }
    }

    private static void assertStringAttribute(Attribute expected, Attribute actual) {
        assertEquals(String.class, expected.getJavaType());
        assertEquals(String.class, actual.getJavaType(), actual.getName());
        assertEquals(expected.isScalar(), actual.isScalar(), actual.getName());
    }

    private static String text(Attribute attribute) {
        return (String) attribute.getData();
    }

    private static List<Integer> toList(int[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }

    /** Same graph: layer classes, names, inbound nodes, configuration keys and the values that define the network. */
    private static void compareModelConfigs(String referenceText, String writtenText) throws IOException {
        JsonNode reference = JSON.readTree(referenceText);
        JsonNode written = JSON.readTree(writtenText);
        assertEquals(fieldNames(reference), fieldNames(written));
        assertEquals(reference.get("class_name"), written.get("class_name"));
        for (String key : List.of("name", "input_layers", "output_layers")) {
            assertEquals(reference.get("config").get(key), written.get("config").get(key), key);
        }
        assertEquals(fieldNames(reference.get("config")), fieldNames(written.get("config")));
        JsonNode referenceLayers = reference.get("config").get("layers");
        JsonNode writtenLayers = written.get("config").get("layers");
        assertEquals(35, referenceLayers.size());
        assertEquals(referenceLayers.size(), writtenLayers.size());
        for (int l = 0; l < referenceLayers.size(); l++) {
            JsonNode expected = referenceLayers.get(l);
            JsonNode actual = writtenLayers.get(l);
            String where = "layer " + l + " " + expected.get("name");
            assertEquals(fieldNames(expected), fieldNames(actual), where);
            for (String key : List.of("class_name", "name", "inbound_nodes")) {
                assertEquals(expected.get(key), actual.get(key), where + " " + key);
            }
            JsonNode expectedConfig = expected.get("config");
            JsonNode actualConfig = actual.get("config");
            assertEquals(fieldNames(expectedConfig), fieldNames(actualConfig), where + " config keys");
            for (String key : List.of("name", "dtype", "batch_input_shape", "filters", "kernel_size", "strides",
                    "padding", "data_format", "dilation_rate", "groups", "activation", "use_bias", "alpha")) {
                assertEquals(expectedConfig.get(key), actualConfig.get(key), where + " " + key);
            }
            if (expectedConfig.has("rate")) {
                assertEquals(expectedConfig.get("rate").asDouble(), actualConfig.get("rate").asDouble(), where);
            }
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
