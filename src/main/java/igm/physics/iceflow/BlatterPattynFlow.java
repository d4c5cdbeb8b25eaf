package igm.physics.iceflow;

import igm.InputException;
import igm.SimulationException;
import igm.grid.Grid2D;
import igm.physics.RestartState;
import igm.physics.iceflow.blatter.BlatterOperator;
import igm.physics.iceflow.blatter.BlatterOptions;
import igm.physics.iceflow.blatter.BlatterProblem;
import igm.physics.iceflow.blatter.BlatterSolution;
import igm.solver.LbfgsReport;
import igm.solver.LbfgsSolver;

import java.util.Arrays;

/**
 * The first-order (Blatter–Pattyn) approximation of Stokes flow, IGM's higher-order instructor ({@code blatter}).
 *
 * <p>With the horizontal velocity (u, v)(x, y, z), the effective strain rate of the first-order approximation
 * ε_e² = ε_xx² + ε_yy² + ε_xx ε_yy + ε_xy² + ε_xz² + ε_yz² (vertical velocity gradients ∂w/∂x neglected, w from
 * incompressibility) and Glen's law η = ½ A^(−1/3) ε_e^(−2/3) (n = 3, {@link GlenLaw}), the velocity solves
 * <pre>
 *   ∂/∂x [2η(2ε_xx + ε_yy)] + ∂/∂y [2η ε_xy] + ∂/∂z [2η ε_xz] = ρg ∂s/∂x
 *   ∂/∂x [2η ε_xy] + ∂/∂y [2η(2ε_yy + ε_xx)] + ∂/∂z [2η ε_yz] = ρg ∂s/∂y
 * </pre>
 * with a stress-free surface, the basal drag τ_b = −β u_b of a {@link SlidingLaw} (or u_b = 0 where the law says no
 * slip), zero velocity in ice-free columns (including films not thicker than
 * {@link BlatterProblem#MIN_ICE_THICKNESS}), and either periodic or stress-free lateral boundaries. It is solved as
 * the minimiser of the convex energy of {@link BlatterOperator}: Q1 elements on {@link BlatterOptions#levels()}
 * terrain-following levels refined towards the bed, 2×2×2 Gauss points, minimised by the {@link LbfgsSolver}
 * preconditioned by the column-wise vertical (tridiagonal) blocks. The energy is strictly convex (Glen's law with
 * n = 3 regularised, convex sliding potentials), so the minimiser is unique. The approximations: the first-order stress
 * balance itself (exact for a parallel slab; close to full Stokes where the aspect ratio H/L is small, see
 * ISMIP-HOM), piecewise-linear velocity in the vertical and bilinear in the horizontal (second order in the level
 * spacing and Δx), and the solver tolerance.
 *
 * <p>{@link #solve(IceFlowInput)} uses Weertman sliding with the input's coefficient c (no slip where c = 0) and
 * open lateral boundaries, and returns the depth average, surface and basal velocity on the model grid (no staggered
 * field; no time-step limit beyond the advective one). {@link #solve(BlatterProblem)} takes any sliding law,
 * periodic boundaries and a tilted plane (ISMIP-HOM). Each solve starts from the last solution on the same grid
 * with the same number of levels (a warm start), unless {@link #forgetWarmStart()} was called; the last 3D velocity
 * is kept ({@link #lastSolution()}). Not thread-safe: one solve at a time per instance.
 *
 * <p>Failure: a solve whose L-BFGS run breaks down ({@link LbfgsReport#breakdown()}: a non-finite energy, gradient
 * or direction, an energy unbounded below along a search direction, an iterate faster than
 * {@link BlatterOperator#MAX_SPEED} m a⁻¹) is repeated once from rest when it was warm-started, and if that breaks
 * down too the solve throws {@link SimulationException} with the reason. A solve that runs out of iterations returns
 * its last iterate, reported as not converged.
 */
public final class BlatterPattynFlow implements IterativeIceFlow {

    /** The name of this model in the parameters. */
    public static final String NAME = "blatter";

    private final BlatterOptions options;
    private BlatterSolution last;
    private Grid2D warmGrid;
    private double[] warm;

    /** The solver with {@link BlatterOptions#defaults()}. */
    public BlatterPattynFlow() {
        this(BlatterOptions.defaults());
    }

    /** The solver with the given settings. */
    public BlatterPattynFlow(BlatterOptions options) {
        this.options = options;
    }

