package igm.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import igm.InputException;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;

class KerasModelReaderTest {

    @TempDir
    Path tmp;

    @Test
    void readsF15() {
        Path model = TestData.f15().resolve("100/model.h5");
        try (ConvNet net = KerasModelReader.read(model, 1)) {
            assertEquals(17, net.layers().size());
            assertEquals(5, net.inputChannels());
            assertEquals(6, net.outputChannels());
            assertEquals(0.01, net.leakyAlpha(), 1e-8);
            assertEquals(16, net.receptiveRadius());
            for (int l = 0; l < 16; l++) {
                assertEquals(3, net.layers().get(l).kernelSize());
                assertEquals(32, net.layers().get(l).outChannels());
                assertTrue(net.layers().get(l).leakyRelu());
            }
            assertEquals(1, net.layers().get(16).kernelSize());
            assertFalse(net.layers().get(16).leakyRelu());
            try (HdfFile hdf = new HdfFile(model)) {
                float[] k7 = (float[]) hdf.getDatasetByPath("model_weights/conv2d_7/conv2d_7/kernel:0").getDataFlat();
                float[] b16 = (float[]) hdf.getDatasetByPath("model_weights/conv2d_16/conv2d_16/bias:0").getDataFlat();
                assertArrayEquals(k7, net.layers().get(7).kernel());
                assertArrayEquals(b16, net.layers().get(16).bias());
            }
        }
    }

    /** A Keras-like layer description for writing test files. */
    record Layer(String kind, String name, Map<String, Object> config) {
    }

