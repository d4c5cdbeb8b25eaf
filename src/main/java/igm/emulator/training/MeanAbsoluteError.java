package igm.emulator.training;

/**
 * The mean absolute error {@code L = (1/N) Σ |y − t|} over all {@code N = size·height·width·outputs} target values
 * of a batch (Keras {@code mae}, the loss of IGM's instructed emulators), with its gradient sign(y − t)/N (0 where
 * y = t).
 */
public final class MeanAbsoluteError implements OutputLoss {

    /** The one instance: the loss has no settings. */
    public static final MeanAbsoluteError INSTANCE = new MeanAbsoluteError();

    private MeanAbsoluteError() {
    }

    @Override
    public boolean needsTargets() {
        return true;
    }

    @Override
    public double divisor(Batch batch) {
        return batch.targetCount();
    }

    /** Σ|y − t| over the sample, in double. */
    @Override
    public double sample(Batch batch, int b, float[] y, float[] delta) {
        float scale = (float) (1.0 / batch.targetCount());
        float[] targets = batch.targets();
        int count = batch.cellsPerSample() * batch.outputChannels();
        int offset = b * count;
        double sum = 0;
        for (int p = 0; p < count; p++) {
            float residual = y[p] - targets[offset + p];
            sum += Math.abs(residual);
            if (delta != null) {
                delta[p] = residual > 0 ? scale : residual < 0 ? -scale : 0f;
            }
        }
        return sum;
    }

    @Override
    public String toString() {
        return "mean absolute error";
    }
}