    /** The settings. */
    public BlatterOptions options() {
        return options;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * {@inheritDoc}
     *
     * @throws InputException when a thickness is negative or not finite, a rate factor under ice is not positive or
     *                        a sliding coefficient is negative or NaN
     * @throws SimulationException when the solve breaks down (see the class comment)
     */
    @Override
    public IceFlowResult solve(IceFlowInput input) {
        Grid2D g = input.grid();
        double[] h = input.thickness();
        double[] bed = new double[g.size()];
        for (int k = 0; k < bed.length; k++) {
            bed[k] = input.surface()[k] - h[k];
            double c = input.slidingCoefficient()[k];
            if (!(c >= 0)) {
                throw new InputException("sliding coefficient at grid point " + k + " must be ≥ 0 (0: no slip),"
                        + " got " + c + " km MPa⁻³ a⁻¹");
            }
        }
        BlatterProblem p = new BlatterProblem(g, bed, h, input.rateFactor(),
                new WeertmanSliding(input.slidingCoefficient()), false, 0, 0);
        return solve(p).toIceFlowResult();
    }

    /**
     * Solves a general problem (any sliding law, periodic boundaries, a tilted plane), warm-started from the last
     * solution on the same grid.
     *
     * @return the 3D velocity with its depth average and the solver's report
     * @throws SimulationException when the solve breaks down (see the class comment); the warm start is kept
     */
    public BlatterSolution solve(BlatterProblem problem) {
        double[] start = problem.grid().equals(warmGrid) ? warm : null;
        BlatterSolution s = solve(problem, start);
        int n = s.u().length;
        double[] x = new double[2 * n];
        System.arraycopy(s.u(), 0, x, 0, n);
        System.arraycopy(s.v(), 0, x, n, n);
        warm = x;
        warmGrid = problem.grid();
        last = s;
        return s;
    }

    /**
     * Solves one problem from {@code start} (u then v, each grid points · levels in the layout of
     * {@link BlatterSolution}; its entries at fixed nodes are ignored), or from rest when it is null; a breakdown of a
     * warm-started solve is retried once from rest.
     *
     * @return the solution with its report (warm start = whether {@code start} was given and kept: false after a
     *         cold retry)
     * @throws SimulationException when the solve breaks down from rest
     */
    private BlatterSolution solve(BlatterProblem problem, double[] start) {
        long t0 = System.nanoTime();
        BlatterOperator op = new BlatterOperator(problem, options);
        int n = op.n;
        double[] x = new double[2 * n];
        boolean warmStart = start != null && start.length == 2 * problem.grid().size() * options.levels();
        if (warmStart) {
            op.gather(start, x);
        }
        LbfgsSolver solver = new LbfgsSolver(options.solver());
        LbfgsReport r = solver.minimise(op, x);
        if (r.breakdown() != null && warmStart) {
            // a start that is itself not finite, or any other breakdown: once more from rest
            warmStart = false;
            Arrays.fill(x, 0);
            r = solver.minimise(op, x);
        }
        if (r.breakdown() != null) {
            throw new SimulationException("Blatter–Pattyn solve failed after " + r.iterations() + " iterations: "
                    + describe(r.breakdown()));
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        SolverReport report = new SolverReport(r.iterations(), r.evaluations(), r.residual(), r.converged(),
                warmStart, seconds, "relative quasi-Newton step (max norm), linear iterations = energy evaluations");
        int full = problem.grid().size() * options.levels();
        double[] u = new double[full];
        double[] v = new double[full];
        op.scatter(x, u, v);
        return BlatterSolution.of(problem.grid(), options.levelHeights(), u, v, problem.thickness(), report);
    }

    /** The reason of a breakdown in the units of the Blatter–Pattyn energy (MPa m³ a⁻¹) and velocity (m a⁻¹). */
    private static String describe(LbfgsReport.Breakdown b) {
        return switch (b.cause()) {
            case START_NOT_FINITE -> "the energy or its gradient at the start is not finite (energy " + b.energy()
                    + " MPa m³ a⁻¹)";
            case DIRECTION_NOT_FINITE -> "the search direction is not finite at iteration " + b.iteration()
                    + " (a singular column block?)";
            case RUNAWAY -> String.format("the velocity runs away: max |u| = %.3g m a⁻¹ at iteration %d, over"
                    + " %.0g m a⁻¹ (an energy unbounded below?)", b.largest(), b.iteration(), b.bound());
            case UNBOUNDED -> String.format("the energy decreases without bound along the search direction at"
                    + " iteration %d (energy %.3g MPa m³ a⁻¹ at %.3g times the step, max |u| %.3g m a⁻¹)",
                    b.iteration(), b.energy(), b.step(), b.largest());
            case ACCEPTED_NOT_FINITE -> "the energy is not finite at the accepted step, iteration " + b.iteration();
        };
    }

    /** The 3D velocity of the last solve; null before the first. */
    public BlatterSolution lastSolution() {
        return last;
    }

    @Override
    public SolverReport lastReport() {
        return last == null ? null : last.report();
    }

    @Override
    public void forgetWarmStart() {
        warm = null;
        warmGrid = null;
    }

    /** Saves the warm start (the last 3D velocity and its grid); the last solution itself is not kept. */
    @Override
    public void saveState(RestartState state) {
        state.putGrid("warm_grid", warmGrid);
        state.put("warm_velocity", warm);
    }

    @Override
    public void restoreState(RestartState state) {
        warmGrid = state.grid("warm_grid");
        warm = warmGrid == null ? null : state.array("warm_velocity");
    }
}
