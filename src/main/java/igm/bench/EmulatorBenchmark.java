package igm.bench;

import igm.emulator.ConvNet;
import igm.emulator.KerasModelReader;

import igm.SharedData;
import igm.field.FieldSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Times the fast forward pass of a {@link ConvNet} on a grid of random inputs: warm-up calls (JIT) first, then
 * {@code iterations} timed calls; reports the median, minimum and maximum time and the throughput in GFLOP/s
 * (flop = {@link ConvNet#flops}). No assertion on timings anywhere: the machines are shared and noisy.
 */
public final class EmulatorBenchmark {

    /**
     * Timings of one benchmark.
     *
     * @param nx            grid columns
     * @param ny            grid rows
     * @param threads       threads of the forward pass
     * @param iterations    timed calls
     * @param medianMs      median time per call, ms
     * @param minMs         fastest call, ms
     * @param maxMs         slowest call, ms
     * @param flopsPerCall  floating-point operations per call
     */
    public record Result(int nx, int ny, int threads, int iterations, double medianMs, double minMs, double maxMs,
                         long flopsPerCall) {

        /** Throughput at the median time, GFLOP/s. */
        public double medianGflops() {
            return flopsPerCall / (medianMs * 1e6);
        }

        /** Throughput at the fastest time, GFLOP/s. */
        public double bestGflops() {
            return flopsPerCall / (minMs * 1e6);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d×%d, %d thread(s): median %.1f ms (min %.1f, max %.1f) over %d calls,"
                            + " %.2f GFLOP/call, %.1f GFLOP/s median (%.1f best)", nx, ny, threads, medianMs, minMs,
                    maxMs, iterations, flopsPerCall / 1e9, medianGflops(), bestGflops());
        }
    }

    private EmulatorBenchmark() {
    }

    /**
     * Benchmarks {@code network} (its layers and alpha) with a fresh pool of {@code threads} threads.
     *
     * @param warmup     untimed calls before timing, ≥ 0
     * @param iterations timed calls, ≥ 1
     */
    public static Result run(ConvNet network, int nx, int ny, int threads, int warmup, int iterations) {
        return run(network, nx, ny, null, threads, warmup, iterations);
    }

    /**
     * Benchmarks the masked forward pass ({@link ConvNet#forward(float[], int, int, boolean[])}), which evaluates
     * only what the cells of {@code mask} need; the flop count is that of the masked pass (the work done).
     *
     * @param mask {@code nx·ny} cells of interest (such as the ice), or {@code null} for the whole grid
     */
    public static Result run(ConvNet network, int nx, int ny, boolean[] mask, int threads, int warmup,
                             int iterations) {
        if (iterations < 1 || warmup < 0) {
            throw new IllegalArgumentException("iterations must be ≥ 1 and warmup ≥ 0, got " + iterations + ", "
                    + warmup);
        }
        float[] input = new float[nx * ny * network.inputChannels()];
        SplittableRandom random = new SplittableRandom(42);
        for (int t = 0; t < input.length; t++) {
            input[t] = (float) random.nextDouble(-1, 1);
        }
        try (ConvNet net = network.withThreads(threads)) {
            for (int w = 0; w < warmup; w++) {
                net.forward(input, nx, ny, mask);
            }
            double[] ms = new double[iterations];
            for (int t = 0; t < iterations; t++) {
                long start = System.nanoTime();
                net.forward(input, nx, ny, mask);
                ms[t] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(ms);
            double median = Median.of(ms);
            return new Result(nx, ny, threads, iterations, median, ms[0], ms[iterations - 1], net.lastCallFlops());
        }
    }

    /**
     * {@code EmulatorBenchmark [model.h5 or emulator folder [threads [iterations [nx ny]]]]}: without a grid size,
     * benchmarks the Aletsch grid (179 columns × 244 rows), 512×512, and
     * the masked pass on the Aletsch ice when its geology file is present. The default model is the f15 emulator at 100 m in
     * shared data folder ({@link SharedData#WHERE}).
     */
    public static void main(String[] args) {
        Path model = args.length > 0 ? Path.of(args[0]) : defaultModel();
        if (Files.isDirectory(model)) {
            model = Files.isRegularFile(model.resolve("model.h5")) ? model.resolve("model.h5")
                    : model.resolve("100").resolve("model.h5");
        }
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        try (ConvNet net = KerasModelReader.read(model, 1)) {
            System.out.println(model + ": " + net.describe());
            System.out.println("vector species: " + jdk.incubator.vector.FloatVector.SPECIES_PREFERRED);
            int[][] sizes = args.length > 4 ? new int[][] {{Integer.parseInt(args[3]), Integer.parseInt(args[4])}}
                    : new int[][] {{179, 244}, {512, 512}};
            for (int[] size : sizes) {
                System.out.println(run(net, size[0], size[1], threads, 3, iterations));
            }
            boolean[] ice = args.length > 4 ? null : aletschIce();
            if (ice != null) {
                Result r = run(net, 179, 244, ice, threads, 3, iterations);
                System.out.println("Aletsch ice only (masked pass, exact at ice cells): " + r
                        + String.format(Locale.ROOT, "; %.2f× fewer flop than the whole grid",
                        net.flops(179, 244) / (double) r.flopsPerCall()));
            }
        }
    }

    /** thk &gt; 0 of the Aletsch 100 m geology (179 columns × 244 rows), or null when the file is absent. */
    private static boolean[] aletschIce() {
        Path nc = defaultModel().getParent().getParent().getParent().getParent()
                .resolve("aletsch/igm_geology_100m.nc");
        if (!Files.isRegularFile(nc)) {
            return null;
        }
        try (io.jhdf.HdfFile hdf = new io.jhdf.HdfFile(nc)) {
            float[] thk = (float[]) hdf.getDatasetByPath(FieldSpec.THK.name()).getDataFlat();
            boolean[] ice = new boolean[thk.length];
            for (int k = 0; k < thk.length; k++) {
                ice[k] = thk[k] > 0;
            }
            return ice.length == 179 * 244 ? ice : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Path defaultModel() {
        Path folder = SharedData.f15EmulatorFolder();
        return (folder != null ? folder : Path.of("..", "shared", "data", "igm-emulators", "f15_cfsflow_GJ_22_a"))
                .resolve("100").resolve("model.h5");
    }
}
