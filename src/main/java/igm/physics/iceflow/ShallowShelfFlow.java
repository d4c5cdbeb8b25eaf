package igm.physics.iceflow;

import igm.InputException;
import igm.SimulationException;
import igm.grid.Grid2D;
import igm.operator.SurfaceSlope;
import igm.physics.RestartState;
import igm.physics.PhysicalConstants;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * The shallow-shelf approximation (SSA) with Glen's law (n = 3) and a basal {@link SlidingLaw}, IGM's {@code ssa}
 * ice-flow model: the depth-integrated membrane-stress balance of ice that slides (ice streams, shelves, the
 * sliding part of the hybrid model).
 *
 * <p><b>Equations.</b> With the vertically uniform velocity (u, v), the thickness H, the viscosity
 * η = ½ B (ε_e² + ε_0²)^(−1/3) ({@link GlenLaw}; ε_e² = u_x² + v_y² + u_x v_y + ¼(u_y + v_x)²), the basal drag
 * τ_b = −β(|u|)·u and the driving stress τ_d = ρ g H ∇s,
 * <pre>
 *   ∂x(2ηH(2u_x + v_y)) + ∂y(ηH(u_y + v_x)) − β u = ρ g H ∂s/∂x
 *   ∂y(2ηH(2v_y + u_x)) + ∂x(ηH(u_y + v_x)) − β v = ρ g H ∂s/∂y
 * </pre>
 * They are the Euler–Lagrange equations of the convex functional
 * J(u) = ∫ [2H ψ(ε_e²) + P(|u|) + τ_d·u] dA, with ψ the Glen dissipation density and P the sliding potential.
 * Units: stresses MPa, velocities m a⁻¹, lengths m, B in MPa a^(1/3).
 *
 * <p><b>Discretisation.</b> Bilinear (Q1) finite elements whose nodes are the cell centres of the grid: each element
 * is the square between four neighbouring cell centres (or a Δx × Δy rectangle, through the lower-level
 * {@link #solve(Grid2D, double, double[], double[], double[], double[], SlidingLaw, Boundary) solve} with its own
 * Δy; second order on rectangles too, measured with Δy = Δx/2 and 2Δx), integrated with 2×2 Gauss points (H
 * interpolated bilinearly; B the mean over the element's ice-covered nodes). The driving stress is given at the nodes and
 * interpolated bilinearly (a consistent load); the basal drag is lumped at the nodes, β_k times the node's area
 * (its cell, within the elements that take part), so that the sliding law's value at a node acts as the value of its
 * cell (a yield stress that varies steeply is best given as its cell mean, see {@code SsaTestICase}). Each node
 * couples to its 3×3 neighbourhood: a symmetric positive-definite system per step, second-order accurate for smooth
 * solutions (measured on Bueler's test I).
 *
 * <p><b>Boundary conditions.</b> Nodes without ice (H = 0) and nodes where the sliding law is {@link
 * SlidingLaw#noSlip no-slip} have zero velocity; nodes chosen in {@link Boundary} have given velocities. An element
 * takes part when at least one of its nodes has ice, so the ice margin is a lateral no-slip wall whose thickness
 * tapers to zero over half a cell (no singular viscosity: η stays bounded by the regularisation). Domain edges are
 * free (zero normal stress beyond the last node), or periodic along x ({@link Boundary#periodicX}).
 *
 * <p><b>Solver.</b> The first iteration of a cold start is a Picard step: the viscosity evaluated at the strain rate
 * {@value #COLD_STRAIN_RATE} a⁻¹ and the drag at the speed {@value #COLD_SPEED} m a⁻¹ (from zero velocity the
 * regularised viscosity would be huge and the velocity would have to grow over many iterations). Then, by default,
 * Newton steps on J: the Hessian is the Picard matrix (viscosity and drag frozen) plus the rank-one terms
 * 2H dη/dε_e² (∂ε_e²/∂U)(∂ε_e²/∂U)ᵀ of every Gauss point and β'(|u|) u uᵀ/|u| of every node (plastic till keeps its
 * secant drag β: its exact curvature τ_c ε²/(|u|² + ε²)^(3/2) all but vanishes where the ice slides, and full Newton
 * steps overshoot), still symmetric positive definite because J is convex; the step is halved until J does
 * not increase. With {@link Options#newton} false, every step is a Picard step (linear convergence at a rate of about
 * 1 − 1/n). Each linear system is solved by conjugate gradients with a block-Jacobi preconditioner (the inverse 2×2
 * diagonal block of every node), started from zero for the correction, to a relative residual of
 * {@link Options#linearTolerance}. The iterations stop when the relative change ‖Δu‖₂/‖u‖₂ over the unknown nodes
 * falls below {@link Options#tolerance}. The next solve on the same grid starts from the last solution (a warm
 * start) until {@link #forgetWarmStart()}: on the Aletsch grid (8668 ice cells, c = 5, A = 78) a cold solve took 13
 * Newton iterations, a warm one after adding 1 m of ice 3 (Picard: 29 and 19).
 *
 * <p>The {@link IceFlowModel} form {@link #solve(IceFlowInput)} uses Weertman sliding with the input's coefficient c
 * (c = 0: no slip, zero SSA velocity) and the driving stress from centred differences of the surface
 * ({@link #drivingStress}); it returns ū = u_s = u_b = the SSA velocity, no staggered velocity and no time-step
 * limit. Not thread-safe (it keeps the warm start); the matrix–vector products are split between up to
 * {@link Options#threads} threads.
 */
public final class ShallowShelfFlow implements IterativeIceFlow {

    /** The name of this model in the parameters. */
    public static final String NAME = "ssa";

    /** Strain rate, a⁻¹, at which a cold start evaluates the first viscosity. */
    public static final double COLD_STRAIN_RATE = 0.01;

    /** Sliding speed, m a⁻¹, at which a cold start evaluates the first drag. */
    public static final double COLD_SPEED = 10.0;

    private static final String MEASURE = "relative velocity change";

    /** Gauss abscissae on [0, 1]. */
    private static final double[] GAUSS = {0.5 - 0.5 / Math.sqrt(3), 0.5 + 0.5 / Math.sqrt(3)};
    /** Shape function N_a at Gauss point q: {@code SHAPE[4q + a]}. */
    private static final double[] SHAPE = new double[16];
    /** ∂N_a/∂x and ∂N_a/∂y at Gauss point q on the unit square: {@code [4q + a]}. */
    private static final double[] SHAPE_X = new double[16];
    private static final double[] SHAPE_Y = new double[16];
    /** Element stiffness of square cells ({@link #stiffness(double)} of aspect ratio 1). */
    private static final double[] SQUARE_STIFFNESS;
    /** Q1 mass matrix of the unit square, {@code MASS[4a + b]}. */
    private static final double[] MASS = new double[16];

    static {
        for (int q = 0; q < 4; q++) {
            double xi = GAUSS[q & 1];
            double eta = GAUSS[q >> 1];
            for (int a = 0; a < 4; a++) {
                double fx = (a & 1) == 1 ? xi : 1 - xi;
                double fy = (a >> 1) == 1 ? eta : 1 - eta;
                SHAPE[4 * q + a] = fx * fy;
                SHAPE_X[4 * q + a] = ((a & 1) == 1 ? 1 : -1) * fy;
                SHAPE_Y[4 * q + a] = fx * ((a >> 1) == 1 ? 1 : -1);
            }
        }
        for (int q = 0; q < 4; q++) {
            for (int a = 0; a < 4; a++) {
                for (int b = 0; b < 4; b++) {
                    MASS[4 * a + b] += 0.25 * SHAPE[4 * q + a] * SHAPE[4 * q + b];
                }
            }
        }
        SQUARE_STIFFNESS = stiffness(1);
    }

    /**
     * Element stiffness per unit ηH of a Δx × Δy element with aspect ratio r = Δy/Δx, at Gauss point q, row corner a,
     * column corner b, pair c (uu, uv, vu, vv), with the Gauss weight ΔxΔy/4 and the derivatives ∂N/∂x = N_ξ/Δx,
     * ∂N/∂y = N_η/Δy: uu = ¼(4 N_aξ N_bξ r + N_aη N_bη / r), uv = ¼(2 N_aξ N_bη + N_aη N_bξ) (the cell size cancels),
     * vu and vv alike; {@code [64q + 16a + 4b + c]}. With r = 1 the factors are exact ones, so square cells get the
     * same numbers as without them.
     */
    private static double[] stiffness(double r) {
        double[] k = new double[256];
        for (int q = 0; q < 4; q++) {
            for (int a = 0; a < 4; a++) {
                double xa = SHAPE_X[4 * q + a];
                double ya = SHAPE_Y[4 * q + a];
                for (int b = 0; b < 4; b++) {
                    double xb = SHAPE_X[4 * q + b];
                    double yb = SHAPE_Y[4 * q + b];
                    int t = 64 * q + 16 * a + 4 * b;
                    k[t] = 0.25 * (4 * xa * xb * r + ya * yb / r);
                    k[t + 1] = 0.25 * (2 * xa * yb + ya * xb);
                    k[t + 2] = 0.25 * (2 * ya * xb + xa * yb);
                    k[t + 3] = 0.25 * (4 * ya * yb / r + xa * xb * r);
                }
            }
        }
        return k;
    }

    /**
     * Solver settings.
     *
     * @param tolerance                the iterations stop when ‖Δu‖₂/‖u‖₂ over the unknown nodes is below this, in
     *                                 (0, 1);
     *                                 default {@value #DEFAULT_TOLERANCE}
     * @param maxIterations            most nonlinear (Newton or Picard) iterations, ≥ 1; default
     *                                 {@value #DEFAULT_MAX_ITERATIONS}
     * @param strainRateRegularisation ε_0 of the viscosity, a⁻¹, &gt; 0; default
     *                                 {@value #DEFAULT_STRAIN_RATE_REGULARISATION} (about 3e-13 s⁻¹, far below the
     *                                 strain rates of flowing ice)
     * @param linearTolerance          each conjugate-gradient solve reduces its residual by this factor, in (0, 1);
     *                                 default {@value #DEFAULT_LINEAR_TOLERANCE}
     * @param maxLinearIterations      most conjugate-gradient iterations per nonlinear step, ≥ 1; default
     *                                 {@value #DEFAULT_MAX_LINEAR_ITERATIONS}
     * @param threads                  threads for the matrix–vector products, ≥ 1; default 1 (on the 2-core
     *                                 development machine, 2 threads were no faster on the Aletsch grid: the products
     *                                 of ~9000 nodes take about 0.1 ms, close to the cost of handing work over)
     * @param newton                   Newton steps (with a backtracking line search on the energy) after the first
     *                                 iteration rather than Picard steps; default true
     */
    public record Options(double tolerance, int maxIterations, double strainRateRegularisation,
                          double linearTolerance, int maxLinearIterations, int threads, boolean newton) {

        /** Default relative velocity change at which the iterations stop. */
        public static final double DEFAULT_TOLERANCE = 1e-5;
        /** Default cap on the nonlinear iterations. */
        public static final int DEFAULT_MAX_ITERATIONS = 100;
        /** Default strain-rate regularisation ε_0, a⁻¹. */
        public static final double DEFAULT_STRAIN_RATE_REGULARISATION = 1e-5;
        /** Default residual reduction of each conjugate-gradient solve. */
        public static final double DEFAULT_LINEAR_TOLERANCE = 1e-3;
        /** Default cap on the conjugate-gradient iterations of one step. */
        public static final int DEFAULT_MAX_LINEAR_ITERATIONS = 2000;

        /**
         * @throws InputException naming the first setting out of its range
         */
        public Options {
            if (!(tolerance > 0 && tolerance < 1)) {
                throw new InputException("SSA tolerance must be in (0, 1), got " + tolerance);
            }
            if (maxIterations < 1) {
                throw new InputException("SSA maximum iterations must be at least 1, got " + maxIterations);
            }
            if (!(strainRateRegularisation > 0) || !Double.isFinite(strainRateRegularisation)) {
                throw new InputException("SSA strain-rate regularisation must be finite and positive, got "
                        + strainRateRegularisation + " a⁻¹");
            }
            if (!(linearTolerance > 0 && linearTolerance < 1)) {
                throw new InputException("SSA linear tolerance must be in (0, 1), got " + linearTolerance);
            }
            if (maxLinearIterations < 1) {
                throw new InputException("SSA maximum linear iterations must be at least 1, got "
                        + maxLinearIterations);
            }
            if (threads < 1) {
                throw new InputException("SSA thread count must be at least 1, got " + threads);
            }
        }

        /** The defaults. */
        public static Options defaults() {
            return new Options(DEFAULT_TOLERANCE, DEFAULT_MAX_ITERATIONS, DEFAULT_STRAIN_RATE_REGULARISATION,
                    DEFAULT_LINEAR_TOLERANCE, DEFAULT_MAX_LINEAR_ITERATIONS, 1, true);
        }

        /** These settings with another nonlinear tolerance. */
        public Options withTolerance(double newTolerance) {
            return new Options(newTolerance, maxIterations, strainRateRegularisation, linearTolerance,
                    maxLinearIterations, threads, newton);
        }

        /** These settings with another linear tolerance. */
        public Options withLinearTolerance(double newTolerance) {
            return new Options(tolerance, maxIterations, strainRateRegularisation, newTolerance,
                    maxLinearIterations, threads, newton);
        }

        /** These settings with another cap on the nonlinear iterations. */
        public Options withMaxIterations(int newMax) {
            return new Options(tolerance, newMax, strainRateRegularisation, linearTolerance, maxLinearIterations,
                    threads, newton);
        }

        /** These settings on another number of threads. */
        public Options withThreads(int newThreads) {
            return new Options(tolerance, maxIterations, strainRateRegularisation, linearTolerance,
                    maxLinearIterations, newThreads, newton);
        }

        /** These settings with Newton (true) or Picard (false) steps. */
        public Options withNewton(boolean useNewton) {
            return new Options(tolerance, maxIterations, strainRateRegularisation, linearTolerance,
                    maxLinearIterations, threads, useNewton);
        }
    }

    /**
     * Boundary options of the lower-level {@link #solve(Grid2D, double[], double[], double[], double[], SlidingLaw,
     * Boundary)}.
     *
     * @param periodicX  the domain is periodic along x: column nx−1 neighbours column 0
     * @param dirichlet  per node, true where the velocity is given; or null for none (read, not copied)
     * @param dirichletU given u, m a⁻¹, per node (read where {@code dirichlet} is true); null when dirichlet is
     * @param dirichletV given v, m a⁻¹, per node; null when dirichlet is
     */
    public record Boundary(boolean periodicX, boolean[] dirichlet, double[] dirichletU, double[] dirichletV) {

        /**
         * @throws InputException when the Dirichlet arrays are not all given or all null
         */
        public Boundary {
            boolean given = dirichlet != null;
            if ((dirichletU != null) != given || (dirichletV != null) != given) {
                throw new InputException("SSA Dirichlet mask, u and v must be given together or not at all");
            }
        }

        /** Free domain edges, no given velocities. */
        public static Boundary none() {
            return new Boundary(false, null, null, null);
        }
    }

    /**
     * A solution of the lower-level problem.
     *
     * @param u      x velocity per node, m a⁻¹
     * @param v      y velocity per node, m a⁻¹
     * @param report how the solve went
     */
    public record Solution(double[] u, double[] v, SolverReport report) {
    }

    private final Options options;
    private SolverReport lastReport;
    private final WarmStart warmStart = new WarmStart();

    /** The SSA with the default {@link Options}. */
    public ShallowShelfFlow() {
        this(Options.defaults());
    }

    /** The SSA with the given settings. */
    public ShallowShelfFlow(Options options) {
        this.options = options;
    }

    /** The settings. */
    public Options options() {
        return options;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SolverReport lastReport() {
        return lastReport;
    }

    @Override
    public void forgetWarmStart() {
        warmStart.forget();
    }

    /** Saves the warm start (the last solution and the grid it belongs to). */
    @Override
    public void saveState(RestartState state) {
        warmStart.save(state);
    }

    @Override
    public void restoreState(RestartState state) {
        warmStart.restore(state);
    }

    /**
     * The SSA velocity of the input: Weertman sliding with the input's coefficient c, the driving stress of
     * {@link #drivingStress}, free domain edges.
     *
     * @throws InputException when a thickness is negative or not finite, a surface not finite, a sliding coefficient
     *                        negative or not finite, or a rate factor not finite and positive under ice
     */
    @Override
    public IceFlowResult solve(IceFlowInput input) {
        Grid2D grid = input.grid();
        double[] h = input.thickness();
        double[][] tau = drivingStress(grid, h, input.surface());
        Solution s = solve(grid, h, tau[0], tau[1], hardness(input), new WeertmanSliding(input.slidingCoefficient()),
                Boundary.none());
        return result(grid, s);
    }

    /**
     * The hardness B = A^(−1/3) per cell of the input, MPa a^(1/3), zero where there is no ice; shared with
     * {@link QuadraticShallowShelfFlow}.
     *
     * @throws InputException when a sliding coefficient is negative or not finite, or a rate factor not finite and
     *                        positive under ice
     */
    static double[] hardness(IceFlowInput input) {
        Grid2D grid = input.grid();
        double[] h = input.thickness();
        double[] c = input.slidingCoefficient();
        double[] rate = input.rateFactor();
        double[] hardness = new double[grid.size()];
        for (int k = 0; k < h.length; k++) {
            if (!(c[k] >= 0) || !Double.isFinite(c[k])) {
                throw new InputException("SSA: sliding coefficient must be finite and ≥ 0, got " + c[k]
                        + " km MPa⁻³ a⁻¹ at " + cell(grid, k));
            }
            if (h[k] > 0) {
                if (!(rate[k] > 0) || !Double.isFinite(rate[k])) {
                    throw new InputException("SSA: rate factor must be finite and positive under ice, got "
                            + rate[k] + " MPa⁻³ a⁻¹ at " + cell(grid, k));
                }
                hardness[k] = GlenLaw.hardness(rate[k]);
            }
        }
        return hardness;
    }

    /** The SSA velocity as an ice-flow result: ū = u_s = u_b, no staggered velocity, no time-step limit. */
    static IceFlowResult result(Grid2D grid, Solution s) {
        double[] u = s.u();
        double[] v = s.v();
        return new IceFlowResult(grid, u, v, u.clone(), v.clone(), u.clone(), v.clone(), null,
                Double.POSITIVE_INFINITY);
    }

    /**
     * The driving stress τ_d = ρ g H ∇s per cell, MPa, with ∇s by centred differences (one-sided in the first and last
     * row and column, as the SIA); zero where H = 0.
     *
     * @return {τ_dx, τ_dy}
     * @throws InputException when a thickness is negative or not finite, or a surface value not finite
     */
    public static double[][] drivingStress(Grid2D grid, double[] thickness, double[] surface) {
        int n = grid.size();
        for (int k = 0; k < n; k++) {
            if (!(thickness[k] >= 0) || !Double.isFinite(thickness[k])) {
                throw new InputException("SSA: thickness must be finite and ≥ 0, got " + thickness[k] + " m at "
                        + cell(grid, k));
            }
            if (!Double.isFinite(surface[k])) {
                throw new InputException("SSA: surface elevation must be finite, got " + surface[k] + " m at "
                        + cell(grid, k));
            }
        }
        double[] gx = new double[n];
        double[] gy = new double[n];
        SurfaceSlope.gradient(grid, surface, gx, gy);
        for (int k = 0; k < n; k++) {
            double w = PhysicalConstants.ICE_WEIGHT_MPA_PER_M * thickness[k];
            gx[k] = thickness[k] > 0 ? w * gx[k] : 0;
            gy[k] = thickness[k] > 0 ? w * gy[k] : 0;
        }
        return new double[][]{gx, gy};
    }

    /**
     * Solves the SSA on the nodes of {@code grid} (its cell centres) with explicit fields, any sliding law and
     * boundary options. Starts from the last solution when the grid is the same (and {@link #forgetWarmStart} was not
     * called since), then keeps this solution for the next solve.
     *
     * @param grid           the grid; the nodes are its cell centres
     * @param thickness      H per node, m, finite, ≥ 0; the ice is where H &gt; 0
     * @param drivingStressX τ_dx = ρ g H ∂s/∂x per node, MPa (the flow goes against it)
     * @param drivingStressY τ_dy per node, MPa
     * @param hardness       B per node, MPa a^(1/3), finite and positive where H &gt; 0 (read only there)
     * @param sliding        the basal drag, indexed by node
     * @param boundary       periodicity and given velocities
     * @return the velocity (exactly zero at nodes without ice and at no-slip nodes, the given values at Dirichlet
     *         nodes) and the report (also kept as {@link #lastReport()}); when the iterations reach
     *         {@link Options#maxIterations} before the tolerance, the last iterate, with {@code converged} false
     * @throws InputException      when an array has the wrong length or a value is out of its range
     * @throws SimulationException when the iterations diverge to a non-finite velocity (the warm start is dropped)
     */
    public Solution solve(Grid2D grid, double[] thickness, double[] drivingStressX, double[] drivingStressY,
                          double[] hardness, SlidingLaw sliding, Boundary boundary) {
        return solve(grid, grid.dx(), thickness, drivingStressX, drivingStressY, hardness, sliding, boundary);
    }

    /**
     * Solves the SSA as {@link #solve(Grid2D, double[], double[], double[], double[], SlidingLaw, Boundary)} on
     * rectangular cells: the nodes are spaced {@code grid.dx()} along x and {@code dy} along y (the grid's y
     * coordinates are not used). Every length of the discretisation is scaled along its own axis: the derivatives
     * ∂N/∂x = N_ξ/Δx and ∂N/∂y = N_η/Δy at the Gauss points, the element stiffness, the Gauss weights ΔxΔy/4, the
     * consistent load and the node areas of the lumped drag. With {@code dy == grid.dx()} the result is bit for bit
     * that of the square-cell solve. The warm start is kept per grid and dy.
     *
     * @param dy node spacing along y, m, finite and positive
     * @throws InputException      as the square-cell solve, and when dy is not finite and positive
     * @throws SimulationException when the iterations diverge to a non-finite velocity (the warm start is dropped)
     */
    public Solution solve(Grid2D grid, double dy, double[] thickness, double[] drivingStressX,
                          double[] drivingStressY, double[] hardness, SlidingLaw sliding, Boundary boundary) {
        long start = System.nanoTime();
        checkInputs(grid, dy, thickness, drivingStressX, drivingStressY, hardness, sliding, boundary);
        int n = grid.size();
        boolean warm = warmStart.fits(grid, dy);
        Problem p = new Problem(grid, dy, thickness, drivingStressX, drivingStressY, hardness, sliding, boundary,
                options);
        double[] x = new double[2 * n];
        if (warm) {
            warmStart.copyInto(x, p.matrix.free);
        }
        p.setFixedValues(x);
        SolverReport report = p.iterate(x, warm, start);
        lastReport = report;
        for (double value : x) {
            if (!Double.isFinite(value)) {
                forgetWarmStart();
                throw new SimulationException("SSA iterations diverged (non-finite velocity) after "
                        + report.nonlinearIterations() + " iterations on " + grid);
            }
        }
        warmStart.remember(grid, dy, x);
        double[] u = new double[n];
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            u[k] = x[2 * k];
            v[k] = x[2 * k + 1];
        }
        return new Solution(u, v, report);
    }

    /**
     * The discrete energy J_h(u) whose stationary point the Newton and Picard iterations converge to: the
     * Gauss-quadrature sum of 2Hψ over the active elements, the lumped sliding potential over the unknown nodes and the
     * load ∫τ_d·u (the terms of fixed nodes alone are left out: they are constants). For tests of the discretisation.
     */
    static double discreteEnergy(Grid2D grid, double[] thickness, double[] drivingStressX, double[] drivingStressY,
                                 double[] hardness, SlidingLaw sliding, Boundary boundary, Options options,
                                 double[] u, double[] v) {
        return discreteEnergy(grid, grid.dx(), thickness, drivingStressX, drivingStressY, hardness, sliding,
                boundary, options, u, v);
    }

    /** {@link #discreteEnergy(Grid2D, double[], double[], double[], double[], SlidingLaw, Boundary, Options,
     * double[], double[])} on cells of Δy = dy. */
    static double discreteEnergy(Grid2D grid, double dy, double[] thickness, double[] drivingStressX,
                                 double[] drivingStressY, double[] hardness, SlidingLaw sliding, Boundary boundary,
                                 Options options, double[] u, double[] v) {
        Problem p = new Problem(grid, dy, thickness, drivingStressX, drivingStressY, hardness, sliding, boundary,
                options);
        double[] x = new double[2 * grid.size()];
        for (int k = 0; k < grid.size(); k++) {
            x[2 * k] = u[k];
            x[2 * k + 1] = v[k];
        }
        return p.energy(x);
    }

    /**
     * Checks the inputs of a lower-level solve (shared with {@link QuadraticShallowShelfFlow}).
     *
     * @throws InputException when dy is not finite and positive, an array has the wrong length or a value is out of
     *                        its range
     */
    static void checkInputs(Grid2D grid, double dy, double[] thickness, double[] drivingStressX,
                            double[] drivingStressY, double[] hardness, SlidingLaw sliding, Boundary boundary) {
        if (!(dy > 0) || !Double.isFinite(dy)) {
            throw new InputException("SSA node spacing along y must be finite and positive, got " + dy + " m");
        }
        int n = grid.size();
        checkLength("thickness", thickness, n);
        checkLength("driving stress x", drivingStressX, n);
        checkLength("driving stress y", drivingStressY, n);
        checkLength("hardness", hardness, n);
        checkLength("sliding-law values", lawValues(sliding), n);
        if (boundary.dirichlet() != null) {
            if (boundary.dirichlet().length != n) {
                throw new InputException("SSA Dirichlet mask must have " + n + " entries, got "
                        + boundary.dirichlet().length);
            }
            checkLength("Dirichlet u", boundary.dirichletU(), n);
            checkLength("Dirichlet v", boundary.dirichletV(), n);
        }
        for (int k = 0; k < n; k++) {
            if (!(thickness[k] >= 0) || !Double.isFinite(thickness[k])) {
                throw new InputException("SSA: thickness must be finite and ≥ 0, got " + thickness[k] + " m at "
                        + cell(grid, k));
            }
            if (!Double.isFinite(drivingStressX[k]) || !Double.isFinite(drivingStressY[k])) {
                throw new InputException("SSA: driving stress must be finite, got (" + drivingStressX[k] + ", "
                        + drivingStressY[k] + ") MPa at " + cell(grid, k));
            }
            if (thickness[k] > 0 && (!(hardness[k] > 0) || !Double.isFinite(hardness[k]))) {
                throw new InputException("SSA: hardness must be finite and positive under ice, got " + hardness[k]
                        + " MPa a^(1/3) at " + cell(grid, k));
            }
            if (boundary.dirichlet() != null && boundary.dirichlet()[k]
                    && (!Double.isFinite(boundary.dirichletU()[k]) || !Double.isFinite(boundary.dirichletV()[k]))) {
                throw new InputException("SSA: Dirichlet velocity must be finite, got (" + boundary.dirichletU()[k]
                        + ", " + boundary.dirichletV()[k] + ") m/a at " + cell(grid, k));
            }
        }
    }

    /** The per-point values of a sliding law: c (Weertman), β² (linear) or τ_c (plastic). */
    static double[] lawValues(SlidingLaw sliding) {
        return switch (sliding) {
            case WeertmanSliding w -> w.coefficient();
            case LinearSliding l -> l.betaSquared();
            case PlasticSliding p -> p.yieldStress();
        };
    }

    /**
     * Backtracking on the energy along the Newton direction: the largest of 1, ½, ¼, … (at most 2⁻²⁰) with
     * J(x + αδ) ≤ J(x) (or within rounding of it). The convex energy makes a Newton direction a descent direction, so a
     * step is found unless rounding hides the decrease, when the full step is taken. Shared with
     * {@link QuadraticShallowShelfFlow}: x, δ and the work array {@code trial} interleave u and v per node, and only
     * the {@code free} nodes move.
     */
    static double lineSearch(int[] free, double[] x, double[] delta, double[] trial,
                             ToDoubleFunction<double[]> energy) {
        double j0 = energy.applyAsDouble(x);
        double noise = 1e-13 * Math.abs(j0);
        double alpha = 1;
        for (int halving = 0; halving <= 20; halving++) {
            System.arraycopy(x, 0, trial, 0, x.length);
            for (int k : free) {
                trial[2 * k] += alpha * delta[2 * k];
                trial[2 * k + 1] += alpha * delta[2 * k + 1];
            }
            if (energy.applyAsDouble(trial) <= j0 + noise) {
                return alpha;
            }
            alpha *= 0.5;
        }
        return 1;
    }

    /**
     * Moves the free nodes of x by {@code step}·δ and returns the relative change ‖step·δ‖₂/‖x‖₂ over them (1 when x is
     * zero and δ is not), the stopping measure of the iterations; shared with {@link QuadraticShallowShelfFlow}.
     */
    static double takeStep(int[] free, double[] x, double[] delta, double step) {
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

    /**
     * The warm start of an SSA solver, shared with {@link QuadraticShallowShelfFlow}: the last converged velocity
     * (u and v interleaved per node, m a⁻¹) and the grid and y node spacing (m) it belongs to. A checkpoint holds it
     * as {@code warm_grid}, {@code warm_dy} and {@code warm_velocity}.
     */
    static final class WarmStart {
        private Grid2D grid;
        private double dy;
        private double[] velocity;

        /** Whether there is a last solution and it belongs to {@code grid} and {@code dy}. */
        boolean fits(Grid2D grid, double dy) {
            return velocity != null && grid.equals(this.grid) && dy == this.dy;
        }

        /** Copies the last solution into x at the {@code free} nodes (only when {@link #fits}). */
        void copyInto(double[] x, int[] free) {
            for (int k : free) {
                x[2 * k] = velocity[2 * k];
                x[2 * k + 1] = velocity[2 * k + 1];
            }
        }

        /** Keeps {@code velocity} (not copied) as the solution on {@code grid} and {@code dy}. */
        void remember(Grid2D grid, double dy, double[] velocity) {
            this.grid = grid;
            this.dy = dy;
            this.velocity = velocity;
        }

        /** Drops the last solution: the next solve starts cold. */
        void forget() {
            grid = null;
            velocity = null;
        }

        /** Saves the last solution and the grid it belongs to. */
        void save(RestartState state) {
            state.putGrid("warm_grid", grid);
            state.put("warm_dy", dy);
            state.put("warm_velocity", velocity);
        }

        /** Restores what {@link #save} saved. */
        void restore(RestartState state) {
            grid = state.grid("warm_grid");
            dy = state.number("warm_dy");
            velocity = grid == null ? null : state.array("warm_velocity");
        }
    }

    private static void checkLength(String name, double[] a, int n) {
        if (a == null || a.length != n) {
            throw new InputException("SSA " + name + " must have " + n + " entries, got "
                    + (a == null ? "null" : a.length));
        }
    }

    private static String cell(Grid2D grid, int k) {
        return "cell (" + (k % grid.nx()) + ", " + (k / grid.nx()) + ")";
    }

    /** One SSA problem: the mesh, the fixed nodes, the load, and the Newton or Picard iterations. */
    private static final class Problem {
        private final int nx;
        private final int ny;
        private final boolean periodic;
        private final int elementsX;
        private final int elementsY;
        private final double[] h;
        private final double[] elementHardness;
        private final boolean[] active;
        private final double[] nodeArea;
        private final double[] load;
        private final SlidingLaw sliding;
        private final Boundary boundary;
        private final Options options;
        private final double dx;
        private final double dy;
        /** Element stiffness per unit ηH of this aspect ratio (see {@link ShallowShelfFlow#stiffness}). */
        private final double[] stiffness;
        /**
         * N_ξ √(Δy/Δx) and N_η √(Δx/Δy) at the Gauss points, {@code [4q + a]}: ∂N/∂x and ∂N/∂y times √(ΔxΔy), so that
         * the Gauss weight ΔxΔy/4 of a rank-one Newton term g gᵀ becomes ¼.
         */
        private final double[] scaledShapeX;
        private final double[] scaledShapeY;
        /** ηH at the Gauss points of each element, {@code [4e + q]}. */
        private final double[] coefficient;
        /** ½ H dη/dε_e² at the Gauss points (Newton), {@code [4e + q]}. */
        private final double[] newtonCoefficient;
        /** ∂ε_e²/∂(u_a, v_a) at the Gauss points (Newton), {@code [32e + 8q + 2a + component]}. */
        private final double[] strainGradient;

        final SsaStencilMatrix matrix;

        Problem(Grid2D grid, double dy, double[] thickness, double[] tx, double[] ty, double[] hardness,
                SlidingLaw sliding, Boundary boundary, Options options) {
            this.nx = grid.nx();
            this.ny = grid.ny();
            this.dx = grid.dx();
            this.dy = dy;
            double ratio = dy / dx;
            this.stiffness = ratio == 1 ? SQUARE_STIFFNESS : stiffness(ratio);
            double sx = Math.sqrt(ratio);
            double sy = Math.sqrt(1 / ratio);
            this.scaledShapeX = new double[16];
            this.scaledShapeY = new double[16];
            for (int t = 0; t < 16; t++) {
                scaledShapeX[t] = SHAPE_X[t] * sx;
                scaledShapeY[t] = SHAPE_Y[t] * sy;
            }
            this.periodic = boundary.periodicX();
            this.elementsX = periodic ? nx : nx - 1;
            this.elementsY = ny - 1;
            this.h = thickness;
            this.sliding = sliding;
            this.boundary = boundary;
            this.options = options;
            int elements = Math.max(elementsX, 0) * Math.max(elementsY, 0);
            this.active = new boolean[elements];
            this.elementHardness = new double[elements];
            this.coefficient = new double[4 * elements];
            this.newtonCoefficient = options.newton() ? new double[4 * elements] : null;
            this.strainGradient = options.newton() ? new double[32 * elements] : null;
            for (int ej = 0; ej < elementsY; ej++) {
                for (int ei = 0; ei < elementsX; ei++) {
                    int e = ej * elementsX + ei;
                    double sum = 0;
                    int count = 0;
                    for (int a = 0; a < 4; a++) {
                        int k = corner(ei, ej, a);
                        if (thickness[k] > 0) {
                            sum += hardness[k];
                            count++;
                        }
                    }
                    active[e] = count > 0;
                    elementHardness[e] = count > 0 ? sum / count : 0;
                }
            }
            int n = nx * ny;
            nodeArea = new double[n];
            double quarter = 0.25 * dx * dy;
            int[] freeList = new int[n];
            int nFree = 0;
            boolean[] given = boundary.dirichlet();
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int k = j * nx + i;
                    for (int a = 0; a < 4; a++) {
                        int e = element(i, j, a);
                        if (e >= 0 && active[e]) {
                            nodeArea[k] += quarter;
                        }
                    }
                    if (thickness[k] > 0 && nodeArea[k] > 0 && !sliding.noSlip(k) && (given == null || !given[k])) {
                        freeList[nFree++] = k;
                    }
                }
            }
            int[] free = Arrays.copyOf(freeList, nFree);
            int[] neighbour = new int[9 * nFree];
            for (int f = 0; f < nFree; f++) {
                int k = free[f];
                int i = k % nx;
                int j = k / nx;
                for (int dj = -1; dj <= 1; dj++) {
                    for (int di = -1; di <= 1; di++) {
                        int ii = i + di;
                        int jj = j + dj;
                        if (periodic) {
                            ii = Math.floorMod(ii, nx);
                        }
                        boolean inside = ii >= 0 && ii < nx && jj >= 0 && jj < ny;
                        neighbour[9 * f + 3 * (dj + 1) + di + 1] = inside ? jj * nx + ii : k;
                    }
                }
            }
            matrix = new SsaStencilMatrix(free, neighbour, options.threads());
            load = new double[2 * n];
            double area = dx * dy;
            for (int k : free) {
                int i = k % nx;
                int j = k / nx;
                double bx = 0;
                double by = 0;
                for (int a = 0; a < 4; a++) {
                    int e = element(i, j, a);
                    if (e < 0 || !active[e]) {
                        continue;
                    }
                    int ei = e % elementsX;
                    int ej = e / elementsX;
                    for (int b = 0; b < 4; b++) {
                        int m = corner(ei, ej, b);
                        bx += MASS[4 * a + b] * tx[m];
                        by += MASS[4 * a + b] * ty[m];
                    }
                }
                load[2 * k] = -area * bx;
                load[2 * k + 1] = -area * by;
            }
        }

        /** Node index of corner a (0 SW, 1 SE, 2 NW, 3 NE) of element (ei, ej). */
        private int corner(int ei, int ej, int a) {
            int i = ei + (a & 1);
            if (i == nx) {
                i = 0;
            }
            return (ej + (a >> 1)) * nx + i;
        }

        /** The element of which node (i, j) is corner a, or −1 where there is none. */
        private int element(int i, int j, int a) {
            int ei = i - (a & 1);
            int ej = j - (a >> 1);
            if (ei < 0) {
                if (!periodic) {
                    return -1;
                }
                ei += nx;
            }
            if (ei >= elementsX || ej < 0 || ej >= elementsY) {
                return -1;
            }
            return ej * elementsX + ei;
        }

        /** The discrete energy at x (see {@link ShallowShelfFlow#discreteEnergy}). */
        double energy(double[] x) {
            double eps0Squared = options.strainRateRegularisation() * options.strainRateRegularisation();
            double invDx = 1 / dx;
            double invDy = 1 / dy;
            double quarter = 0.25 * dx * dy;
            double total = 0;
            for (int e = 0; e < active.length; e++) {
                if (!active[e]) {
                    continue;
                }
                int ei = e % elementsX;
                int ej = e / elementsX;
                for (int q = 0; q < 4; q++) {
                    double hq = 0;
                    double ux = 0;
                    double uy = 0;
                    double vx = 0;
                    double vy = 0;
                    for (int a = 0; a < 4; a++) {
                        int k = corner(ei, ej, a);
                        int t = 4 * q + a;
                        hq += SHAPE[t] * h[k];
                        ux += SHAPE_X[t] * x[2 * k] * invDx;
                        uy += SHAPE_Y[t] * x[2 * k] * invDy;
                        vx += SHAPE_X[t] * x[2 * k + 1] * invDx;
                        vy += SHAPE_Y[t] * x[2 * k + 1] * invDy;
                    }
                    double exy = 0.5 * (uy + vx);
                    double strainSquared = ux * ux + vy * vy + ux * vy + exy * exy;
                    total += quarter * 2 * hq * GlenLaw.dissipation(elementHardness[e], strainSquared, eps0Squared);
                }
            }
            for (int k : matrix.free) {
                total += nodeArea[k] * sliding.potential(k, Math.hypot(x[2 * k], x[2 * k + 1]));
                total -= load[2 * k] * x[2 * k] + load[2 * k + 1] * x[2 * k + 1];
            }
            return total;
        }

        /** Writes the given velocities of the fixed nodes into x (zero unless Dirichlet). */
        void setFixedValues(double[] x) {
            boolean[] given = boundary.dirichlet();
            if (given == null) {
                return;
            }
            for (int k = 0; k < given.length; k++) {
                if (given[k]) {
                    x[2 * k] = boundary.dirichletU()[k];
                    x[2 * k + 1] = boundary.dirichletV()[k];
                }
            }
        }

        SolverReport iterate(double[] x, boolean warm, long start) {
            int[] free = matrix.free;
            int n = nx * ny;
            if (free.length == 0) {
                return new SolverReport(0, 0, 0, true, warm, (System.nanoTime() - start) * 1e-9, MEASURE);
            }
            double[] r = new double[2 * n];
            double[] delta = new double[2 * n];
            double[] trial = options.newton() ? new double[2 * n] : null;
            double[][] work = {new double[2 * n], new double[2 * n], new double[2 * n]};
            long linear = 0;
            double change = Double.NaN;
            boolean converged = false;
            int it = 0;
            while (it < options.maxIterations()) {
                boolean cold = !warm && it == 0;
                boolean newtonStep = options.newton() && !cold;
                viscosity(x, cold, newtonStep);
                assemble(x, cold);
                matrix.multiply(x, r);
                for (int k : free) {
                    r[2 * k] = load[2 * k] - r[2 * k];
                    r[2 * k + 1] = load[2 * k + 1] - r[2 * k + 1];
                }
                if (newtonStep) {
                    addNewtonTerms(x);
                }
                matrix.factorPreconditioner();
                linear += matrix.solve(r, delta, work, options.linearTolerance(), options.maxLinearIterations());
                double step = newtonStep ? lineSearch(free, x, delta, trial, this::energy) : 1;
                it++;
                change = takeStep(free, x, delta, step);
                if (!Double.isFinite(change)) {
                    break;
                }
                if (!cold && change < options.tolerance()) {
                    converged = true;
                    break;
                }
            }
            return new SolverReport(it, linear, change, converged, warm, (System.nanoTime() - start) * 1e-9,
                    MEASURE);
        }

        /**
         * ηH at the Gauss points of every active element from the velocity x (or the cold-start strain rate), and for
         * a Newton step the rank-one part of the Hessian at each Gauss point: ½ H dη/dε_e² and ∂ε_e²/∂U (per unit
         * cell size).
         */
        private void viscosity(double[] x, boolean cold, boolean newtonStep) {
            double eps0Squared = options.strainRateRegularisation() * options.strainRateRegularisation();
            double invDx = 1 / dx;
            double invDy = 1 / dy;
            int[] node = new int[4];
            for (int e = 0; e < active.length; e++) {
                if (!active[e]) {
                    continue;
                }
                int ei = e % elementsX;
                int ej = e / elementsX;
                for (int a = 0; a < 4; a++) {
                    node[a] = corner(ei, ej, a);
                }
                double b = elementHardness[e];
                for (int q = 0; q < 4; q++) {
                    double hq = 0;
                    double ux = 0;
                    double uy = 0;
                    double vx = 0;
                    double vy = 0;
                    for (int a = 0; a < 4; a++) {
                        int k = node[a];
                        int t = 4 * q + a;
                        hq += SHAPE[t] * h[k];
                        double u = x[2 * k];
                        double v = x[2 * k + 1];
                        ux += SHAPE_X[t] * u;
                        uy += SHAPE_Y[t] * u;
                        vx += SHAPE_X[t] * v;
                        vy += SHAPE_Y[t] * v;
                    }
                    double strainSquared;
                    if (cold) {
                        strainSquared = COLD_STRAIN_RATE * COLD_STRAIN_RATE;
                    } else {
                        ux *= invDx;
                        uy *= invDy;
                        vx *= invDx;
                        vy *= invDy;
                        double exy = 0.5 * (uy + vx);
                        strainSquared = ux * ux + vy * vy + ux * vy + exy * exy;
                    }
                    double eta = GlenLaw.viscosity(b, strainSquared, eps0Squared);
                    coefficient[4 * e + q] = eta * hq;
                    if (newtonStep) {
                        newtonCoefficient[4 * e + q] = -0.5 * hq * eta / (3 * (strainSquared + eps0Squared));
                        double exy = 0.5 * (uy + vx);
                        int g = 32 * e + 8 * q;
                        for (int a = 0; a < 4; a++) {
                            int t = 4 * q + a;
                            strainGradient[g + 2 * a] = (2 * ux + vy) * scaledShapeX[t] + exy * scaledShapeY[t];
                            strainGradient[g + 2 * a + 1] = (2 * vy + ux) * scaledShapeY[t] + exy * scaledShapeX[t];
                        }
                    }
                }
            }
        }

        /** The matrix of the current coefficients and the drag at the current velocity (or the cold-start speed). */
        private void assemble(double[] x, boolean cold) {
            int[] free = matrix.free;
            double[] m = matrix.a;
            Arrays.fill(m, 0);
            for (int f = 0; f < free.length; f++) {
                int k = free[f];
                int i = k % nx;
                int j = k / nx;
                int row = 36 * f;
                for (int a = 0; a < 4; a++) {
                    int e = element(i, j, a);
                    if (e < 0 || !active[e]) {
                        continue;
                    }
                    int ai = a & 1;
                    int aj = a >> 1;
                    for (int q = 0; q < 4; q++) {
                        double c = coefficient[4 * e + q];
                        int t = 64 * q + 16 * a;
                        for (int b = 0; b < 4; b++) {
                            int o = 3 * ((b >> 1) - aj + 1) + (b & 1) - ai + 1;
                            int dst = row + 4 * o;
                            int src = t + 4 * b;
                            m[dst] += c * stiffness[src];
                            m[dst + 1] += c * stiffness[src + 1];
                            m[dst + 2] += c * stiffness[src + 2];
                            m[dst + 3] += c * stiffness[src + 3];
                        }
                    }
                }
                double speed = cold ? COLD_SPEED : Math.hypot(x[2 * k], x[2 * k + 1]);
                double basal = sliding.drag(k, speed) * nodeArea[k];
                int centre = row + 4 * SsaStencilMatrix.CENTRE;
                m[centre] += basal;
                m[centre + 3] += basal;
            }
        }

        /**
         * Adds to the assembled Picard matrix the rest of the Hessian of the energy at x: the rank-one viscous terms
         * ½ H dη/dε_e² g gᵀ of each Gauss point (g = ∂ε_e²/∂U) and the drag term β'(|u|) u uᵀ/|u| of each node, except
         * for plastic till, which keeps its secant drag β (test I on 61 nodes: 238 iterations with its exact
         * curvature, 125 without).
         */
        private void addNewtonTerms(double[] x) {
            int[] free = matrix.free;
            double[] m = matrix.a;
            for (int f = 0; f < free.length; f++) {
                int k = free[f];
                int i = k % nx;
                int j = k / nx;
                int row = 36 * f;
                for (int a = 0; a < 4; a++) {
                    int e = element(i, j, a);
                    if (e < 0 || !active[e]) {
                        continue;
                    }
                    int ai = a & 1;
                    int aj = a >> 1;
                    for (int q = 0; q < 4; q++) {
                        double c = newtonCoefficient[4 * e + q];
                        int g = 32 * e + 8 * q;
                        double gu = c * strainGradient[g + 2 * a];
                        double gv = c * strainGradient[g + 2 * a + 1];
                        for (int b = 0; b < 4; b++) {
                            int o = 3 * ((b >> 1) - aj + 1) + (b & 1) - ai + 1;
                            int dst = row + 4 * o;
                            double hu = strainGradient[g + 2 * b];
                            double hv = strainGradient[g + 2 * b + 1];
                            m[dst] += gu * hu;
                            m[dst + 1] += gu * hv;
                            m[dst + 2] += gv * hu;
                            m[dst + 3] += gv * hv;
                        }
                    }
                }
                double u = x[2 * k];
                double v = x[2 * k + 1];
                double speed = Math.hypot(u, v);
                if (speed > 0 && !(sliding instanceof PlasticSliding)) {
                    double d = sliding.dragDerivative(k, speed) / speed * nodeArea[k];
                    int centre = row + 4 * SsaStencilMatrix.CENTRE;
                    m[centre] += d * u * u;
                    m[centre + 1] += d * u * v;
                    m[centre + 2] += d * v * u;
                    m[centre + 3] += d * v * v;
                }
            }
        }
    }
}
