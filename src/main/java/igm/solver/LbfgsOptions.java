package igm.solver;

import igm.InputException;

/**
 * Settings of the {@link LbfgsSolver}.
 *
 * @param tolerance     the run stops when the quasi-Newton step, in the max norm, is below {@code tolerance} times the
 *                      largest unknown (default {@value #DEFAULT_TOLERANCE}); in (0, 1)
 * @param maxIterations quasi-Newton iterations at most (default {@value #DEFAULT_MAX_ITERATIONS}), ≥ 1
 * @param history       L-BFGS memory: pairs of steps and gradient changes kept (default {@value #DEFAULT_HISTORY}),
 *                      ≥ 1
 * @param threads       threads for the vector operations, ≥ 1 (default: the available processors); results do not
 *                      depend on it
 */
public record LbfgsOptions(double tolerance, int maxIterations, int history, int threads) {

    /** Default relative tolerance on the quasi-Newton step. */
    public static final double DEFAULT_TOLERANCE = 1e-5;
    /** Default iteration cap. */
    public static final int DEFAULT_MAX_ITERATIONS = 2000;
    /** Default L-BFGS memory. */
    public static final int DEFAULT_HISTORY = 8;

    /**
     * @throws InputException naming the first setting out of its range and its value
     */
    public LbfgsOptions {
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new InputException("L-BFGS tolerance must be in (0, 1), got " + tolerance);
        }
        if (maxIterations < 1) {
            throw new InputException("L-BFGS iteration cap must be at least 1, got " + maxIterations);
        }
        if (history < 1) {
            throw new InputException("L-BFGS memory must be at least 1, got " + history);
        }
        if (threads < 1) {
            throw new InputException("L-BFGS thread count must be at least 1, got " + threads);
        }
    }

    /** The defaults. */
    public static LbfgsOptions defaults() {
        return new LbfgsOptions(DEFAULT_TOLERANCE, DEFAULT_MAX_ITERATIONS, DEFAULT_HISTORY,
                Runtime.getRuntime().availableProcessors());
    }

    /** These options with another tolerance. */
    public LbfgsOptions withTolerance(double t) {
        return new LbfgsOptions(t, maxIterations, history, threads);
    }

    /** These options with another iteration cap. */
    public LbfgsOptions withMaxIterations(int n) {
        return new LbfgsOptions(tolerance, n, history, threads);
    }

    /** These options with another memory. */
    public LbfgsOptions withHistory(int pairs) {
        return new LbfgsOptions(tolerance, maxIterations, pairs, threads);
    }

    /** These options with another thread count. */
    public LbfgsOptions withThreads(int t) {
        return new LbfgsOptions(tolerance, maxIterations, history, t);
    }
}
