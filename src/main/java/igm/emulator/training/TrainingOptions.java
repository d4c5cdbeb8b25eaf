package igm.emulator.training;

/**
 * How a network is trained (the paper's choices as defaults: Adam with learning rate 1e-4, batches of 64, the L1
 * loss, gradient clipping by the global norm).
 *
 * @param batchSize    patches per step, ≥ 1
 * @param learningRate Adam's learning rate, &gt; 0
 * @param clipNorm     largest global norm of a step's gradient (clipped above it), &gt; 0
 * @param augment      whether each sample of each epoch is moved by a random symmetry of the grid
 * @param seed         seed of the shuffling and augmentation; epoch e draws from (seed, e) alone, so that a
 *                     resumed training repeats the uninterrupted one
 * @param threads      threads of the gradient computation, ≥ 1 (results do not depend on it)
 * @param learningRateDecay factor in (0, 1] applied to the learning rate once per epoch: epoch e (from 1) trains with
 *                     learningRate · decay^(e−1) (1: a constant rate, the paper's)
 */
public record TrainingOptions(int batchSize, double learningRate, double clipNorm, boolean augment, long seed,
                              int threads, double learningRateDecay) {

    /** Options with a constant learning rate. */
    public TrainingOptions(int batchSize, double learningRate, double clipNorm, boolean augment, long seed,
                           int threads) {
        this(batchSize, learningRate, clipNorm, augment, seed, threads, 1.0);
    }

    /** The learning rate of epoch {@code epoch} (from 1). */
    public double learningRate(int epoch) {
        return learningRate * Math.pow(learningRateDecay, epoch - 1);
    }

    /** Batch size of the paper. */
    public static final int DEFAULT_BATCH_SIZE = 64;
    /** Learning rate of the paper. */
    public static final double DEFAULT_LEARNING_RATE = 1e-4;
    /** Default largest global gradient norm. */
    public static final double DEFAULT_CLIP_NORM = 1.0;

    /** @throws IllegalArgumentException naming the bad value */
    public TrainingOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be ≥ 1, got " + batchSize);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
        if (!(clipNorm > 0)) {
            throw new IllegalArgumentException("gradient clipping norm must be positive, got " + clipNorm);
        }
        if (!(learningRateDecay > 0 && learningRateDecay <= 1)) {
            throw new IllegalArgumentException("learning-rate decay must be in (0, 1], got " + learningRateDecay);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be ≥ 1, got " + threads);
        }
    }

    /** The paper's settings with the given seed and threads. */
    public static TrainingOptions defaults(long seed, int threads) {
        return new TrainingOptions(DEFAULT_BATCH_SIZE, DEFAULT_LEARNING_RATE, DEFAULT_CLIP_NORM, true, seed, threads);
    }
}