    static Layer conv(String name, int k, int cin, int cout, String padding, String activation) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("filters", cout);
        c.put("kernel_size", List.of(k, k));
        c.put("strides", List.of(1, 1));
        c.put("padding", padding);
        c.put("data_format", "channels_last");
        c.put("activation", activation);
        c.put("use_bias", true);
        c.put("cin", cin);
        return new Layer("Conv2D", name, c);
    }

    static Layer other(String kind, String name, Map<String, Object> config) {
        return new Layer(kind, name, config);
    }

    /** Writes a Sequential Keras-style HDF5 file with random weights; returns the layers' weights by name. */
    static Map<String, float[][]> writeSequential(Path file, List<Layer> layers, boolean withConfig) throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        StringBuilder json = new StringBuilder("{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": [");
        Map<String, float[][]> weights = new LinkedHashMap<>();
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            WritableGroup mw = hdf.putGroup("model_weights");
            for (int t = 0; t < layers.size(); t++) {
                Layer layer = layers.get(t);
                Map<String, Object> cfg = new LinkedHashMap<>(layer.config);
                cfg.remove("cin");
                cfg.put("name", layer.name);
                json.append(t == 0 ? "" : ", ").append("{\"class_name\": \"").append(layer.kind)
                        .append("\", \"config\": ").append(new com.fasterxml.jackson.databind.ObjectMapper()
                                .writeValueAsString(cfg)).append("}");
                WritableGroup g = mw.putGroup(layer.name);
                if (layer.kind.equals("Conv2D")) {
                    @SuppressWarnings("unchecked")
                    int k = ((List<Integer>) layer.config.get("kernel_size")).get(0);
                    int cin = (Integer) layer.config.get("cin");
                    int cout = (Integer) layer.config.get("filters");
                    float[][][][] kernel = new float[k][k][cin][cout];
                    float[] flat = new float[k * k * cin * cout];
                    int n = 0;
                    for (float[][][] a : kernel) {
                        for (float[][] b : a) {
                            for (float[] c : b) {
                                for (int o = 0; o < cout; o++) {
                                    c[o] = (float) random.nextDouble(-0.5, 0.5);
                                    flat[n++] = c[o];
                                }
                            }
                        }
                    }
                    float[] bias = new float[cout];
                    for (int o = 0; o < cout; o++) {
                        bias[o] = (float) random.nextDouble(-0.1, 0.1);
                    }
                    WritableGroup inner = g.putGroup(layer.name);
                    inner.putDataset("kernel:0", kernel);
                    inner.putDataset("bias:0", bias);
                    g.putAttribute("weight_names", new String[] {layer.name + "/kernel:0", layer.name + "/bias:0"});
                    weights.put(layer.name, new float[][] {flat, bias});
                }
            }
            json.append("]}}");
            if (withConfig) {
                hdf.putAttribute("model_config", json.toString());
            }
        }
        return weights;
    }

    static Layer leaky(String name, double alpha) {
        return other("LeakyReLU", name, Map.of("alpha", alpha));
    }

    @Test
    void readsSequentialModelWithDropout() throws IOException {
        Path file = tmp.resolve("seq.h5");
        Map<String, float[][]> w = writeSequential(file, List.of(
                conv("c0", 5, 2, 7, "same", "linear"), leaky("l0", 0.2), other("Dropout", "d0", Map.of("rate", 0.1)),
                conv("c1", 3, 7, 4, "same", "linear"), leaky("l1", 0.2),
                conv("out", 1, 4, 3, "valid", "linear")), true);
        try (ConvNet net = KerasModelReader.read(file, 2)) {
            assertEquals(3, net.layers().size());
            assertEquals(0.2, net.leakyAlpha(), 1e-7);
            assertEquals(5, net.layers().get(0).kernelSize());
            assertArrayEquals(w.get("c0")[0], net.layers().get(0).kernel());
            assertArrayEquals(w.get("c1")[1], net.layers().get(1).bias());
            assertArrayEquals(w.get("out")[0], net.layers().get(2).kernel());
            assertEquals(3, net.receptiveRadius());
            float[] x = ConvNetTest.randomInput(3, 9 * 6 * 2);
            float[] a = net.forwardReference(x, 9, 6);
            float[] b = net.forward(x, 9, 6);
            for (int t = 0; t < a.length; t++) {
                assertEquals(a[t], b[t], 1e-5);
            }
        }
    }

    private InputException readError(List<Layer> layers, boolean withConfig) throws IOException {
        Path file = tmp.resolve("bad" + System.nanoTime() + ".h5");
        writeSequential(file, layers, withConfig);
        InputException e = assertThrows(InputException.class, () -> KerasModelReader.read(file, 1));
        assertTrue(e.getMessage().contains(file.toString()), "message should name the file: " + e.getMessage());
        System.out.println(e.getMessage());
        return e;
    }

    @Test
    void rejectsUnsupportedArchitecturesNamingTheLayer() throws IOException {
        assertTrue(readError(List.of(conv("c0", 3, 2, 4, "valid", "linear"), leaky("l0", 0.01),
                conv("out", 1, 4, 1, "same", "linear")), true).getMessage().contains("'c0'"));
        assertTrue(readError(List.of(conv("c0", 3, 2, 4, "same", "relu"),
                conv("out", 1, 4, 1, "same", "linear")), true).getMessage().contains("relu"));
        assertTrue(readError(List.of(conv("c0", 3, 2, 4, "same", "linear"),
                conv("out", 1, 4, 1, "same", "linear")), true).getMessage().contains("not followed by a LeakyReLU"));
        assertTrue(readError(List.of(conv("c0", 3, 2, 4, "same", "linear"), leaky("l0", 0.01),
                conv("out", 3, 4, 1, "same", "linear")), true).getMessage().contains("1×1"));
        assertTrue(readError(List.of(conv("c0", 3, 2, 4, "same", "linear"), leaky("l0", 0.01),
                conv("out", 1, 4, 1, "same", "linear"), leaky("l1", 0.01)), true).getMessage().contains("linear"));
        assertTrue(readError(List.of(conv("c0", 3, 2, 4, "same", "linear"),
                other("BatchNormalization", "bn", Map.of()), leaky("l0", 0.01),
                conv("out", 1, 4, 1, "same", "linear")), true).getMessage().contains("'bn'"));
        assertTrue(readError(List.of(conv("c0", 3, 2, 4, "same", "linear"), leaky("l0", 0.01),
                conv("out", 1, 4, 1, "same", "linear")), false).getMessage().contains("model_config"));
    }

    @Test
    void rejectsMissingAndNonHdf5Files() throws IOException {
        Path missing = tmp.resolve("none.h5");
        InputException e = assertThrows(InputException.class, () -> KerasModelReader.read(missing, 1));
        assertTrue(e.getMessage().contains(missing.toString()));
        Path text = tmp.resolve("text.h5");
        Files.writeString(text, "not an HDF5 file\n".repeat(100));
        e = assertThrows(InputException.class, () -> KerasModelReader.read(text, 1));
        assertTrue(e.getMessage().contains(text.toString()), e.getMessage());
    }
}
