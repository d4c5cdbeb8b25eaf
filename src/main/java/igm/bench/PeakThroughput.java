package igm.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures the machine's attainable fp32 peak: each thread runs independent chains of vector fused multiply-adds
 * (enough chains to hide the FMA latency), so the figure is what the FMA units deliver through the Vector API. Used
 * by {@code igm bench} to report the emulator's throughput as a fraction of the peak of the machine it runs on,
 * rather than of a nominal figure that may belong to another CPU.
 */
public final class PeakThroughput {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int CHAINS = 12;

    private PeakThroughput() {
    }

    /**
     * The fp32 FMA throughput of {@code threads} threads, GFLOP/s (best of {@code repeats} runs of about
     * {@code millisPerRun} ms each, after a warm-up).
     */
    public static double measure(int threads, int repeats, int millisPerRun) {
        long iterations = calibrate(millisPerRun);
        double best = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int r = 0; r < repeats + 1; r++) {
                List<Future<Float>> futures = new ArrayList<>();
                long t0 = System.nanoTime();
                for (int t = 0; t < threads; t++) {
                    futures.add(pool.submit(() -> chains(iterations)));
                }
                float sink = 0;
                for (Future<Float> f : futures) {
                    sink += f.get();
                }
                double seconds = (System.nanoTime() - t0) * 1e-9;
                double flops = 2.0 * SPECIES.length() * CHAINS * iterations * threads;
                if (r > 0 && !Float.isNaN(sink)) {
                    best = Math.max(best, flops / seconds / 1e9);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("peak measurement interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("peak measurement failed", e.getCause());
        }
        return best;
    }

    private static long calibrate(int millis) {
        long n = 1 << 16;
        chains(n);
        while (true) {
            long t0 = System.nanoTime();
            chains(n);
            double ms = (System.nanoTime() - t0) / 1e6;
            if (ms > 20) {
                return Math.max(1, (long) (n * millis / ms));
            }
            n *= 2;
        }
    }

    /** CHAINS independent accumulators a ← a·m + c, unrolled; returns a value so the work is not dead code. */
    private static float chains(long iterations) {
        FloatVector m = FloatVector.broadcast(SPECIES, 0.999999f);
        FloatVector c = FloatVector.broadcast(SPECIES, 1e-7f);
        FloatVector a0 = FloatVector.broadcast(SPECIES, 1f);
        FloatVector a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0,
                a11 = a0;
        for (long i = 0; i < iterations; i++) {
            a0 = a0.fma(m, c);
            a1 = a1.fma(m, c);
            a2 = a2.fma(m, c);
            a3 = a3.fma(m, c);
            a4 = a4.fma(m, c);
            a5 = a5.fma(m, c);
            a6 = a6.fma(m, c);
            a7 = a7.fma(m, c);
            a8 = a8.fma(m, c);
            a9 = a9.fma(m, c);
            a10 = a10.fma(m, c);
            a11 = a11.fma(m, c);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
}
