package igm.solver;

/**
 * Minimises the convex energy of a {@link NewtonProblem} by Newton's method with a backtracking line search (or by
 * Picard iterations, {@link NewtonOptions#newton} false).
 *
 * <p>Each iteration asks the problem for a linearisation at the iterate x and the right-hand side −∇E(x), solves the
 * linear system for the correction δ by conjugate gradients with the block-Jacobi preconditioner of the
 * {@link BlockStencilMatrix}, started from zero, to a relative residual of {@link NewtonOptions#linearTolerance}, and
 * moves x by α·δ: for a Newton step α is the largest of 1, ½, ¼, … (at most 2⁻²⁰) with E(x + αδ) ≤ E(x) (or within
 * rounding of it: a relative 1e-13), for a Picard step α = 1. A start without a previous solution ({@code warm}
 * false) begins with one step of the problem's {@link Linearisation#INITIAL} linearisation, which does not count
 * towards convergence. The iterations stop when the relative change ‖αδ‖₂/‖x‖₂ over the unknowns falls below
 * {@link NewtonOptions#tolerance}, when it is not finite (the caller sees the non-finite iterate) or after
 * {@link NewtonOptions#maxIterations}.
 */
public final class NewtonSolver {

    private final NewtonOptions options;

    /** The solver with the given settings. */
    public NewtonSolver(NewtonOptions options) {
        this.options = options;
    }

    /** The settings. */
    public NewtonOptions options() {
        return options;
    }

    /**
     * Minimises the problem's energy from x.
     *
     * @param problem the problem
     * @param x       the start (fixed entries at their values), overwritten by the last iterate
     * @param warm    whether x is a previous solution; if not, the first step is the problem's initial linearisation
     * @return how the run went
     */
    public NewtonReport minimise(NewtonProblem problem, double[] x, boolean warm) {
        BlockStencilMatrix matrix = problem.matrix();
        int[] free = matrix.free();
        int size = x.length;
        if (free.length == 0) {
            return new NewtonReport(0, 0, 0, true);
        }
        double[] rightHandSide = new double[size];
        double[] delta = new double[size];
        double[] trial = options.newton() ? new double[size] : null;
        double[][] work = {new double[size], new double[size], new double[size]};
        long linear = 0;
        double change = Double.NaN;
        boolean converged = false;
        int it = 0;
        while (it < options.maxIterations()) {
            boolean initial = !warm && it == 0;
            boolean newtonStep = options.newton() && !initial;
            Linearisation linearisation = initial ? Linearisation.INITIAL
                    : newtonStep ? Linearisation.NEWTON : Linearisation.PICARD;
            problem.linearise(x, linearisation, rightHandSide);
            matrix.factorPreconditioner();
            linear += matrix.solve(rightHandSide, delta, work, options.linearTolerance(),
                    options.maxLinearIterations());
            double step = newtonStep ? lineSearch(problem, free, x, delta, trial) : 1;
            it++;
            change = takeStep(free, x, delta, step);
            if (!Double.isFinite(change)) {
                break;
            }
            if (!initial && change < options.tolerance()) {
                converged = true;
                break;
            }
        }
        return new NewtonReport(it, linear, change, converged);
    }

    /**
     * Backtracking on the energy along the Newton direction: the largest of 1, ½, ¼, … (at most 2⁻²⁰) with
     * E(x + αδ) ≤ E(x) (or within rounding of it). The convex energy makes a Newton direction a descent direction, so a
     * step is found unless rounding hides the decrease, when the full step is taken. Only the {@code free} nodes
     * move; {@code trial} is work space.
     */
    private static double lineSearch(NewtonProblem problem, int[] free, double[] x, double[] delta, double[] trial) {
        double j0 = problem.energy(x);
        double noise = 1e-13 * Math.abs(j0);
        double alpha = 1;
        for (int halving = 0; halving <= 20; halving++) {
            System.arraycopy(x, 0, trial, 0, x.length);
            for (int k : free) {
                trial[2 * k] += alpha * delta[2 * k];
                trial[2 * k + 1] += alpha * delta[2 * k + 1];
            }
            if (problem.energy(trial) <= j0 + noise) {
                return alpha;
            }
            alpha *= 0.5;
        }
        return 1;
    }

    /**
     * Moves the free nodes of x by {@code step}·δ and returns the relative change ‖step·δ‖₂/‖x‖₂ over them (1 when x is
     * zero and δ is not), the stopping measure of the iterations.
     */
    private static double takeStep(int[] free, double[] x, double[] delta, double step) {
        double dd = 0;
        double xx = 0;
        for (int k : free) {
            x[2 * k] += step * delta[2 * k];
            x[2 * k + 1] += step * delta[2 * k + 1];
            dd += delta[2 * k] * delta[2 * k] + delta[2 * k + 1] * delta[2 * k + 1];
            xx += x[2 * k] * x[2 * k] + x[2 * k + 1] * x[2 * k + 1];
        }
        return xx > 0 ? step * Math.sqrt(dd / xx) : (dd > 0 ? 1 : 0);
    }
}
