package igm.emulator.training;

import java.util.SplittableRandom;

/** Random networks and batches for the training tests. */
final class TrainingTestData {

    private TrainingTestData() {
    }

    /** Glorot kernels (seeded) and biases drawn from ±0.1, so that biases matter in the gradients. */
    static float[] randomParameters(Architecture architecture, long seed) {
        float[] p = TrainableNetwork.initialise(architecture, seed).parameters();
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int l = 0; l < architecture.convolutionCount(); l++) {
            int offset = architecture.biasOffset(l);
            for (int o = 0; o < architecture.outChannels(l); o++) {
                p[offset + o] = (float) random.nextDouble(-0.1, 0.1);
            }
        }
        return p;
    }

    /** Inputs uniform in ±1, targets uniform in ±0.5. */
    static Batch randomBatch(Architecture architecture, int size, int height, int width, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] inputs = new float[size * height * width * architecture.inputs()];
        for (int t = 0; t < inputs.length; t++) {
            inputs[t] = (float) random.nextDouble(-1, 1);
        }
        float[] targets = new float[size * height * width * architecture.outputs()];
        for (int t = 0; t < targets.length; t++) {
            targets[t] = (float) random.nextDouble(-0.5, 0.5);
        }
        return new Batch(size, height, width, architecture.inputs(), architecture.outputs(), inputs, targets);
    }

    static double[] toDouble(float[] values) {
        double[] d = new double[values.length];
        for (int t = 0; t < values.length; t++) {
            d[t] = values[t];
        }
        return d;
    }

    static double maxAbs(double[] values) {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
