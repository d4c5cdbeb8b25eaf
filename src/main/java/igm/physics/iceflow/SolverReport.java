package igm.physics.iceflow;

/**
 * How one iterative solve went.
 *
 * @param nonlinearIterations Picard, Newton or quasi-Newton iterations
 * @param linearIterations    inner linear-solver iterations over all outer ones (0 where there are none)
 * @param residual            the final value of the solver's convergence measure (see {@link #measure})
 * @param converged           whether the convergence criterion was met
 * @param warmStart           whether the solve started from a previous solution
 * @param seconds             wall time of the solve
 * @param measure             what {@code residual} is, e.g. "relative velocity change" or "relative gradient norm"
 */
public record SolverReport(int nonlinearIterations, long linearIterations, double residual, boolean converged,
                           boolean warmStart, double seconds, String measure) {
}
