package igm.solver;

import igm.parallel.ParallelRows;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector operations of the L-BFGS iteration on vectors of one length, split into a fixed number of chunks shared
 * between threads. Sums are formed per chunk (vector accumulators, lanes added in a fixed order) and the chunk sums
 * added in chunk order, so every result is the same, bit for bit, whatever the number of threads. Some operations
 * are fused (an update and the next dot product) to read the vectors fewer times.
 */
final class VectorKernels {

    private static final VectorSpecies<Double> LANES = DoubleVector.SPECIES_PREFERRED;
    private static final int CHUNKS = 8;
    /** Vectors shorter than this are not split between threads. */
    private static final int MIN_SPLIT = 32768;

    private final int[] bounds = new int[CHUNKS + 1];
    private final double[] partial = new double[CHUNKS];
    private final int workers;
    private final ParallelRows team = ParallelRows.shared();

    /** Kernels for vectors of {@code size} entries on up to {@code threads} threads. */
    VectorKernels(int size, int threads) {
        int step = LANES.length();
        for (int c = 1; c < CHUNKS; c++) {
            bounds[c] = (int) ((long) size * c / CHUNKS) / step * step;
        }
        bounds[CHUNKS] = size;
        workers = size < MIN_SPLIT ? 1 : Math.max(1, team.chunks(threads, Integer.MAX_VALUE, CHUNKS));
    }

    /** One chunk of an operation: [from, to) → its partial sum (or 0). */
    @FunctionalInterface
    private interface Chunk {
        double apply(int from, int to);
    }

    private double run(Chunk op) {
        team.run(workers, t -> {
            for (int c = t; c < CHUNKS; c += workers) {
                partial[c] = op.apply(bounds[c], bounds[c + 1]);
            }
        });
        double sum = 0;
        for (double p : partial) {
            sum += p;
        }
        return sum;
    }

    /** a·b. */
    double dot(double[] a, double[] b) {
        return run((from, to) -> dot(a, b, from, to));
    }

    /** y += α x; returns z·y (after the update). */
    double axpyDot(double alpha, double[] x, double[] y, double[] z) {
        return run((from, to) -> {
            for (int i = from; i < to; i++) {
                y[i] += alpha * x[i];
            }
            return z == null ? 0 : dot(z, y, from, to);
        });
    }

    /** out = γ·in; returns z·out. */
    double scaleDot(double gamma, double[] in, double[] out, double[] z) {
        return run((from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = gamma * in[i];
            }
            return z == null ? 0 : dot(z, out, from, to);
        });
    }

    /** out = a + t·b. */
    void combine(double[] a, double t, double[] b, double[] out) {
        run((from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = a[i] + t * b[i];
            }
            return 0;
        });
    }

    /** s = xNew − x, y = gNew − g, then x = xNew, g = gNew; returns s·y. */
    double advance(double[] xNew, double[] x, double[] gNew, double[] g, double[] s, double[] y) {
        return run((from, to) -> {
            for (int i = from; i < to; i++) {
                s[i] = xNew[i] - x[i];
                y[i] = gNew[i] - g[i];
                x[i] = xNew[i];
                g[i] = gNew[i];
            }
            return dot(s, y, from, to);
        });
    }

    /** d = −d. */
    void negate(double[] d) {
        run((from, to) -> {
            for (int i = from; i < to; i++) {
                d[i] = -d[i];
            }
            return 0;
        });
    }

    /** max |a_i| (0 for an empty vector). */
    double maxAbs(double[] a) {
        team.run(workers, t -> {
            for (int c = t; c < CHUNKS; c += workers) {
                partial[c] = maxAbs(a, bounds[c], bounds[c + 1]);
            }
        });
        double m = 0;
        for (double p : partial) {
            m = Math.max(m, p);
        }
        return m;
    }

    private static double dot(double[] a, double[] b, int from, int to) {
        int step = LANES.length();
        int i = from;
        DoubleVector acc0 = DoubleVector.zero(LANES);
        DoubleVector acc1 = DoubleVector.zero(LANES);
        for (; i + 2 * step <= to; i += 2 * step) {
            acc0 = DoubleVector.fromArray(LANES, a, i).fma(DoubleVector.fromArray(LANES, b, i), acc0);
            acc1 = DoubleVector.fromArray(LANES, a, i + step).fma(DoubleVector.fromArray(LANES, b, i + step), acc1);
        }
        DoubleVector acc = acc0.add(acc1);
        double sum = 0;
        for (int l = 0; l < step; l++) {
            sum += acc.lane(l);
        }
        for (; i < to; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double maxAbs(double[] a, int from, int to) {
        int step = LANES.length();
        int i = from;
        DoubleVector acc = DoubleVector.zero(LANES);
        for (; i + step <= to; i += step) {
            acc = acc.max(DoubleVector.fromArray(LANES, a, i).abs());
        }
        double m = acc.reduceLanes(VectorOperators.MAX);
        for (; i < to; i++) {
            m = Math.max(m, Math.abs(a[i]));
        }
        return m;
    }
}
