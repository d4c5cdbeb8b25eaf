package igm.physics.iceflow.blatter;

import igm.SimulationException;
import java.util.Arrays;
import igm.physics.iceflow.SolverReport;

/**
 * Minimises the discrete Blatter–Pattyn energy ({@link BlatterOperator}) by preconditioned L-BFGS: the two-loop
 * recursion over the last {@link BlatterOptions#history()} pairs (s, y), with the initial inverse Hessian
 * γ·P⁻¹, P the column tridiagonal blocks of the Picard matrix ({@link BlatterOperator}) rebuilt (and factored) at
 * every fourth accepted point (on Aletsch, rebuilding them at every point saved only 3–7 of about 85 iterations
 * against every sixth) and
 * γ = s·y / y·P⁻¹y of the newest pair; a weak Wolfe line search (Armijo constant 1e-4, curvature 0.9) by expansion
 * and bisection, trying the full step first; where the energy change is within its rounding noise (relative
 * 1e-11), the approximate Wolfe test of Hager and Zhang (2005) replaces the Armijo test.
 *
 * <p>Convergence: the solve stops when the quasi-Newton step d = −H g satisfies max|d| ≤ tolerance · max|x|, the
 * estimated remaining correction relative to the largest velocity. The energy is strictly convex (Glen's law with
 * n = 3 regularised, convex sliding potentials), so the minimiser is unique and every pair has s·y &gt; 0.
 *
 * <p>Failure: a solve that meets a non-finite energy, gradient or direction, a line search that lowers the energy at
 * every trial up to 4^39 times the quasi-Newton step (an energy unbounded below), or an iterate faster than
 * {@value #MAX_SPEED} m a⁻¹ has broken down; a warm-started solve is then repeated once from rest, and if that breaks
 * down too the solve throws {@link SimulationException} with the reason. A solve that runs out of iterations returns
 * its last iterate, reported as not converged.
 */
public final class BlatterSolver {

    private static final double ARMIJO = 1e-4;
    private static final double CURVATURE = 0.9;
    private static final int MAX_TRIALS = 40;
    /** The preconditioner is rebuilt at every REFRESH-th accepted point. */
    private static final int REFRESH = 4;
    /** Relative size of the rounding noise of the energy, below which the Armijo test cannot decide. */
    private static final double ENERGY_NOISE = 1e-11;
    /** Approximate Wolfe bound (Hager and Zhang 2005) on the slope at the trial point, used within the noise. */
    private static final double APPROXIMATE = 0.8;
    /**
     * A speed no ice reaches, m a⁻¹ (a thousand km a⁻¹; the fastest outlet glaciers run at about 17 km a⁻¹): an
     * iterate beyond it is diverging, and the solve fails.
     */
    static final double MAX_SPEED = 1e6;

    private BlatterSolver() {
    }

