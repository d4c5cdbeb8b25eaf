package igm.physics.iceflow;

import igm.InputException;
import igm.grid.Grid2D;
import igm.physics.RestartState;
import igm.physics.iceflow.blatter.BlatterOptions;
import igm.physics.iceflow.blatter.BlatterProblem;
import igm.physics.iceflow.blatter.BlatterSolution;
import igm.physics.iceflow.blatter.BlatterSolver;

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
 * the minimiser of the convex energy described in {@link igm.physics.iceflow.blatter.BlatterSolver}: Q1 elements on
 * {@link BlatterOptions#levels()} terrain-following levels refined towards the bed, 2×2×2 Gauss points, L-BFGS
 * preconditioned by the column-wise vertical (tridiagonal) blocks. The approximations: the first-order stress
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
     * @throws igm.SimulationException when the solve breaks down ({@link BlatterSolver})
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
     * @throws igm.SimulationException when the solve breaks down ({@link BlatterSolver}); the warm start is kept
     */
    public BlatterSolution solve(BlatterProblem problem) {
        double[] start = problem.grid().equals(warmGrid) ? warm : null;
        BlatterSolution s = BlatterSolver.solve(problem, options, start);
        int n = s.u().length;
        double[] x = new double[2 * n];
        System.arraycopy(s.u(), 0, x, 0, n);
        System.arraycopy(s.v(), 0, x, n, n);
        warm = x;
        warmGrid = problem.grid();
        last = s;
        return s;
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
