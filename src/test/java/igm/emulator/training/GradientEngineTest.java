package igm.emulator.training;

import static igm.emulator.training.TrainingTestData.maxAbs;
import static igm.emulator.training.TrainingTestData.randomBatch;
import static igm.emulator.training.TrainingTestData.randomParameters;
import static igm.emulator.training.TrainingTestData.toDouble;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GradientEngineTest {

    @Test
    void gradientMatchesCentralFiniteDifferences() {
        Architecture architecture = Architecture.of(5, 6, 3, 4, 3);
        float[] parameters = randomParameters(architecture, 11);
        Batch batch = randomBatch(architecture, 3, 8, 8, 12);
        float[] gradient = new float[parameters.length];
        try (GradientEngine engine = new GradientEngine(architecture, 2)) {
            engine.lossAndGradient(parameters, batch, gradient);
        }
        double[] p = toDouble(parameters);
        double[] reference = new double[p.length];
        ReferenceGradient.lossAndGradient(architecture, p, batch, reference);
        double scale = maxAbs(reference);
        // Between kinks the loss is exactly linear in any single parameter (every layer is linear in its weights and
        // LeakyReLU and |·| are piecewise linear), so a central difference that does not straddle a kink is exact up
        // to the rounding of the double loss, ~1e-16/h: the reference gradient must match it to 1e-8 relative.
        // The engine works in float32 (ε = 6e-8): each gradient entry is a sum over the 8·8·3 cells of the batch of
        // products that went through 3 layers of sums of 4 channels × 9 taps; random-walk rounding over those few
        // hundred terms gives ~√n·ε ≈ 1e-6 of the terms' magnitude, bounded by the largest gradient entry, hence
        // 1e-6·max|g| + 1e-6·|g| (the errors measured here with 16-float vectors are below 1e-7·max|g|).
        double h = 1e-4;
        int checked = 0;
        int firstLayer = 0;
        int biases = 0;
        int lastLayer = 0;
        for (int q = 0; q < p.length; q++) {
            double[] plus = p.clone();
            double[] minus = p.clone();
            plus[q] += h;
            minus[q] -= h;
            if (!Arrays.equals(ReferenceGradient.kinkPattern(architecture, plus, batch),
                    ReferenceGradient.kinkPattern(architecture, minus, batch))) {
                continue;
            }
            double finiteDifference = (ReferenceGradient.loss(architecture, plus, batch)
                    - ReferenceGradient.loss(architecture, minus, batch)) / (2 * h);
            assertEquals(finiteDifference, reference[q], 1e-8 * scale, "reference gradient, parameter " + q);
            assertEquals(finiteDifference, gradient[q], 1e-6 * scale + 1e-6 * Math.abs(finiteDifference),
                    "vectorised gradient, parameter " + q);
            checked++;
            if (q < architecture.biasOffset(0)) {
                firstLayer++;
            }
            if (q >= architecture.kernelOffset(architecture.layers())) {
                lastLayer++;
            }
            for (int l = 0; l < architecture.convolutionCount(); l++) {
                if (q >= architecture.biasOffset(l) && q < architecture.biasOffset(l) + architecture.outChannels(l)) {
                    biases++;
                }
            }
        }
        assertTrue(checked >= 0.9 * p.length, "only " + checked + " of " + p.length + " parameters away from kinks");
        assertTrue(firstLayer >= 150 && biases >= 15 && lastLayer >= 25,
                "checked " + firstLayer + " first-layer weights, " + biases + " biases, " + lastLayer
                        + " last-layer parameters");
    }

    /**
     * The gradient with respect to the inputs (weights fixed) against central finite differences of the double
     * reference loss, for every input value whose step crosses no kink: between kinks the loss is exactly linear in
     * one input, so the difference is exact up to rounding; the engine's float32 sums give the tolerance of the
     * weight-gradient test. One and two threads give the same gradient bit for bit, and the loss is the MAE.
     */
    @Test
    void inputGradientMatchesCentralFiniteDifferences() {
        Architecture architecture = Architecture.of(5, 6, 3, 4, 3);
        double[] p = toDouble(randomParameters(architecture, 21));
        float[] parameters = randomParameters(architecture, 21);
        Batch batch = randomBatch(architecture, 2, 7, 9, 22);
        float[] gradient = new float[batch.inputs().length];
        float[] twoThreads = new float[gradient.length];
        double loss;
        try (GradientEngine engine = new GradientEngine(architecture, 1)) {
            loss = engine.lossAndInputGradient(parameters, batch, MeanAbsoluteError.INSTANCE, gradient);
        }
        try (GradientEngine engine = new GradientEngine(architecture, 2)) {
            engine.lossAndInputGradient(parameters, batch, MeanAbsoluteError.INSTANCE, twoThreads);
        }
        assertArrayEquals(gradient, twoThreads, "one thread = two threads");
        assertEquals(ReferenceGradient.loss(architecture, p, batch), loss, 1e-6 * loss);
        double scale = maxAbs(toDouble(gradient));
        int checked = 0;
        for (int q = 0; q < gradient.length; q++) {
            float[] up = batch.inputs().clone();
            float[] down = batch.inputs().clone();
            up[q] += 1e-3f;
            down[q] -= 1e-3f;
            Batch plus = new Batch(batch.size(), batch.height(), batch.width(), batch.inputChannels(),
                    batch.outputChannels(), up, batch.targets());
            Batch minus = new Batch(batch.size(), batch.height(), batch.width(), batch.inputChannels(),
                    batch.outputChannels(), down, batch.targets());
            if (!Arrays.equals(ReferenceGradient.kinkPattern(architecture, p, plus),
                    ReferenceGradient.kinkPattern(architecture, p, minus))) {
                continue;
            }
            double finiteDifference = (ReferenceGradient.loss(architecture, p, plus)
                    - ReferenceGradient.loss(architecture, p, minus)) / ((double) up[q] - down[q]);
            assertEquals(finiteDifference, gradient[q], 1e-6 * scale + 1e-6 * Math.abs(finiteDifference),
                    "input value " + q);
            checked++;
        }
        assertTrue(checked >= 0.8 * gradient.length, "only " + checked + " of " + gradient.length
                + " input values away from kinks");
        assertTrue(scale > 0, "the gradient is not zero");
    }

    @ParameterizedTest(name = "{0} layers × {1} filters {2}×{2}, {3}→{4}, {5} patches {6}×{7}, {8} thread(s)")
    @CsvSource({
            "3, 7, 3, 5, 6, 3, 13, 11, 2",
            "3, 7, 3, 5, 6, 1, 13, 11, 2",
            "2, 20, 5, 5, 6, 2, 13, 11, 1",
            "2, 33, 3, 2, 17, 2, 9, 6, 2",
            "4, 16, 3, 5, 6, 2, 3, 5, 2",
            "1, 5, 1, 3, 2, 4, 7, 7, 1",
            "2, 64, 3, 3, 2, 2, 5, 6, 2",
    })
    void vectorisedMatchesScalarReference(int layers, int filters, int kernel, int inputs, int outputs, int size,
                                          int height, int width, int threads) {
        Architecture architecture = Architecture.of(inputs, outputs, layers, filters, kernel);
        float[] parameters = randomParameters(architecture, layers * 100L + filters);
        Batch batch = randomBatch(architecture, size, height, width, filters * 7L + kernel);
        double[] p = toDouble(parameters);
        double[] expected = new double[p.length];
        double expectedLoss = ReferenceGradient.lossAndGradient(architecture, p, batch, expected);
        double[] expectedOutputs = ReferenceGradient.predict(architecture, p, batch);
        float[] gradient = new float[parameters.length];
        try (GradientEngine engine = new GradientEngine(architecture, threads)) {
            double loss = engine.lossAndGradient(parameters, batch, gradient);
            // float32 forward: outputs carry relative rounding ~1e-6 of the activations' scale
            assertEquals(expectedLoss, loss, 1e-5 * expectedLoss, "loss");
            assertEquals(loss, engine.loss(parameters, batch), 0.0, "loss() equals lossAndGradient()");
            float[] predicted = engine.predict(parameters, batch);
            double outputScale = maxAbs(expectedOutputs);
            for (int t = 0; t < predicted.length; t++) {
                assertEquals(expectedOutputs[t], predicted[t], 1e-5 * outputScale, "output " + t);
            }
        }
        double scale = maxAbs(expected);
        assertTrue(scale > 0, "degenerate gradient");
        for (int q = 0; q < p.length; q++) {
            // float32 sums against double ones: tolerance as in the finite-difference test
            assertEquals(expected[q], gradient[q], 1e-6 * scale + 1e-6 * Math.abs(expected[q]), "parameter " + q);
        }
    }

    @Test
    void resultsAreBitIdenticalForAnyThreadCount() {
        Architecture architecture = Architecture.of(5, 6, 3, 20, 3);
        float[] parameters = randomParameters(architecture, 3);
        for (int size : new int[] {1, 7, GradientEngine.MAX_CHUNKS + 9}) {
            Batch batch = randomBatch(architecture, size, 6, 5, size);
            float[] single = new float[parameters.length];
            double singleLoss;
            float[] singleOutputs;
            try (GradientEngine engine = new GradientEngine(architecture, 1)) {
                singleLoss = engine.lossAndGradient(parameters, batch, single);
                singleOutputs = engine.predict(parameters, batch);
            }
            for (int threads : new int[] {2, 3}) {
                float[] multi = new float[parameters.length];
                try (GradientEngine engine = new GradientEngine(architecture, threads)) {
                    assertEquals(singleLoss, engine.lossAndGradient(parameters, batch, multi), 0.0);
                    assertArrayEquals(single, multi, "gradient, batch " + size + ", " + threads + " threads");
                    assertArrayEquals(singleOutputs, engine.predict(parameters, batch));
                    float[] again = new float[parameters.length];
                    engine.lossAndGradient(parameters, batch, again);
                    assertArrayEquals(multi, again, "repeated call");
                }
            }
        }
    }

    @Test
    void lossIsTheMeanAbsoluteError() {
        Architecture architecture = Architecture.of(2, 3, 1, 4, 3);
        float[] parameters = new float[(int) architecture.parameterCount()];
        int outputBias = architecture.biasOffset(1);
        parameters[outputBias] = 1;
        parameters[outputBias + 1] = -2;
        parameters[outputBias + 2] = 0.5f;
        Batch batch = randomBatch(architecture, 2, 3, 4, 5);
        float[] targets = batch.targets();
        double sum = 0;
        for (int t = 0; t < targets.length; t++) {
            sum += Math.abs(parameters[outputBias + t % 3] - targets[t]);
        }
        float[] gradient = new float[parameters.length];
        try (GradientEngine engine = new GradientEngine(architecture, 2)) {
            assertEquals(sum / targets.length, engine.lossAndGradient(parameters, batch, gradient), 1e-7);
        }
        // with all kernels zero, only the output biases move the loss: ∂L/∂b_o = (1/N) Σ sign(b_o − t)
        for (int o = 0; o < 3; o++) {
            double expected = 0;
            for (int t = o; t < targets.length; t += 3) {
                expected += Math.signum(parameters[outputBias + o] - targets[t]);
            }
            assertEquals(expected / targets.length, gradient[outputBias + o], 1e-7);
        }
        for (int q = 0; q < outputBias; q++) {
            assertEquals(0f, gradient[q], "parameter " + q);
        }
    }

    @Test
    void rejectsMismatchedInputs() {
        Architecture architecture = Architecture.of(5, 6, 2, 4, 3);
        float[] parameters = new float[(int) architecture.parameterCount()];
        try (GradientEngine engine = new GradientEngine(architecture, 1)) {
            Batch batch = randomBatch(architecture, 1, 4, 4, 1);
            assertThrows(IllegalArgumentException.class,
                    () -> engine.lossAndGradient(new float[3], batch, new float[3]));
            assertThrows(IllegalArgumentException.class,
                    () -> engine.lossAndGradient(parameters, batch, new float[3]));
            Batch wrongChannels = randomBatch(Architecture.of(4, 6, 2, 4, 3), 1, 4, 4, 1);
            assertThrows(IllegalArgumentException.class, () -> engine.loss(parameters, wrongChannels));
            Batch noTargets = new Batch(1, 4, 4, 5, 6, batch.inputs(), null);
            assertThrows(IllegalArgumentException.class, () -> engine.loss(parameters, noTargets));
            assertEquals(4 * 4 * 6, engine.predict(parameters, noTargets).length);
        }
        assertThrows(IllegalArgumentException.class, () -> new GradientEngine(architecture, 0));
    }
}
