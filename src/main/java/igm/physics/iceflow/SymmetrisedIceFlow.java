package igm.physics.iceflow;

import igm.grid.Grid2D;
import igm.grid.GridSymmetry;
import igm.physics.Restartable;

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
public final class SymmetrisedIceFlow implements IceFlowModel, Restartable.Wrapper, AutoCloseable {

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
        for (GridSymmetry s : GridSymmetry.all()) {
            Grid2D target = s.target(grid);
            IceFlowResult r = model.solve(new IceFlowInput(target, s.scalar(grid, input.thickness()),
                    s.scalar(grid, input.surface()), s.scalar(grid, input.slidingCoefficient()),
                    s.scalar(grid, input.rateFactor())));
            s.addVectorBack(grid, r.ubar(), r.vbar(), sum[0], sum[1]);
            s.addVectorBack(grid, r.uSurface(), r.vSurface(), sum[2], sum[3]);
            s.addVectorBack(grid, r.uBase(), r.vBase(), sum[4], sum[5]);
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
}
