package igm.emulator.training;

import static igm.emulator.training.TrainingTestData.randomParameters;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class AdamTest {

    @Test
    void firstStepsFollowTheBiasCorrectedFormula() {
        Adam adam = new Adam(3, 0.01);
        float[] parameters = {1, -2, 0.5f};
        adam.step(parameters, new float[] {0.1f, -0.3f, 0});
        assertEquals(1, adam.steps());
        // t = 1: m = 0.1·g, v = 0.001·g², θ −= 0.01·√0.001/0.1 · m/(√v + 1e-7), worked out by hand:
        // 1 − 0.01·(1 − 3.162e-5) and −2 + 0.01·(1 − 1.054e-5); a zero gradient moves nothing
        assertArrayEquals(new float[] {0.9900003162f, -1.9900001054f, 0.5f}, parameters, 1e-7f);
        adam.step(parameters, new float[] {0.1f, -0.3f, 0.2f});
        // t = 2: m = 0.9·m + 0.1·g, v = 0.999·v + 0.001·g², step 0.01·√(1 − 0.999²)/(1 − 0.9²); θ is rounded to
        // float after each step (half an ulp, 1.2e-7 near 2, each time)
        assertArrayEquals(new float[] {0.9800005399f, -1.9800001800f, 0.4925587494f}, parameters, 2.5e-7f);
        Adam.State state = adam.state();
        assertEquals(2, state.steps());
        // moments to float rounding (relative 1e-7) of the gradients and of the stored values
        assertArrayEquals(new float[] {0.019f, -0.057f, 0.02f}, state.m(), 1e-8f);
        assertArrayEquals(new float[] {1.999e-5f, 1.7991e-4f, 4e-5f}, state.v(), 2e-11f);
    }

    @Test
    void restoredStateContinuesIdentically() {
        SplittableRandom random = new SplittableRandom(5);
        float[][] gradients = new float[6][4];
        for (float[] g : gradients) {
            for (int p = 0; p < g.length; p++) {
                g[p] = (float) random.nextDouble(-1, 1);
            }
        }
        Adam straight = new Adam(4, 0.003);
        float[] a = {1, 2, 3, 4};
        for (float[] g : gradients) {
            straight.step(a, g);
        }
        Adam first = new Adam(4, 0.003);
        float[] b = {1, 2, 3, 4};
        for (int s = 0; s < 3; s++) {
            first.step(b, gradients[s]);
        }
        Adam resumed = new Adam(4, 0.003);
        resumed.restore(first.state());
        for (int s = 3; s < 6; s++) {
            resumed.step(b, gradients[s]);
        }
        assertArrayEquals(a, b);
        assertEquals(straight.state(), resumed.state());
        assertThrows(IllegalArgumentException.class, () -> new Adam(5, 0.003).restore(first.state()));
        assertThrows(IllegalArgumentException.class, () -> straight.step(new float[3], new float[4]));
        assertThrows(IllegalArgumentException.class, () -> new Adam(4, 0));
        assertThrows(IllegalArgumentException.class, () -> new Adam(4, 0.1, 1.0, 0.999, 1e-7));
    }

    @Test
    void minimisesAQuadratic() {
        // f(θ) = Σ (θ_i − c_i)², ∇f = 2(θ − c), from θ = 0
        SplittableRandom random = new SplittableRandom(9);
        double[] centre = new double[20];
        for (int p = 0; p < centre.length; p++) {
            centre[p] = random.nextDouble(-1, 1);
        }
        float[] theta = new float[centre.length];
        Adam adam = new Adam(theta.length, 0.05);
        double initial = quadratic(theta, centre);
        float[] gradient = new float[theta.length];
        for (int s = 0; s < 300; s++) {
            for (int p = 0; p < theta.length; p++) {
                gradient[p] = (float) (2 * (theta[p] - centre[p]));
            }
            adam.step(theta, gradient);
        }
        double fin = quadratic(theta, centre);
        assertTrue(fin < 1e-4 * initial, "f went from " + initial + " to " + fin);
    }

    @Test
    void fitsATinyNetworkToATeacher() {
        // targets from a teacher network of the same shape; the student starts from Glorot weights
        Architecture architecture = Architecture.of(2, 1, 2, 8, 3);
        float[] teacher = randomParameters(architecture, 99);
        Batch unlabelled = TrainingTestData.randomBatch(architecture, 8, 8, 8, 3);
        float[] targets;
        float[] student = TrainableNetwork.initialise(architecture, 1).parameters();
        float[] gradient = new float[student.length];
        Adam adam = new Adam(student.length, 0.01);
        try (GradientEngine engine = new GradientEngine(architecture, 2)) {
            targets = engine.predict(teacher, unlabelled);
            Batch batch = new Batch(8, 8, 8, 2, 1, unlabelled.inputs(), targets);
            double initial = engine.loss(student, batch);
            for (int s = 0; s < 300; s++) {
                engine.lossAndGradient(student, batch, gradient);
                GradientClipping.clipByGlobalNorm(gradient, 1.0);
                adam.step(student, gradient);
            }
            double fin = engine.loss(student, batch);
            assertTrue(fin < initial / 5, "L1 loss went from " + initial + " to " + fin);
        }
    }

    private static double quadratic(float[] theta, double[] centre) {
        double f = 0;
        for (int p = 0; p < theta.length; p++) {
            f += (theta[p] - centre[p]) * (theta[p] - centre[p]);
        }
        return f;
    }

    @Test
    void aScheduledRateIsTheRateOfThatStep() {
        SplittableRandom random = new SplittableRandom(11);
        float[] start = new float[20];
        float[] gradient = new float[20];
        for (int k = 0; k < 20; k++) {
            start[k] = (float) random.nextGaussian();
            gradient[k] = (float) random.nextGaussian();
        }
        float[] a = start.clone();
        float[] b = start.clone();
        Adam constant = new Adam(20, 3e-4);
        Adam scheduled = new Adam(20, 1e-3);
        for (int step = 0; step < 3; step++) {
            constant.step(a, gradient);
            scheduled.step(b, gradient, 3e-4);
        }
        assertArrayEquals(a, b);
    }

    @Test
    void theLearningRateDecaysOncePerEpoch() {
        TrainingOptions o = new TrainingOptions(64, 1e-3, 1, true, 1, 1, 0.9);
        assertEquals(1e-3, o.learningRate(1), 1e-18);
        assertEquals(0.9e-3, o.learningRate(2), 1e-15);
        assertEquals(1e-3 * Math.pow(0.9, 9), o.learningRate(10), 1e-15);
        assertEquals(1e-3, new TrainingOptions(64, 1e-3, 1, true, 1, 1).learningRate(50), 1e-18);
        assertThrows(IllegalArgumentException.class, () -> new TrainingOptions(64, 1e-3, 1, true, 1, 1, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new TrainingOptions(64, 1e-3, 1, true, 1, 1, 0));
    }
}
