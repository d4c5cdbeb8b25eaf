package igm.bench;

import igm.emulator.training.TrainableNetwork;
import igm.emulator.training.Architecture;
import igm.emulator.training.Batch;
import igm.emulator.training.GradientEngine;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Times {@link GradientEngine#lossAndGradient} on a batch of random patches: warm-up calls (JIT) first, then timed
 * calls; reports the median, fastest and slowest step and the throughput in samples/s and GFLOP/s, with the flop
 * count of {@link GradientEngine#flopsPerSample} (3 × forward). No assertion on timings anywhere: the machines are
 * shared and noisy.
 */
public final class TrainingBenchmark {

    /**
     * Timings of one benchmark.
     *
     * @param architecture   the network
     * @param batchSize      samples per step
     * @param height         rows of each patch
     * @param width          columns of each patch
     * @param threads        threads of the engine
     * @param iterations     timed steps
     * @param medianMs       median time of one loss-and-gradient step, ms
     * @param minMs          fastest step, ms
     * @param maxMs          slowest step, ms
     * @param flopsPerStep   floating-point operations per step (3 × forward)
     */
    public record Result(Architecture architecture, int batchSize, int height, int width, int threads,
                         int iterations, double medianMs, double minMs, double maxMs, long flopsPerStep) {

        /** Training samples per second at the median step time. */
        public double samplesPerSecond() {
            return batchSize / (medianMs * 1e-3);
        }

        /** Throughput at the median step time, GFLOP/s. */
        public double medianGflops() {
            return flopsPerStep / (medianMs * 1e6);
        }

        /** Throughput at the fastest step, GFLOP/s. */
        public double bestGflops() {
            return flopsPerStep / (minMs * 1e6);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s, batch %d of %d×%d, %d thread(s): median %.1f ms per step (min %.1f,"
                            + " max %.1f) over %d steps, %.1f samples/s, %.2f GFLOP/step, %.1f GFLOP/s median"
                            + " (%.1f best)", architecture.describe(), batchSize, height, width, threads, medianMs,
                    minMs, maxMs, iterations, samplesPerSecond(), flopsPerStep / 1e9, medianGflops(), bestGflops());
        }
    }

    private TrainingBenchmark() {
    }

    /**
     * Benchmarks one architecture on random inputs and targets (seed 42) with Glorot weights (seed 1).
     *
     * @param warmup     untimed steps, ≥ 0
     * @param iterations timed steps, ≥ 1
     * @throws IllegalArgumentException for non-positive sizes, threads or iterations
     */
    public static Result run(Architecture architecture, int batchSize, int height, int width, int threads,
                             int warmup, int iterations) {
        if (iterations < 1 || warmup < 0) {
            throw new IllegalArgumentException("iterations must be ≥ 1 and warmup ≥ 0, got " + iterations + ", "
                    + warmup);
        }
        SplittableRandom random = new SplittableRandom(42);
        float[] inputs = new float[batchSize * height * width * architecture.inputs()];
        for (int t = 0; t < inputs.length; t++) {
            inputs[t] = (float) random.nextDouble(-1, 1);
        }
        float[] targets = new float[batchSize * height * width * architecture.outputs()];
        for (int t = 0; t < targets.length; t++) {
            targets[t] = (float) random.nextDouble(-1, 1);
        }
        Batch batch = new Batch(batchSize, height, width, architecture.inputs(), architecture.outputs(), inputs,
                targets);
        float[] parameters = TrainableNetwork.initialise(architecture, 1).parameters();
        float[] gradient = new float[parameters.length];
        try (GradientEngine engine = new GradientEngine(architecture, threads)) {
            for (int w = 0; w < warmup; w++) {
                engine.lossAndGradient(parameters, batch, gradient);
            }
            double[] ms = new double[iterations];
            for (int t = 0; t < iterations; t++) {
                long start = System.nanoTime();
                engine.lossAndGradient(parameters, batch, gradient);
                ms[t] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(ms);
            double median = Median.of(ms);
            return new Result(architecture, batchSize, height, width, threads, iterations, median, ms[0],
                    ms[iterations - 1], engine.flopsPerSample(height, width) * batchSize);
        }
    }

    /**
     * {@code TrainingBenchmark [threads [iterations [batch [patch size]]]]}: the paper's glacier network (16 layers
     * of 32 filters 3×3, 5 inputs, 6 outputs) on batches of 64 patches of 32×32 by default, with as many threads as
     * available processors, 3 warm-up and 7 timed steps.
     */
    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        int batchSize = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int patch = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        Architecture architecture = Architecture.of(5, 6, 16, 32, 3);
        System.out.println("vector species: " + jdk.incubator.vector.FloatVector.SPECIES_PREFERRED);
        System.out.println(run(architecture, batchSize, patch, patch, threads, 3, iterations));
    }
}
