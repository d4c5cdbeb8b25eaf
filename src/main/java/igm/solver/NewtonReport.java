package igm.solver;

/**
 * How one run of the {@link NewtonSolver} went.
 *
 * @param iterations       Newton or Picard steps taken
 * @param linearIterations conjugate-gradient iterations over all steps
 * @param residual         the relative change ‖Δx‖₂/‖x‖₂ over the unknowns of the last step (NaN before the first,
 *                         0 without unknowns; not finite when the iterate is)
 * @param converged        whether the change fell below the tolerance (true without unknowns)
 */
public record NewtonReport(int iterations, long linearIterations, double residual, boolean converged) {
}
