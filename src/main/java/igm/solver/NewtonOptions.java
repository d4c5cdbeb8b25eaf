package igm.solver;

import igm.InputException;

/**
 * Settings of the {@link NewtonSolver}.
 *
 * @param tolerance           the iterations stop when ‖Δx‖₂/‖x‖₂ over the unknowns is below this, in (0, 1); default
 *                            {@value #DEFAULT_TOLERANCE}
 * @param maxIterations       most nonlinear (Newton or Picard) iterations, ≥ 1; default
 *                            {@value #DEFAULT_MAX_ITERATIONS}
 * @param linearTolerance     each conjugate-gradient solve reduces its residual by this factor, in (0, 1); default
 *                            {@value #DEFAULT_LINEAR_TOLERANCE}
 * @param maxLinearIterations most conjugate-gradient iterations per nonlinear step, ≥ 1; default
 *                            {@value #DEFAULT_MAX_LINEAR_ITERATIONS}
 * @param threads             threads for the matrix–vector products, ≥ 1; default 1 (on the 2-core development
 *                            machine, 2 threads were no faster on the Aletsch grid: the products of ~9000 nodes take
 *                            about 0.1 ms, close to the cost of handing work over); results do not depend on it
 * @param newton              Newton steps (with a backtracking line search on the energy) after the first iteration
 *                            rather than Picard steps; default true
 */
public record NewtonOptions(double tolerance, int maxIterations, double linearTolerance, int maxLinearIterations,
                            int threads, boolean newton) {

    /** Default relative change at which the iterations stop. */
    public static final double DEFAULT_TOLERANCE = 1e-5;
    /** Default cap on the nonlinear iterations. */
    public static final int DEFAULT_MAX_ITERATIONS = 100;
    /** Default residual reduction of each conjugate-gradient solve. */
    public static final double DEFAULT_LINEAR_TOLERANCE = 1e-3;
    /** Default cap on the conjugate-gradient iterations of one step. */
    public static final int DEFAULT_MAX_LINEAR_ITERATIONS = 2000;

    /**
     * @throws InputException naming the first setting out of its range and its value
     */
    public NewtonOptions {
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new InputException("Newton solver tolerance must be in (0, 1), got " + tolerance);
        }
        if (maxIterations < 1) {
            throw new InputException("Newton solver maximum iterations must be at least 1, got " + maxIterations);
        }
        if (!(linearTolerance > 0 && linearTolerance < 1)) {
            throw new InputException("Newton solver linear tolerance must be in (0, 1), got " + linearTolerance);
        }
        if (maxLinearIterations < 1) {
            throw new InputException("Newton solver maximum linear iterations must be at least 1, got "
                    + maxLinearIterations);
        }
        if (threads < 1) {
            throw new InputException("Newton solver thread count must be at least 1, got " + threads);
        }
    }

    /** The defaults. */
    public static NewtonOptions defaults() {
        return new NewtonOptions(DEFAULT_TOLERANCE, DEFAULT_MAX_ITERATIONS, DEFAULT_LINEAR_TOLERANCE,
                DEFAULT_MAX_LINEAR_ITERATIONS, 1, true);
    }

    /** These settings with another nonlinear tolerance. */
    public NewtonOptions withTolerance(double newTolerance) {
        return new NewtonOptions(newTolerance, maxIterations, linearTolerance, maxLinearIterations, threads, newton);
    }

    /** These settings with another linear tolerance. */
    public NewtonOptions withLinearTolerance(double newTolerance) {
        return new NewtonOptions(tolerance, maxIterations, newTolerance, maxLinearIterations, threads, newton);
    }

    /** These settings with another cap on the nonlinear iterations. */
    public NewtonOptions withMaxIterations(int newMax) {
        return new NewtonOptions(tolerance, newMax, linearTolerance, maxLinearIterations, threads, newton);
    }

    /** These settings on another number of threads. */
    public NewtonOptions withThreads(int newThreads) {
        return new NewtonOptions(tolerance, maxIterations, linearTolerance, maxLinearIterations, newThreads, newton);
    }

    /** These settings with Newton (true) or Picard (false) steps. */
    public NewtonOptions withNewton(boolean useNewton) {
        return new NewtonOptions(tolerance, maxIterations, linearTolerance, maxLinearIterations, threads, useNewton);
    }
}
