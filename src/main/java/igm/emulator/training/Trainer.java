package igm.emulator.training;

import igm.emulator.data.PatchSet;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains a network on patches, epoch by epoch (Jouvet et al. 2021, §2.3): each epoch visits the training patches in
 * a random order, in batches; each sample is moved by a random one of the eight grid symmetries when augmenting;
 * each step computes the L1 loss and its gradient ({@link GradientEngine}), clips the gradient to a global norm
 * ({@link GradientClipping}) and takes an {@link Adam} step. After the epoch, the loss on the validation patches
 * (not augmented) is recorded.
 *
 * <p><b>Reproducibility.</b> The order and the symmetries of epoch {@code e} come from a generator seeded by
 * (seed, e) alone, and the gradient does not depend on the thread count: the same data, options and initial network
 * give the same network on any machine, and a training resumed from a {@link Checkpoint} gives the network of the
 * uninterrupted one.
 */
public final class Trainer implements AutoCloseable {

    private final Architecture architecture;
    private final TrainingOptions options;
    private final GradientEngine engine;
    private final float[] parameters;
    private final float[] gradient;
    private final Adam adam;
    private final List<EpochRecord> history = new ArrayList<>();

    /** Starts training from {@code initial}. */
    public Trainer(TrainableNetwork initial, TrainingOptions options) {
        this.architecture = initial.architecture();
        this.options = options;
        this.engine = new GradientEngine(architecture, options.threads());
        this.parameters = initial.parameters();
        this.gradient = new float[parameters.length];
        this.adam = new Adam(parameters.length, options.learningRate());
    }

    /**
     * Resumes a training from a checkpoint.
     *
     * @throws IllegalArgumentException when the checkpoint's seed differs from the options'
     */
    public static Trainer resume(Checkpoint checkpoint, TrainingOptions options) {
        if (checkpoint.seed() != options.seed()) {
            throw new IllegalArgumentException("the checkpoint was trained with seed " + checkpoint.seed()
                    + ", the options say " + options.seed());
        }
        Trainer t = new Trainer(TrainableNetwork.of(checkpoint.architecture(), checkpoint.parameters()), options);
        t.adam.restore(checkpoint.optimiser());
        t.history.addAll(checkpoint.history());
        return t;
    }

    /** Epochs done so far. */
    public int epochsDone() {
        return history.size();
    }

    /** The records of the epochs done. */
    public List<EpochRecord> history() {
        return List.copyOf(history);
    }

    /** The network as trained so far. */
    public TrainableNetwork network() {
        return TrainableNetwork.of(architecture, parameters);
    }

    /** The state to resume from. */
    public Checkpoint checkpoint() {
        return new Checkpoint(architecture, options.seed(), epochsDone(), parameters.clone(), adam.state(), history);
    }

    public TrainingOptions options() {
        return options;
    }

    /**
     * Trains one epoch on {@code training} and validates on {@code validation}.
     *
     * @param validation the validation patches, or {@code null}/empty for none (the record's loss is then NaN)
     * @throws IllegalArgumentException when the training set is empty or its channels do not fit the network
     */
    public EpochRecord epoch(PatchSet training, PatchSet validation) {
        check(training);
        int epoch = epochsDone() + 1;
        int n = training.count();
        SplittableRandom random = new SplittableRandom(epochSeed(options.seed(), epoch));
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        for (int k = n - 1; k > 0; k--) {
            int r = random.nextInt(k + 1);
            int t = order[k];
            order[k] = order[r];
            order[r] = t;
        }
        int[] symmetries = new int[n];
        if (options.augment()) {
            for (int k = 0; k < n; k++) {
                symmetries[k] = random.nextInt(8);
            }
        }
        int size = training.patchSize();
        double rate = options.learningRate(epoch);
        double lossSum = 0;
        double normSum = 0;
        int clipped = 0;
        int steps = 0;
        long start = System.nanoTime();
        for (int first = 0; first < n; first += options.batchSize()) {
            int b = Math.min(options.batchSize(), n - first);
            int[] idx = new int[b];
            int[] sym = new int[b];
            System.arraycopy(order, first, idx, 0, b);
            System.arraycopy(symmetries, first, sym, 0, b);
            float[] in = new float[b * training.inputValues()];
            float[] out = new float[b * training.outputValues()];
            training.fill(idx, sym, in, out);
            Batch batch = new Batch(b, size, size, architecture.inputs(), architecture.outputs(), in, out);
            double loss = engine.lossAndGradient(parameters, batch, gradient);
            double norm = GradientClipping.clipByGlobalNorm(gradient, options.clipNorm());
            adam.step(parameters, gradient, rate);
            lossSum += loss * b;
            normSum += norm;
            clipped += norm > options.clipNorm() ? 1 : 0;
            steps++;
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        double validationLoss = validation == null || validation.count() == 0 ? Double.NaN : loss(validation);
        double flops = (double) engine.flopsPerSample(size, size) * n;
        EpochRecord record = new EpochRecord(epoch, n, lossSum / n, validationLoss, normSum / steps,
                (double) clipped / steps, seconds, n / seconds, flops / seconds * 1e-9);
        history.add(record);
        return record;
    }

    /** Mean L1 loss of the current network over {@code set}, without augmentation; NaN when it is empty. */
    public double loss(PatchSet set) {
        if (set.count() == 0) {
            return Double.NaN;
        }
        check(set);
        int size = set.patchSize();
        double sum = 0;
        for (int first = 0; first < set.count(); first += options.batchSize()) {
            int b = Math.min(options.batchSize(), set.count() - first);
            int[] idx = new int[b];
            for (int k = 0; k < b; k++) {
                idx[k] = first + k;
            }
            float[] in = new float[b * set.inputValues()];
            float[] out = new float[b * set.outputValues()];
            set.fill(idx, null, in, out);
            sum += engine.loss(parameters, new Batch(b, size, size, architecture.inputs(), architecture.outputs(),
                    in, out)) * b;
        }
        return sum / set.count();
    }

    @Override
    public void close() {
        engine.close();
    }

    private void check(PatchSet set) {
        if (set.count() == 0) {
            throw new IllegalArgumentException("no training patches");
        }
        if (set.layout().inputs().size() != architecture.inputs()
                || set.layout().outputs().size() != architecture.outputs()) {
            throw new IllegalArgumentException("patches of " + set.layout().inputs().size() + " → "
                    + set.layout().outputs().size() + " channels for a network " + architecture.describe());
        }
    }

    /** The seed of epoch {@code e}'s draws: a SplitMix64 mix of (seed, e). */
    static long epochSeed(long seed, int epoch) {
        long z = seed + 0x9E3779B97F4A7C15L * (epoch + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
