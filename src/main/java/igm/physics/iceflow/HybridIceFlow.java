package igm.physics.iceflow;

import igm.grid.Grid2D;
import igm.physics.RestartState;

/**
 * The hybrid SIA + SSA model of PISM (Bueler and Brown 2009), IGM's {@code hybrid} ice-flow model: the ice deforms
 * as in the shallow-ice approximation and slides with the velocity of the shallow-shelf approximation.
 *
 * <p>With u_SIA the {@link ShallowIceFlow} velocities of the input with the sliding coefficient set to 0 (deformation
 * only) and u_SSA the {@link ShallowShelfFlow} velocity with Weertman sliding of coefficient c:
 * <pre>
 *   ū   = ū_SIA + u_SSA
 *   u_s = u_s,SIA + u_SSA
 *   u_b = u_SSA
 * </pre>
 * On the cell edges ({@link StaggeredVelocity}, used by the thickness transport) the SIA's edge velocity plus the
 * mean of the SSA velocities of the two cells (on the domain boundary, the inner cell's SSA velocity, as the transport
 * does for models without edge velocities). The time-step limit is the SIA's diffusive limit. Where c = 0 the SSA
 * velocity is zero and the model is the SIA exactly.
 *
 * <p><b>Lagged sliding</b> (optional, {@link #HybridIceFlow(ShallowIceFlow, ShallowShelfFlow, double)}): the SIA
 * limits the time step to a small fraction of a year, during which the geometry barely changes, yet PISM's scheme
 * solves the SSA at every step. With an update threshold δ &gt; 0 the SSA velocity of the last SSA solve is reused
 * while no cell's thickness has changed by more than δ since that solve and the sliding coefficients and rate factors
 * are the same; cells that have lost their ice get zero sliding, cells that gained ice none until the next solve.
 * With δ = 0 (the default) the SSA is solved at every call, as in PISM. The lag is a {@link LaggedIceFlow} around the
 * SSA.
 *
 * <p>Not thread-safe (the SSA keeps its warm start); {@link #lastReport()} and {@link #forgetWarmStart()} are the
 * SSA's.
 */
public final class HybridIceFlow implements IterativeIceFlow {

    /** The name of this model in the parameters. */
    public static final String NAME = "hybrid";

    private final ShallowIceFlow sia;
    private final ShallowShelfFlow ssa;
    /** The SSA behind the lagged update (every call solves when the threshold is 0). */
    private final LaggedIceFlow sliding;

    /** The hybrid of the default SIA and SSA. */
    public HybridIceFlow() {
        this(new ShallowIceFlow(), new ShallowShelfFlow());
    }

    /**
     * The hybrid of the given SIA (for the deformation) and SSA (for the sliding).
     *
     * @param sia the shallow-ice model; its time-step safety factor sets the hybrid's limit
     * @param ssa the shallow-shelf solver (owned by this model from now on: it keeps the warm start)
     */
    public HybridIceFlow(ShallowIceFlow sia, ShallowShelfFlow ssa) {
        this(sia, ssa, 0);
    }

    /**
     * The hybrid of the given SIA and SSA, re-solving the SSA only once some cell's thickness has changed by more
     * than {@code updateThickness} since the last SSA solve (see the class comment).
     *
     * @param sia             the shallow-ice model; its time-step safety factor sets the hybrid's limit
     * @param ssa             the shallow-shelf solver (owned by this model from now on: it keeps the warm start)
     * @param updateThickness the threshold δ, m, ≥ 0; 0: the SSA is solved at every call
     * @throws igm.InputException when the threshold is negative or not finite
     */
    public HybridIceFlow(ShallowIceFlow sia, ShallowShelfFlow ssa, double updateThickness) {
        if (!(updateThickness >= 0) || !Double.isFinite(updateThickness)) {
            throw new igm.InputException("hybrid SSA update threshold must be a finite thickness ≥ 0 m, got "
                    + updateThickness);
        }
        this.sia = sia;
        this.ssa = ssa;
        this.sliding = new LaggedIceFlow(ssa, updateThickness);
    }

    /** The SSA update threshold δ, m (0: every call). */
    public double updateThickness() {
        return sliding.updateThickness();
    }

    /** How many SSA solves this model has made. */
    public int ssaSolves() {
        return sliding.solves();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SolverReport lastReport() {
        return ssa.lastReport();
    }

    @Override
    public void forgetWarmStart() {
        sliding.forgetWarmStart();
    }

    /** Saves the lagged SSA's state (its last solve and the SSA's warm start); the SIA keeps none. */
    @Override
    public void saveState(RestartState state) {
        sliding.saveState(state.scope("sliding"));
    }

    @Override
    public void restoreState(RestartState state) {
        sliding.restoreState(state.scope("sliding"));
    }

    /**
     * The hybrid velocity of the input.
     *
     * @throws igm.InputException for input the SSA rejects (see {@link ShallowShelfFlow#solve(IceFlowInput)})
     */
    @Override
    public IceFlowResult solve(IceFlowInput input) {
        Grid2D grid = input.grid();
        IceFlowResult basal = sliding.solve(input);
        double[] ub = basal.ubar();
        double[] vb = basal.vbar();
        IceFlowResult deformation = sia.solve(new IceFlowInput(grid, input.thickness(), input.surface(),
                new double[grid.size()], input.rateFactor()));
        double[] ubar = deformation.ubar();
        double[] vbar = deformation.vbar();
        double[] us = deformation.uSurface();
        double[] vs = deformation.vSurface();
        for (int k = 0; k < ub.length; k++) {
            ubar[k] += ub[k];
            vbar[k] += vb[k];
            us[k] += ub[k];
            vs[k] += vb[k];
        }
        StaggeredVelocity edges = deformation.staggered();
        addEdgeMeans(grid, ub, vb, edges.uEdge(), edges.vEdge());
        return new IceFlowResult(grid, ubar, vbar, us, vs, ub, vb, edges, deformation.maxStableTimeStep());
    }

    /** Adds the mean of the two adjacent cell values (the inner cell's on the boundary) to every edge. */
    static void addEdgeMeans(Grid2D grid, double[] u, double[] v, double[] uEdge, double[] vEdge) {
        int nx = grid.nx();
        int ny = grid.ny();
        for (int j = 0; j < ny; j++) {
            int row = j * nx;
            int e = j * (nx + 1);
            uEdge[e] += u[row];
            for (int i = 1; i < nx; i++) {
                uEdge[e + i] += 0.5 * (u[row + i - 1] + u[row + i]);
            }
            uEdge[e + nx] += u[row + nx - 1];
        }
        for (int i = 0; i < nx; i++) {
            vEdge[i] += v[i];
            vEdge[ny * nx + i] += v[(ny - 1) * nx + i];
        }
        for (int j = 1; j < ny; j++) {
            int e = j * nx;
            for (int i = 0; i < nx; i++) {
                vEdge[e + i] += 0.5 * (v[e - nx + i] + v[e + i]);
            }
        }
    }
}
