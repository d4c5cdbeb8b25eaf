package igm.emulator.training;

import static igm.emulator.training.TrainingTestData.randomBatch;
import static igm.emulator.training.TrainingTestData.randomParameters;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import igm.SharedData;
import igm.emulator.ConvLayer;
import igm.emulator.ConvNet;
import igm.emulator.KerasModelReader;

class TrainableNetworkTest {

    @Test
    void initialisationIsSeededAndWithinGlorotBounds() {
        Architecture architecture = Architecture.of(5, 6, 16, 32, 3);
        float[] first = TrainableNetwork.initialise(architecture, 7).parameters();
        assertArrayEquals(first, TrainableNetwork.initialise(architecture, 7).parameters(), "same seed");
        float[] other = TrainableNetwork.initialise(architecture, 8).parameters();
        assertFalse(Arrays.equals(first, other), "different seeds");
        for (int l = 0; l < architecture.convolutionCount(); l++) {
            double limit = TrainableNetwork.glorotLimit(architecture, l);
            int k = architecture.kernelSize(l);
            assertEquals(Math.sqrt(6.0 / (k * k * (architecture.inChannels(l) + architecture.outChannels(l)))), limit,
                    1e-15);
            int offset = architecture.kernelOffset(l);
            int n = architecture.kernelLength(l);
            double sumSquares = 0;
            double largest = 0;
            for (int t = offset; t < offset + n; t++) {
                assertTrue(Math.abs(first[t]) <= limit, "layer " + l + " weight " + t + " = " + first[t]
                        + " beyond ±" + limit);
                sumSquares += (double) first[t] * first[t];
                largest = Math.max(largest, Math.abs(first[t]));
            }
            // uniform on ±L: variance L²/3; with n ≥ 192 draws the sample variance is within 15 % (≈ 5 σ) of it
            assertEquals(limit * limit / 3, sumSquares / n, 0.15 * limit * limit / 3, "variance of layer " + l);
            assertTrue(largest > 0.9 * limit, "layer " + l + " does not reach its bound");
            for (int o = 0; o < architecture.outChannels(l); o++) {
                assertEquals(0f, first[architecture.biasOffset(l) + o], "bias " + o + " of layer " + l);
            }
        }
    }

    @Test
    void parameterLayoutRoundTripsThroughLayers() {
        Architecture architecture = new Architecture(3, 2, 2, 5, 5, 0.2);
        float[] parameters = randomParameters(architecture, 4);
        TrainableNetwork network = TrainableNetwork.of(architecture, parameters);
        List<ConvLayer> layers = network.toLayers();
        assertEquals(3, layers.size());
        // the flat layout is Keras order (dy, dx, c, o) per layer, then the biases
        for (int l = 0; l < layers.size(); l++) {
            ConvLayer layer = layers.get(l);
            int k = architecture.kernelSize(l);
            assertEquals(k, layer.kernelSize());
            assertEquals(l < 2, layer.leakyRelu());
            int cin = architecture.inChannels(l);
            int cout = architecture.outChannels(l);
            for (int dy = 0; dy < k; dy++) {
                for (int dx = 0; dx < k; dx++) {
                    for (int c = 0; c < cin; c++) {
                        for (int o = 0; o < cout; o++) {
                            assertEquals(parameters[architecture.kernelOffset(l) + ((dy * k + dx) * cin + c) * cout
                                    + o], layer.weight(dy, dx, c, o));
                        }
                    }
                }
            }
            for (int o = 0; o < cout; o++) {
                assertEquals(parameters[architecture.biasOffset(l) + o], layer.bias()[o]);
            }
        }
        TrainableNetwork back = TrainableNetwork.fromLayers(layers, 0.2);
        assertEquals(architecture, back.architecture());
        assertArrayEquals(parameters, back.parameters());
        assertEquals(layers, back.toLayers());

        float[] changed = parameters.clone();
        changed[5] += 1;
        network.setParameters(changed);
        assertArrayEquals(changed, network.parameters());
        network.parameters()[0] = 99;
        assertArrayEquals(changed, network.parameters(), "parameters() is a copy");
        assertThrows(IllegalArgumentException.class, () -> network.setParameters(new float[3]));
        assertThrows(IllegalArgumentException.class, () -> TrainableNetwork.of(architecture, new float[3]));
    }

