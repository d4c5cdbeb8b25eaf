package igm.physics.iceflow;

import igm.InputException;
import igm.SimulationException;
import igm.grid.Grid2D;
import igm.operator.SurfaceSlope;
import igm.physics.RestartState;
import igm.physics.PhysicalConstants;
import igm.solver.NewtonOptions;
import igm.solver.NewtonReport;
import igm.solver.NewtonSolver;

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
 * <p><b>Discretisation.</b> Finite elements whose corners are the cell centres of the grid (or the nodes of a
 * Δx × Δy grid, through the lower-level {@link #solve(Grid2D, double, double[], double[], double[], double[],
 * SlidingLaw, Boundary) solve} with its own Δy), in one of two {@link Elements}: bilinear (Q1, second order,
 * {@link BilinearSsaProblem}, the default) or biquadratic (Q2, better than third order at the grid nodes,
 * {@link QuadraticSsaProblem}; {@code iceflow.ssa_elements: quadratic}). Either way the velocity is returned at the
 * grid nodes.
 *
 * <p><b>Boundary conditions.</b> Nodes without ice (H = 0) and nodes where the sliding law is {@link
 * SlidingLaw#noSlip no-slip} have zero velocity; nodes chosen in {@link Boundary} have given velocities. An element
 * takes part when at least one of its nodes has ice, so the ice margin is a lateral no-slip wall whose thickness
 * tapers to zero over half a cell (no singular viscosity: η stays bounded by the regularisation). Domain edges are
 * free (zero normal stress beyond the last node), or periodic along x ({@link Boundary#periodicX}).
 *
 * <p><b>Solver.</b> The discrete energy is minimised by the {@link NewtonSolver} with the settings
 * {@link Options#solver()}. The first iteration of a cold start is a Picard step: the viscosity evaluated at the
 * strain rate {@value #COLD_STRAIN_RATE} a⁻¹ and the drag at the speed {@value #COLD_SPEED} m a⁻¹ (from zero velocity
 * the regularised viscosity would be huge and the velocity would have to grow over many iterations). Then, by
 * default, Newton steps on J: the Hessian is the Picard matrix (viscosity and drag frozen) plus the rank-one terms of
 * the viscosity and the drag (plastic till keeps its secant drag β: its exact curvature τ_c ε²/(|u|² + ε²)^(3/2) all
 * but vanishes where the ice slides, and full Newton steps overshoot), still symmetric positive definite because J is
 * convex; the step is halved until J does not increase. With {@link NewtonOptions#newton} false, every step is a
 * Picard step (linear convergence at a rate of about 1 − 1/n). Each linear system is solved by conjugate gradients
 * with a block-Jacobi preconditioner (the inverse 2×2 diagonal block of every node), started from zero for the
 * correction, to a relative residual of {@link NewtonOptions#linearTolerance}. The iterations stop when the relative
 * change ‖Δu‖₂/‖u‖₂ over the unknown nodes falls below {@link NewtonOptions#tolerance}. The next solve on the same
 * grid starts from the last solution (a warm start) until {@link #forgetWarmStart()}: on the Aletsch grid (8668 ice
 * cells, c = 5, A = 78, bilinear elements) a cold solve took 13 Newton iterations, a warm one after adding 1 m of ice
 * 3 (Picard: 29 and 19).
 *
 * <p>The {@link IceFlowModel} form {@link #solve(IceFlowInput)} uses Weertman sliding with the input's coefficient c
 * (c = 0: no slip, zero SSA velocity) and the driving stress from centred differences of the surface
 * ({@link #drivingStress}); it returns ū = u_s = u_b = the SSA velocity, no staggered velocity and no time-step
 * limit. Not thread-safe (it keeps the warm start); the matrix–vector products of the bilinear elements are split
 * between up to {@link NewtonOptions#threads} threads.
 */
public final class ShallowShelfFlow implements IterativeIceFlow {

    /** The name of this model in the parameters. */
    public static final String NAME = "ssa";

    /** The name of this model on quadratic elements ({@link #name()}). */
    public static final String QUADRATIC_NAME = "ssa-q2";

    /** Strain rate, a⁻¹, at which a cold start evaluates the first viscosity. */
    public static final double COLD_STRAIN_RATE = 0.01;

    /** Sliding speed, m a⁻¹, at which a cold start evaluates the first drag. */
    public static final double COLD_SPEED = 10.0;

    private static final String MEASURE = "relative velocity change";

    /** The finite elements of the discretisation. */
    public enum Elements {
        /** Bilinear (Q1) elements on the grid nodes ({@link BilinearSsaProblem}). */
        BILINEAR,
        /** Biquadratic (Q2) elements, the velocity on a lattice of twice the resolution ({@link QuadraticSsaProblem}).
         */
        QUADRATIC
    }

    /**
     * Settings of the model: the regularisation of Glen's law, and the settings of the Newton solver that minimises
     * the energy.
     *
     * @param strainRateRegularisation ε_0 of the viscosity, a⁻¹, &gt; 0; default
     *                                 {@value #DEFAULT_STRAIN_RATE_REGULARISATION} (about 3e-13 s⁻¹, far below the
     *                                 strain rates of flowing ice)
     * @param solver                   tolerance, iteration caps, threads, Newton or Picard steps (default
     *                                 {@link NewtonOptions#defaults()})
     */
    public record Options(double strainRateRegularisation, NewtonOptions solver) {

        /** Default strain-rate regularisation ε_0, a⁻¹. */
        public static final double DEFAULT_STRAIN_RATE_REGULARISATION = 1e-5;

        /**
         * @throws InputException when the regularisation is out of its range or the solver settings are missing
         */
        public Options {
            if (!(strainRateRegularisation > 0) || !Double.isFinite(strainRateRegularisation)) {
                throw new InputException("SSA strain-rate regularisation must be finite and positive, got "
                        + strainRateRegularisation + " a⁻¹");
            }
            if (solver == null) {
                throw new InputException("SSA solver settings must be given, got null");
            }
        }

        /** The defaults. */
        public static Options defaults() {
            return new Options(DEFAULT_STRAIN_RATE_REGULARISATION, NewtonOptions.defaults());
        }

        /** These settings with another nonlinear tolerance. */
        public Options withTolerance(double newTolerance) {
            return new Options(strainRateRegularisation, solver.withTolerance(newTolerance));
        }

        /** These settings with another linear tolerance. */
        public Options withLinearTolerance(double newTolerance) {
            return new Options(strainRateRegularisation, solver.withLinearTolerance(newTolerance));
        }

        /** These settings with another cap on the nonlinear iterations. */
        public Options withMaxIterations(int newMax) {
            return new Options(strainRateRegularisation, solver.withMaxIterations(newMax));
        }

        /** These settings on another number of threads. */
        public Options withThreads(int newThreads) {
            return new Options(strainRateRegularisation, solver.withThreads(newThreads));
        }

        /** These settings with Newton (true) or Picard (false) steps. */
        public Options withNewton(boolean useNewton) {
            return new Options(strainRateRegularisation, solver.withNewton(useNewton));
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

    private final Elements elements;
    private final Options options;
    private final NewtonSolver solver;
    private SolverReport lastReport;
    private final WarmStart warmStart = new WarmStart();

    /** The SSA on bilinear elements with the default {@link Options}. */
    public ShallowShelfFlow() {
        this(Options.defaults());
    }

    /** The SSA on bilinear elements with the given settings. */
    public ShallowShelfFlow(Options options) {
        this(Elements.BILINEAR, options);
    }

    /** The SSA on the given elements with the given settings. */
    public ShallowShelfFlow(Elements elements, Options options) {
        this.elements = elements;
        this.options = options;
        this.solver = new NewtonSolver(options.solver());
    }

    /** The settings. */
    public Options options() {
        return options;
    }

    /** The finite elements. */
    public Elements elements() {
        return elements;
    }

    /** {@value #NAME}, or {@value #QUADRATIC_NAME} on quadratic elements. */
    @Override
    public String name() {
        return elements == Elements.QUADRATIC ? QUADRATIC_NAME : NAME;
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
     * The hardness B = A^(−1/3) per cell of the input, MPa a^(1/3), zero where there is no ice.
     *
     * @throws InputException when a sliding coefficient is negative or not finite, or a rate factor not finite and
     *                        positive under ice
     */
    private static double[] hardness(IceFlowInput input) {
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
    private static IceFlowResult result(Grid2D grid, Solution s) {
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
     *         {@link NewtonOptions#maxIterations} before the tolerance, the last iterate, with {@code converged} false
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
        SsaProblem p = elements == Elements.QUADRATIC
                ? new QuadraticSsaProblem(grid, dy, thickness, drivingStressX, drivingStressY, hardness, sliding,
                        boundary, options.strainRateRegularisation())
                : new BilinearSsaProblem(grid, dy, thickness, drivingStressX, drivingStressY, hardness, sliding,
                        boundary, options.strainRateRegularisation(), options.solver().threads());
        double[] x = p.fixedVelocity();
        if (warm) {
            warmStart.copyInto(x, p.matrix().free());
        }
        NewtonReport newton = solver.minimise(p, x, warm);
        SolverReport report = new SolverReport(newton.iterations(), newton.linearIterations(), newton.residual(),
                newton.converged(), warm, (System.nanoTime() - start) * 1e-9, MEASURE);
        lastReport = report;
        for (double value : x) {
            if (!Double.isFinite(value)) {
                forgetWarmStart();
                throw new SimulationException((elements == Elements.QUADRATIC ? "SSA (quadratic elements)" : "SSA")
                        + " iterations diverged (non-finite velocity) after " + report.nonlinearIterations()
                        + " iterations on " + grid);
            }
        }
        warmStart.remember(grid, dy, x);
        double[] u = new double[n];
        double[] v = new double[n];
        p.nodeVelocity(x, u, v);
        return new Solution(u, v, report);
    }

    /**
     * The discrete energy J_h(u) of the bilinear elements whose stationary point the Newton and Picard iterations
     * converge to: the Gauss-quadrature sum of 2Hψ over the active elements, the lumped sliding potential over the
     * unknown nodes and the load ∫τ_d·u (the terms of fixed nodes alone are left out: they are constants). For tests of
     * the discretisation.
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
        BilinearSsaProblem p = new BilinearSsaProblem(grid, dy, thickness, drivingStressX, drivingStressY, hardness,
                sliding, boundary, options.strainRateRegularisation(), options.solver().threads());
        double[] x = new double[2 * grid.size()];
        for (int k = 0; k < grid.size(); k++) {
            x[2 * k] = u[k];
            x[2 * k + 1] = v[k];
        }
        return p.energy(x);
    }

    /**
     * Checks the inputs of a lower-level solve.
     *
     * @throws InputException when dy is not finite and positive, an array has the wrong length or a value is out of
     *                        its range
     */
    private static void checkInputs(Grid2D grid, double dy, double[] thickness, double[] drivingStressX,
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
     * The warm start: the last converged velocity of the discretisation's nodes (u and v interleaved per node,
     * m a⁻¹) and the grid and y node spacing (m) it belongs to. A checkpoint holds it
     * as {@code warm_grid}, {@code warm_dy} and {@code warm_velocity}.
     */
    private static final class WarmStart {
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
}
