package igm.physics.iceflow;

import igm.grid.Grid2D;

/**
 * Any ice-flow model made exactly equivariant under the eight symmetries of the square grid (the rotations by
 * multiples of 90° and the reflections, the dihedral group D4), by averaging: F(x) = (1/8) Σ_g g⁻¹ f(g x). Each
 * symmetry g moves the input fields to the transformed grid (nx and ny swap for the rotations by ±90° and the
 * diagonal reflections), the model solves there, and its velocities are moved back with their components transformed.
 *
 * <p>Meant for a trained emulator, which is not equivariant: IGM's f15 network changes its answer by about 20 % when
 * a real glacier is rotated or reflected (see {@code verification/README.md}); the average over the group is exactly
 * equivariant (to rounding), and on the Aletsch cross-check also closer to the observations. A model that is already
 * equivariant (the SIA) returns its own velocities, at eight times the cost. The result has no staggered velocity
 * (the transport averages the centre velocities); its time-step limit is the smallest of the eight.
 *
 * <p>Not thread-safe if the wrapped model is not; closing it closes the wrapped model when that is
 * {@link AutoCloseable}.
 */
public final class SymmetrisedIceFlow implements IceFlowModel, AutoCloseable {

    private final IceFlowModel model;

    /** Averages {@code model} over the eight symmetries of the grid. */
    public SymmetrisedIceFlow(IceFlowModel model) {
        this.model = model;
    }

    /** The wrapped model. */
    public IceFlowModel model() {
        return model;
    }

    /** The wrapped model's name: the symmetrised model stands in for it. */
    @Override
    public String name() {
        return model.name();
    }

    @Override
    public IceFlowResult solve(IceFlowInput input) {
        Grid2D grid = input.grid();
        int n = grid.size();
        double[][] sum = new double[6][n];
        double maxStep = Double.POSITIVE_INFINITY;
        for (int g = 0; g < 8; g++) {
            Symmetry s = new Symmetry(grid, (g & 4) != 0, (g & 1) != 0, (g & 2) != 0);
            IceFlowResult r = model.solve(new IceFlowInput(s.target, s.forward(input.thickness()),
                    s.forward(input.surface()), s.forward(input.slidingCoefficient()),
                    s.forward(input.rateFactor())));
            s.addBack(r.ubar(), r.vbar(), sum[0], sum[1]);
            s.addBack(r.uSurface(), r.vSurface(), sum[2], sum[3]);
            s.addBack(r.uBase(), r.vBase(), sum[4], sum[5]);
            maxStep = Math.min(maxStep, r.maxStableTimeStep());
        }
        for (double[] f : sum) {
            for (int k = 0; k < n; k++) {
                f[k] *= 0.125;
            }
        }
        return new IceFlowResult(grid, sum[0], sum[1], sum[2], sum[3], sum[4], sum[5], null, maxStep);
    }

    @Override
    public void close() throws Exception {
        if (model instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    /**
     * One symmetry of the grid: an optional transposition (x ↔ y) followed by optional reflections of the new x and
     * y axes. Cell (i, j) goes to (i', j') of the target grid; a vector (u, v) becomes (σx·u, σy·v), or (σx·v, σy·u)
     * after a transposition, with σ = −1 for a reflected axis.
     */
    private static final class Symmetry {
        final Grid2D target;
        final boolean swap;
        final double sx;
        final double sy;
        /** The target index of each source cell. */
        final int[] map;

        Symmetry(Grid2D source, boolean swap, boolean flipX, boolean flipY) {
            this.swap = swap;
            this.sx = flipX ? -1 : 1;
            this.sy = flipY ? -1 : 1;
            int nx = source.nx();
            int ny = source.ny();
            int tx = swap ? ny : nx;
            int ty = swap ? nx : ny;
            this.target = new Grid2D(tx, ty, source.dx(), 0, 0);
            this.map = new int[source.size()];
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int a = swap ? j : i;
                    int b = swap ? i : j;
                    int ti = flipX ? tx - 1 - a : a;
                    int tj = flipY ? ty - 1 - b : b;
                    map[source.index(i, j)] = target.index(ti, tj);
                }
            }
        }

        /** A scalar field moved to the target grid. */
        double[] forward(double[] f) {
            double[] out = new double[f.length];
            for (int k = 0; k < f.length; k++) {
                out[map[k]] = f[k];
            }
            return out;
        }

        /** Adds the source-grid velocity of the target-grid velocity (u, v) to (uSum, vSum). */
        void addBack(double[] u, double[] v, double[] uSum, double[] vSum) {
            for (int k = 0; k < map.length; k++) {
                double ut = u[map[k]];
                double vt = v[map[k]];
                // forward: (u, v) → (σx u, σy v), or (σx v, σy u) with the transposition; σ² = 1 inverts it
                if (swap) {
                    uSum[k] += sy * vt;
                    vSum[k] += sx * ut;
                } else {
                    uSum[k] += sx * ut;
                    vSum[k] += sy * vt;
                }
            }
        }
    }
}
