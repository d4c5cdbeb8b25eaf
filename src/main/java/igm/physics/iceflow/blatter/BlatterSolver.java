package igm.physics.iceflow.blatter;

import igm.physics.iceflow.SolverReport;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Minimises the discrete Blatter–Pattyn energy ({@link BlatterOperator}) by preconditioned L-BFGS: the two-loop
 * recursion over the last {@link BlatterOptions#history()} pairs (s, y), with the initial inverse Hessian
 * γ·P⁻¹, P the column tridiagonal blocks of the Picard matrix ({@link BlatterOperator}) rebuilt at every fourth
 * accepted point (on Aletsch, refreshing at every point saves only 1–2 iterations of 75) and
 * γ = s·y / y·P⁻¹y of the newest pair; a weak Wolfe line search (Armijo constant 1e-4, curvature 0.9) by expansion
 * and bisection, trying the full step first; where the energy change is within its rounding noise (relative
 * 1e-11), the approximate Wolfe test of Hager and Zhang (2005) replaces the Armijo test.
 *
 * <p>Convergence: the solve stops when the quasi-Newton step d = −H g satisfies max|d| ≤ tolerance · max|x|, the
 * estimated remaining correction relative to the largest velocity. The energy is strictly convex (Glen's law with
 * n = 3 regularised, convex sliding potentials), so the minimiser is unique and every pair has s·y &gt; 0.
 */
public final class BlatterSolver {

    private static final double ARMIJO = 1e-4;
    private static final double CURVATURE = 0.9;
    private static final int MAX_TRIALS = 40;
    private static final VectorSpecies<Double> LANES = DoubleVector.SPECIES_PREFERRED;
    /** The preconditioner is rebuilt at every REFRESH-th accepted point. */
    private static final int REFRESH = 4;
    /** Relative size of the rounding noise of the energy, below which the Armijo test cannot decide. */
    private static final double ENERGY_NOISE = 1e-11;
    /** Approximate Wolfe bound (Hager and Zhang 2005) on the slope at the trial point, used within the noise. */
    private static final double APPROXIMATE = 0.8;

    private BlatterSolver() {
    }

    /**
     * Solves one problem.
     *
     * @param problem the problem
     * @param options the settings
     * @param start   the velocity to start from (u then v, each grid points · levels in the layout of
     *                {@link BlatterSolution}), or null to start from rest; its entries at fixed nodes are ignored
     * @return the solution with its report (warm start = whether {@code start} was given)
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
        private int stored;
        private int newest = -1;
        int iterations;
        long evaluations;
        double residual = Double.NaN;
        boolean converged;

        Minimiser(BlatterOperator op, BlatterOptions options) {
            this.op = op;
            this.options = options;
            this.size = 2 * op.n;
            int m = options.history();
            s = new double[m][size];
            y = new double[m][size];
            rho = new double[m];
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
            if (maxAbs(g) == 0) {
                residual = 0;
                converged = true;
                return;
            }
            while (iterations < options.maxIterations()) {
                direction(g, prec, lu, d, alpha, tmp);
                double slope = dot(g, d);
                if (!(slope < 0)) {
                    stored = 0;
                    newest = -1;
                    op.applyPreconditioner(prec, lu, g, d);
                    negate(d);
                    slope = dot(g, d);
                }
                double xMax = maxAbs(x);
                residual = xMax > 0 ? maxAbs(d) / xMax : Double.POSITIVE_INFINITY;
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
                    for (int i = 0; i < size; i++) {
                        xTrial[i] = x[i] + step * d[i];
                    }
                    fTrial = op.evaluate(xTrial, gTrial, refresh ? precTrial : null);
                    evaluations++;
                    double slopeTrial = dot(gTrial, d);
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
                if (!accepted) {
                    if (fTrial < f || lo > 0) {
                        if (!(fTrial < f)) {
                            step = lo;
                            for (int i = 0; i < size; i++) {
                                xTrial[i] = x[i] + step * d[i];
                            }
                            fTrial = op.evaluate(xTrial, gTrial, refresh ? precTrial : null);
                            evaluations++;
                        }
                    } else {
                        // no decrease along d to rounding: the solve cannot get closer
                        converged = residual <= 10 * options.tolerance();
                        return;
                    }
                }
                iterations++;
                int slot = (newest + 1) % s.length;
                for (int i = 0; i < size; i++) {
                    s[slot][i] = xTrial[i] - x[i];
                    y[slot][i] = gTrial[i] - g[i];
                }
                double sy = dot(s[slot], y[slot]);
                if (sy > 0) {
                    rho[slot] = 1 / sy;
                    newest = slot;
                    stored = Math.min(stored + 1, s.length);
                }
                System.arraycopy(xTrial, 0, x, 0, size);
                System.arraycopy(gTrial, 0, g, 0, size);
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

        /** d = −H g by the two-loop recursion with H0 = γ P⁻¹. */
        private void direction(double[] g, double[] prec, double[] lu, double[] d, double[] alpha, double[] tmp) {
            int m = s.length;
            System.arraycopy(g, 0, d, 0, size);
            for (int c = 0; c < stored; c++) {
                int i = Math.floorMod(newest - c, m);
                double a = rho[i] * dot(s[i], d);
                alpha[i] = a;
                axpy(-a, y[i], d);
            }
            op.applyPreconditioner(prec, lu, d, tmp);
            if (stored > 0) {
                double[] yn = y[newest];
                op.applyPreconditioner(prec, lu, yn, d);
                double yPy = dot(yn, d);
                double gamma = yPy > 0 ? 1 / (rho[newest] * yPy) : 1;
                for (int i = 0; i < size; i++) {
                    tmp[i] *= gamma;
                }
            }
            System.arraycopy(tmp, 0, d, 0, size);
            for (int c = stored - 1; c >= 0; c--) {
                int i = Math.floorMod(newest - c, m);
                double b = rho[i] * dot(y[i], d);
                axpy(alpha[i] - b, s[i], d);
            }
            negate(d);
        }
    }

    /**
     * a·b, with vector accumulators (a scalar sum waits on the latency of every addition), their lanes added in a
     * fixed order so that the result is reproducible.
     */
    private static double dot(double[] a, double[] b) {
        int i = 0;
        int bound = LANES.loopBound(a.length);
        DoubleVector acc0 = DoubleVector.zero(LANES);
        DoubleVector acc1 = DoubleVector.zero(LANES);
        int step = LANES.length();
        for (; i + step < bound; i += 2 * step) {
            acc0 = DoubleVector.fromArray(LANES, a, i).fma(DoubleVector.fromArray(LANES, b, i), acc0);
            acc1 = DoubleVector.fromArray(LANES, a, i + step).fma(DoubleVector.fromArray(LANES, b, i + step), acc1);
        }
        double[] lanes = new double[LANES.length()];
        acc0.add(acc1).intoArray(lanes, 0);
        double sum = 0;
        for (double l : lanes) {
            sum += l;
        }
        for (; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static void negate(double[] d) {
        for (int i = 0; i < d.length; i++) {
            d[i] = -d[i];
        }
    }

    private static double maxAbs(double[] a) {
        int i = 0;
        int bound = LANES.loopBound(a.length);
        DoubleVector acc = DoubleVector.zero(LANES);
        for (; i < bound; i += LANES.length()) {
            acc = acc.max(DoubleVector.fromArray(LANES, a, i).abs());
        }
        double m = acc.reduceLanes(VectorOperators.MAX);
        for (; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i]));
        }
        return m;
    }
}