    /**
     * Solves one problem.
     *
     * @param problem the problem
     * @param options the settings
     * @param start   the velocity to start from (u then v, each grid points · levels in the layout of
     *                {@link BlatterSolution}), or null to start from rest; its entries at fixed nodes are ignored
     * @return the solution with its report (warm start = whether {@code start} was given and kept: false after a
     *         cold retry)
     * @throws SimulationException when the solve breaks down from rest (see the class comment)
     */
    public static BlatterSolution solve(BlatterProblem problem, BlatterOptions options, double[] start) {
        long t0 = System.nanoTime();
        BlatterOperator op = new BlatterOperator(problem, options);
        int n = op.n;
        double[] x = new double[2 * n];
        boolean warm = start != null && start.length == 2 * problem.grid().size() * options.levels();
        if (warm) {
            op.gather(start, x);
        }
        Minimiser m = new Minimiser(op, options);
        m.run(x);
        if (m.failure != null && warm) {
            // a start that is itself not finite, or any other breakdown: once more from rest
            warm = false;
            Arrays.fill(x, 0);
            m = new Minimiser(op, options);
            m.run(x);
        }
        if (m.failure != null) {
            throw new SimulationException("Blatter–Pattyn solve failed after " + m.iterations + " iterations: "
                    + m.failure);
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        SolverReport report = new SolverReport(m.iterations, m.evaluations, m.residual, m.converged, warm, seconds,
                "relative quasi-Newton step (max norm), linear iterations = energy evaluations");
        int full = problem.grid().size() * options.levels();
        double[] u = new double[full];
        double[] v = new double[full];
        op.scatter(x, u, v);
        return BlatterSolution.of(problem.grid(), op.zeta, u, v, problem.thickness(), report);
    }

    /** One L-BFGS run. */
    private static final class Minimiser {
        private final BlatterOperator op;
        private final BlatterOptions options;
        private final int size;
        private final double[][] s;
        private final double[][] y;
        private final double[] rho;
        private final VectorKernels k;
        private int stored;
        private int newest = -1;
        int iterations;
        long evaluations;
        double residual = Double.NaN;
        boolean converged;
        /** Why the run broke down (a non-finite energy or direction, an energy unbounded below); null if it did not. */
        String failure;

        Minimiser(BlatterOperator op, BlatterOptions options) {
            this.op = op;
            this.options = options;
            this.size = 2 * op.n;
            int m = options.history();
            s = new double[m][size];
            y = new double[m][size];
            rho = new double[m];
            k = new VectorKernels(size, options.threads());
        }

        void run(double[] x) {
            int n = op.n;
            double[] g = new double[size];
            double[] prec = new double[4 * n];
            double[] precTrial = new double[4 * n];
            double[] gTrial = new double[size];
            double[] xTrial = new double[size];
            double[] d = new double[size];
            double[] alpha = new double[options.history()];
            double[] lu = new double[4 * n];
            double[] tmp = new double[size];
            double f = op.evaluate(x, g, prec);
            op.factor(prec, lu);
            evaluations++;
            if (!Double.isFinite(f) || !Double.isFinite(k.dot(g, g))) {
                failure = "the energy or its gradient at the start is not finite (energy " + f + " MPa m³ a⁻¹)";
                return;
            }
            if (k.maxAbs(g) == 0) {
                residual = 0;
                converged = true;
                return;
            }
            while (iterations < options.maxIterations()) {
                direction(g, prec, lu, d, alpha, tmp);
                double slope = k.dot(g, d);
                if (!(slope < 0)) {
                    stored = 0;
                    newest = -1;
                    op.applyPreconditioner(prec, lu, g, d);
                    k.negate(d);
                    slope = k.dot(g, d);
                }
                if (Double.isNaN(slope) || Double.isInfinite(slope)) {
                    failure = "the search direction is not finite at iteration " + iterations
                            + " (a singular column block?)";
                    return;
                }
                double xMax = k.maxAbs(x);
                if (!(xMax <= MAX_SPEED)) {
                    failure = String.format("the velocity runs away: max |u| = %.3g m a⁻¹ at iteration %d, over"
                            + " %.0g m a⁻¹ (an energy unbounded below?)", xMax, iterations, MAX_SPEED);
                    return;
                }
                residual = xMax > 0 ? k.maxAbs(d) / xMax : Double.POSITIVE_INFINITY;
                if (iterations > 0 && residual <= options.tolerance()) {
                    converged = true;
                    return;
                }
                if (!(slope < 0)) {
                    // the gradient vanishes to rounding: nothing left to gain
                    converged = residual <= options.tolerance();
                    return;
                }
                double step = 1;
                double lo = 0;
                double hi = Double.POSITIVE_INFINITY;
                double fTrial = Double.NaN;
                boolean accepted = false;
                boolean refresh = (iterations + 1) % REFRESH == 0;
                for (int trial = 0; trial < MAX_TRIALS; trial++) {
                    k.combine(x, step, d, xTrial);
                    fTrial = op.evaluate(xTrial, gTrial, refresh ? precTrial : null);
                    evaluations++;
                    double slopeTrial = k.dot(gTrial, d);
                    boolean decrease = fTrial <= f + ARMIJO * step * slope
                            || fTrial <= f + ENERGY_NOISE * Math.abs(f) && slopeTrial <= -APPROXIMATE * slope;
                    if (!decrease) {
                        hi = step;
                    } else if (slopeTrial < CURVATURE * slope) {
                        lo = step;
                    } else {
                        accepted = true;
                        break;
                    }
                    step = hi < Double.POSITIVE_INFINITY ? 0.5 * (lo + hi) : 4 * step;
                }
                if (!accepted && hi == Double.POSITIVE_INFINITY) {
                    // every trial decreased the energy, up to 4^(MAX_TRIALS − 1) times the quasi-Newton step: the
                    // energy of a well-posed problem is bounded below, so the discrete problem is broken
                    failure = String.format("the energy decreases without bound along the search direction at"
                            + " iteration %d (energy %.3g MPa m³ a⁻¹ at %.3g times the step, max |u| %.3g m a⁻¹)",
                            iterations, fTrial, step / 4, k.maxAbs(xTrial));
                    return;
                }
                if (!accepted) {
                    if (fTrial < f || lo > 0) {
                        if (!(fTrial < f)) {
                            step = lo;
                            k.combine(x, step, d, xTrial);
                            fTrial = op.evaluate(xTrial, gTrial, refresh ? precTrial : null);
                            evaluations++;
                        }
                    } else {
                        // no decrease along d to rounding: the solve cannot get closer
                        converged = residual <= 10 * options.tolerance();
                        return;
                    }
                }
                if (!Double.isFinite(fTrial)) {
                    failure = "the energy is not finite at the accepted step, iteration " + iterations;
                    return;
                }
                iterations++;
                int slot = (newest + 1) % s.length;
                double sy = k.advance(xTrial, x, gTrial, g, s[slot], y[slot]);
                if (sy > 0) {
                    rho[slot] = 1 / sy;
                    newest = slot;
                    stored = Math.min(stored + 1, s.length);
                } else if (stored == s.length) {
                    stored--; // the slot held the oldest pair, now overwritten
                }
                if (refresh) {
                    double[] swap = prec;
                    prec = precTrial;
                    precTrial = swap;
                    op.factor(prec, lu);
                }
                f = fTrial;
            }
            converged = false;
        }

        /**
         * d = −H g by the two-loop recursion with H0 = γ P⁻¹ (each update fused with the next dot product, so that
         * the vectors are read once per pair and loop).
         */
        private void direction(double[] g, double[] prec, double[] lu, double[] d, double[] alpha, double[] tmp) {
            int m = s.length;
            double next = stored > 0 ? k.scaleDot(1, g, d, s[newest]) : k.scaleDot(1, g, d, null);
            for (int c = 0; c < stored; c++) {
                int i = Math.floorMod(newest - c, m);
                double a = rho[i] * next;
                alpha[i] = a;
                next = k.axpyDot(-a, y[i], d, c + 1 < stored ? s[Math.floorMod(newest - c - 1, m)] : null);
            }
            op.applyPreconditioner(prec, lu, d, tmp);
            double gamma = 1;
            if (stored > 0) {
                double[] yn = y[newest];
                op.applyPreconditioner(prec, lu, yn, d);
                double yPy = k.dot(yn, d);
                gamma = yPy > 0 ? 1 / (rho[newest] * yPy) : 1;
            }
            int oldest = Math.floorMod(newest - stored + 1, m);
            next = k.scaleDot(gamma, tmp, d, stored > 0 ? y[oldest] : null);
            for (int c = stored - 1; c >= 0; c--) {
                int i = Math.floorMod(newest - c, m);
                double b = rho[i] * next;
                next = k.axpyDot(alpha[i] - b, s[i], d, c > 0 ? y[Math.floorMod(newest - c + 1, m)] : null);
            }
            k.negate(d);
        }
    }
}