    @Test
    void fromLayersRejectsOtherShapes() {
        List<ConvLayer> layers = TrainableNetwork.of(Architecture.of(3, 2, 2, 5, 3),
                randomParameters(Architecture.of(3, 2, 2, 5, 3), 1)).toLayers();
        assertThrows(IllegalArgumentException.class, () -> TrainableNetwork.fromLayers(layers.subList(2, 3), 0.01));
        List<ConvLayer> noActivation = new ArrayList<>(layers);
        ConvLayer hidden = layers.get(1);
        noActivation.set(1, new ConvLayer(3, 5, 5, hidden.kernel(), hidden.bias(), false));
        assertThrows(IllegalArgumentException.class, () -> TrainableNetwork.fromLayers(noActivation, 0.01));
        List<ConvLayer> wideLast = new ArrayList<>(layers.subList(0, 2));
        wideLast.add(new ConvLayer(3, 5, 2, new float[3 * 3 * 5 * 2], new float[2], false));
        assertThrows(IllegalArgumentException.class, () -> TrainableNetwork.fromLayers(wideLast, 0.01));
    }

    @Test
    void predictionEqualsTheInferenceNetwork() {
        Architecture architecture = Architecture.of(5, 6, 3, 20, 3);
        float[] parameters = randomParameters(architecture, 21);
        Batch batch = randomBatch(architecture, 2, 13, 11, 22);
        TrainableNetwork network = TrainableNetwork.of(architecture, parameters);
        float[] predicted;
        try (GradientEngine engine = new GradientEngine(architecture, 2)) {
            predicted = engine.predict(parameters, batch);
        }
        assertSamePrediction(network, batch, predicted);
    }

    @Test
    void readsTheF15EmulatorAndPredictsAsItsConvNet() {
        Path model = SharedData.resolve("igm-emulators/f15_cfsflow_GJ_22_a/100/model.h5");
        Assumptions.assumeTrue(model != null && Files.isRegularFile(model),
                "IGM's f15 emulator not found in " + SharedData.WHERE + ": skipped");
        try (ConvNet net = KerasModelReader.read(model, 1)) {
            TrainableNetwork network = TrainableNetwork.fromLayers(net.layers(), net.leakyAlpha());
            Architecture architecture = network.architecture();
            assertEquals(Architecture.of(5, 6, 16, 32, 3).parameterCount(), architecture.parameterCount());
            assertEquals(new Architecture(5, 6, 16, 32, 3, net.leakyAlpha()), architecture);
            assertEquals(net.layers(), network.toLayers());
            assertEquals(net.flopsPerCell(), architecture.flopsPerCell());
            Batch batch = randomBatch(architecture, 1, 12, 10, 3);
            try (GradientEngine engine = new GradientEngine(architecture, 1)) {
                assertSamePrediction(network, batch, engine.predict(network.parameters(), batch));
            }
        }
    }

    /** Each sample's prediction equals the {@link ConvNet} forward passes, fast and reference, to float rounding. */
    private static void assertSamePrediction(TrainableNetwork network, Batch batch, float[] predicted) {
        int per = batch.cellsPerSample() * batch.outputChannels();
        int perInput = batch.cellsPerSample() * batch.inputChannels();
        try (ConvNet net = network.toConvNet(1)) {
            for (int b = 0; b < batch.size(); b++) {
                float[] input = Arrays.copyOfRange(batch.inputs(), b * perInput, (b + 1) * perInput);
                float[] fast = net.forward(input, batch.width(), batch.height());
                float[] reference = net.forwardReference(input, batch.width(), batch.height());
                double scale = 0;
                for (float v : reference) {
                    scale = Math.max(scale, Math.abs(v));
                }
                assertTrue(scale > 0, "degenerate network");
                for (int t = 0; t < per; t++) {
                    // same float operations as ConvNet's fast pass up to the order of the sums
                    assertEquals(fast[t], predicted[b * per + t], 1e-6 * scale, "sample " + b + " value " + t);
                    assertEquals(reference[t], predicted[b * per + t], 1e-5 * scale, "sample " + b + " value " + t);
                }
            }
        }
    }
}
