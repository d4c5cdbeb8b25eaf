package igm.physics.iceflow.blatter;

import igm.grid.Grid2D;
import igm.physics.iceflow.IceFlowResult;
import igm.physics.iceflow.SolverReport;

/**
 * The 3D horizontal velocity of a Blatter–Pattyn solve, m a⁻¹, and the 2D fields derived from it.
 *
 * <p>The 3D fields hold the velocity at each grid point and level, index {@code (j·nx + i)·N_z + k}, k = 0 at the bed
 * and N_z − 1 at the surface, at the heights z = b + H·ζ_k. The depth average is the exact vertical integral of the
 * piecewise-linear velocity divided by H (the trapezoidal rule over the levels).
 *
 * @param grid   the grid
 * @param zeta   the relative heights ζ_k of the levels
 * @param u      u at every node (read, not copied)
 * @param v      v at every node
 * @param ubar   depth-averaged u per grid point
 * @param vbar   depth-averaged v per grid point
 * @param report how the solve went
 */
public record BlatterSolution(Grid2D grid, double[] zeta, double[] u, double[] v, double[] ubar, double[] vbar,
                              SolverReport report) {

    /**
     * The solution for the node velocities u and v (grid layout, owned by the result) on the levels {@code zeta}, with
     * depth averages over the columns where {@code thickness} is positive.
     */
    public static BlatterSolution of(Grid2D grid, double[] zeta, double[] u, double[] v, double[] thickness,
                              SolverReport report) {
        int nz = zeta.length;
        int cols = grid.size();
        double[] ubar = new double[cols];
        double[] vbar = new double[cols];
        for (int c = 0; c < cols; c++) {
            if (!(thickness[c] > 0)) {
                continue;
            }
            double su = 0;
            double sv = 0;
            for (int k = 0; k < nz - 1; k++) {
                double w = 0.5 * (zeta[k + 1] - zeta[k]);
                int i = c * nz + k;
                su += w * (u[i] + u[i + 1]);
                sv += w * (v[i] + v[i + 1]);
            }
            ubar[c] = su;
            vbar[c] = sv;
        }
        return new BlatterSolution(grid, zeta, u, v, ubar, vbar, report);
    }

    /** Number of levels N_z. */
    public int levels() {
        return zeta.length;
    }

    /** u at grid point (i, j), level k, m a⁻¹. */
    public double u(int i, int j, int k) {
        return u[(j * grid.nx() + i) * zeta.length + k];
    }

    /** v at grid point (i, j), level k, m a⁻¹. */
    public double v(int i, int j, int k) {
        return v[(j * grid.nx() + i) * zeta.length + k];
    }

    /** u at level k of every grid point, a new array. */
    public double[] uLevel(int k) {
        return level(u, k);
    }

    /** v at level k of every grid point, a new array. */
    public double[] vLevel(int k) {
        return level(v, k);
    }

    private double[] level(double[] f, int k) {
        double[] out = new double[grid.size()];
        for (int c = 0; c < out.length; c++) {
            out[c] = f[c * zeta.length + k];
        }
        return out;
    }

    /** The 2D result of an ice-flow model: depth average, surface and basal velocity; no staggered field, no limit. */
    public IceFlowResult toIceFlowResult() {
        int top = zeta.length - 1;
        return new IceFlowResult(grid, ubar.clone(), vbar.clone(), uLevel(top), vLevel(top), uLevel(0), vLevel(0),
                null, Double.POSITIVE_INFINITY);
    }
}
