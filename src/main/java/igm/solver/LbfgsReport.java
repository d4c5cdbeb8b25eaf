package igm.solver;

/**
 * How one run of the {@link LbfgsSolver} went.
 *
 * @param iterations  accepted quasi-Newton steps
 * @param evaluations energy-and-gradient evaluations
 * @param residual    the last relative quasi-Newton step max|d| / max|x| (NaN before the first)
 * @param converged   whether the step fell below the tolerance
 * @param breakdown   why the run broke down, or null when it did not
 */
public record LbfgsReport(int iterations, long evaluations, double residual, boolean converged, Breakdown breakdown) {

    /** The ways a run breaks down. */
    public enum Cause {
        /** The energy or its gradient at the start is not finite. */
        START_NOT_FINITE,
        /** The search direction is not finite. */
        DIRECTION_NOT_FINITE,
        /** An iterate has an entry beyond the problem's {@link EnergyProblem#divergenceBound()} (or not finite). */
        RUNAWAY,
        /** Every trial of the line search lowered the energy: the energy is unbounded below along the direction. */
        UNBOUNDED,
        /** The energy at the accepted step is not finite. */
        ACCEPTED_NOT_FINITE
    }

    /**
     * A breakdown and the values that locate it.
     *
     * @param cause     what went wrong
     * @param iteration the iteration it happened at
     * @param energy    the energy involved (at the start, or at the last line-search trial; NaN where none)
     * @param step      the multiple of the quasi-Newton step of the last successful trial ({@link Cause#UNBOUNDED};
     *                  NaN otherwise)
     * @param largest   the largest magnitude of an entry of the iterate involved ({@link Cause#RUNAWAY}: the iterate;
     *                  {@link Cause#UNBOUNDED}: the last trial; NaN otherwise)
     * @param bound     the problem's divergence bound ({@link Cause#RUNAWAY}; NaN otherwise)
     */
    public record Breakdown(Cause cause, int iteration, double energy, double step, double largest, double bound) {
    }
}
