package igm.solver;

import igm.solver.LbfgsReport.Breakdown;
import igm.solver.LbfgsReport.Cause;

/**
 * Minimises a {@link PreconditionedProblem} by preconditioned L-BFGS: the two-loop recursion over the last
 * {@link LbfgsOptions#history()} pairs (s, y), with the initial inverse Hessian γ·P⁻¹, P the problem's
 * {@link Preconditioner} rebuilt (and factored) at every fourth accepted point (on the Blatter–Pattyn problem of
 * Aletsch, rebuilding it at every point saved only 3–7 of about 85 iterations against every sixth) and
 * γ = s·y / y·P⁻¹y of the newest pair; a weak Wolfe line search (Armijo constant 1e-4, curvature 0.9) by expansion
 * and bisection, trying the full step first; where the energy change is within its rounding noise (relative
 * 1e-11), the approximate Wolfe test of Hager and Zhang (2005) replaces the Armijo test.
 *
 * <p>Convergence: the run stops when the quasi-Newton step d = −H g satisfies max|d| ≤ tolerance · max|x|, the
 * estimated remaining correction relative to the largest unknown. For a strictly convex energy the minimiser is
 * unique and every pair has s·y &gt; 0.
 *
 * <p>Breakdown: a run that meets a non-finite energy, gradient or direction, a line search that lowers the energy at
 * every trial up to 4^39 times the quasi-Newton step (an energy unbounded below), or an iterate beyond the problem's
 * {@link EnergyProblem#divergenceBound()} stops and says why in its report ({@link LbfgsReport#breakdown()}). A run
 * that runs out of iterations leaves its last iterate, reported as not converged. The vector operations are split
 * between {@link LbfgsOptions#threads()} threads with results that do not depend on their number.
 */
public final class LbfgsSolver {

    private static final double ARMIJO = 1e-4;
    private static final double CURVATURE = 0.9;
    private static final int MAX_TRIALS = 40;
    /** The preconditioner is rebuilt at every REFRESH-th accepted point. */
    private static final int REFRESH = 4;
    /** Relative size of the rounding noise of the energy, below which the Armijo test cannot decide. */
    private static final double ENERGY_NOISE = 1e-11;
    /** Approximate Wolfe bound (Hager and Zhang 2005) on the slope at the trial point, used within the noise. */
    private static final double APPROXIMATE = 0.8;

    private final LbfgsOptions options;

    /** The solver with the given settings. */
    public LbfgsSolver(LbfgsOptions options) {
        this.options = options;
    }

    /** The settings. */
    public LbfgsOptions options() {
        return options;
    }

    /**
     * Minimises the problem's energy from x.
     *
     * @param problem the problem
     * @param x       the start ({@link EnergyProblem#size()} entries, fixed entries at their values), overwritten by the
     *                last iterate
     * @return how the run went, with the cause of a breakdown
     */
    public LbfgsReport minimise(PreconditionedProblem problem, double[] x) {
        Minimiser m = new Minimiser(problem, options);
        m.run(x);
        return new LbfgsReport(m.iterations, m.evaluations, m.residual, m.converged, m.breakdown);
    }

    /** One L-BFGS run. */
    private static final class Minimiser {
        private final PreconditionedProblem problem;
        private final LbfgsOptions options;
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
        Breakdown breakdown;

        Minimiser(PreconditionedProblem problem, LbfgsOptions options) {
            this.problem = problem;
            this.options = options;
            this.size = problem.size();
            int m = options.history();
            s = new double[m][size];
            y = new double[m][size];
            rho = new double[m];
            k = new VectorKernels(size, options.threads());
        }

        void run(double[] x) {
            double bound = problem.divergenceBound();
            double[] g = new double[size];
            Preconditioner prec = problem.newPreconditioner();
            Preconditioner precTrial = problem.newPreconditioner();
            double[] gTrial = new double[size];
            double[] xTrial = new double[size];
            double[] d = new double[size];
            double[] alpha = new double[options.history()];
            double[] tmp = new double[size];
            double f = problem.energy(x, g, prec);
            prec.factor();
            evaluations++;
            if (!Double.isFinite(f) || !Double.isFinite(k.dot(g, g))) {
                breakdown = new Breakdown(Cause.START_NOT_FINITE, 0, f, Double.NaN, Double.NaN, Double.NaN);
                return;
            }
            if (k.maxAbs(g) == 0) {
                residual = 0;
                converged = true;
                return;
            }
            while (iterations < options.maxIterations()) {
                direction(g, prec, d, alpha, tmp);
                double slope = k.dot(g, d);
                if (!(slope < 0)) {
                    stored = 0;
                    newest = -1;
                    prec.apply(g, d);
                    k.negate(d);
                    slope = k.dot(g, d);
                }
                if (Double.isNaN(slope) || Double.isInfinite(slope)) {
                    breakdown = new Breakdown(Cause.DIRECTION_NOT_FINITE, iterations, Double.NaN, Double.NaN,
                            Double.NaN, Double.NaN);
                    return;
                }
                double xMax = k.maxAbs(x);
                if (!(xMax <= bound)) {
                    breakdown = new Breakdown(Cause.RUNAWAY, iterations, Double.NaN, Double.NaN, xMax, bound);
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
                    fTrial = problem.energy(xTrial, gTrial, refresh ? precTrial : null);
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
                    breakdown = new Breakdown(Cause.UNBOUNDED, iterations, fTrial, step / 4, k.maxAbs(xTrial),
                            Double.NaN);
                    return;
                }
                if (!accepted) {
                    if (fTrial < f || lo > 0) {
                        if (!(fTrial < f)) {
                            step = lo;
                            k.combine(x, step, d, xTrial);
                            fTrial = problem.energy(xTrial, gTrial, refresh ? precTrial : null);
                            evaluations++;
                        }
                    } else {
                        // no decrease along d to rounding: the solve cannot get closer
                        converged = residual <= 10 * options.tolerance();
                        return;
                    }
                }
                if (!Double.isFinite(fTrial)) {
                    breakdown = new Breakdown(Cause.ACCEPTED_NOT_FINITE, iterations, fTrial, Double.NaN, Double.NaN,
                            Double.NaN);
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
                    Preconditioner swap = prec;
                    prec = precTrial;
                    precTrial = swap;
                    prec.factor();
                }
                f = fTrial;
            }
            converged = false;
        }

        /**
         * d = −H g by the two-loop recursion with H0 = γ P⁻¹ (each update fused with the next dot product, so that
         * the vectors are read once per pair and loop).
         */
        private void direction(double[] g, Preconditioner prec, double[] d, double[] alpha, double[] tmp) {
            int m = s.length;
            double next = stored > 0 ? k.scaleDot(1, g, d, s[newest]) : k.scaleDot(1, g, d, null);
            for (int c = 0; c < stored; c++) {
                int i = Math.floorMod(newest - c, m);
                double a = rho[i] * next;
                alpha[i] = a;
                next = k.axpyDot(-a, y[i], d, c + 1 < stored ? s[Math.floorMod(newest - c - 1, m)] : null);
            }
            prec.apply(d, tmp);
            double gamma = 1;
            if (stored > 0) {
                double[] yn = y[newest];
                prec.apply(yn, d);
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
