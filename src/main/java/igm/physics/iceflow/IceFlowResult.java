package igm.physics.iceflow;

import igm.grid.Grid2D;
import igm.physics.RestartState;

/**
 * Velocities from an ice-flow model, m a⁻¹, at cell centres, each array {@code grid.size()} long.
 *
 * @param grid              the grid
 * @param ubar              depth-averaged velocity, x component
 * @param vbar              depth-averaged velocity, y component
 * @param uSurface          surface velocity, x component
 * @param vSurface          surface velocity, y component
 * @param uBase             basal (sliding) velocity, x component
 * @param vBase             basal (sliding) velocity, y component
 * @param staggered         depth-averaged velocity normal to the cell edges when the model computes it there
 *                          (SIA does, to avoid the odd–even decoupling of centred gradients); {@code null} when
 *                          the transport should average the centre velocities to the edges
 * @param maxStableTimeStep the largest time step, years, that this velocity field allows for an explicit
 *                          thickness update beyond the advective CFL limit (SIA: its diffusive limit);
 *                          {@link Double#POSITIVE_INFINITY} when the model imposes none
 */
public record IceFlowResult(Grid2D grid, double[] ubar, double[] vbar, double[] uSurface, double[] vSurface,
                            double[] uBase, double[] vBase, StaggeredVelocity staggered,
                            double maxStableTimeStep) {

    /** Saves the velocities, the staggered velocity when there is one, and the time-step limit. */
    public void saveState(RestartState state) {
        state.put("ubar", ubar);
        state.put("vbar", vbar);
        state.put("usurf", uSurface);
        state.put("vsurf", vSurface);
        state.put("ubase", uBase);
        state.put("vbase", vBase);
        if (staggered != null) {
            state.put("uedge", staggered.uEdge());
            state.put("vedge", staggered.vEdge());
        }
        state.put("max_stable_time_step", maxStableTimeStep);
    }

    /**
     * The result saved by {@link #saveState} on {@code grid}.
     *
     * @throws igm.InputException when an array is missing or does not fit the grid
     */
    public static IceFlowResult restoreState(RestartState state, Grid2D grid) {
        int n = grid.size();
        double[] uEdge = state.array("uedge");
        StaggeredVelocity edges = uEdge == null ? null : new StaggeredVelocity(
                state.array("uedge", (grid.nx() + 1) * grid.ny()), state.array("vedge", grid.nx() * (grid.ny() + 1)));
        return new IceFlowResult(grid, state.array("ubar", n), state.array("vbar", n), state.array("usurf", n),
                state.array("vsurf", n), state.array("ubase", n), state.array("vbase", n), edges,
                state.number("max_stable_time_step"));
    }

    /** Depth-averaged speed |ū| per cell, m a⁻¹. */
    public double[] depthAveragedSpeed() {
        return magnitude(ubar, vbar);
    }

    /** Surface speed per cell, m a⁻¹. */
    public double[] surfaceSpeed() {
        return magnitude(uSurface, vSurface);
    }

    private static double[] magnitude(double[] u, double[] v) {
        double[] m = new double[u.length];
        for (int k = 0; k < m.length; k++) {
            m[k] = Math.hypot(u[k], v[k]);
        }
        return m;
    }
}
