package igm.physics.iceflow.blatter;

import igm.emulator.training.Batch;
import igm.emulator.training.OutputLoss;
import igm.grid.Grid2D;

import java.util.List;

/**
 * The Blatter–Pattyn energy of a network's velocity as its loss (physics-informed training, Jouvet &amp; Cordonnier
 * 2023): the network's {@code 2·N_z} outputs at each cell are u at the levels k = 0 (bed) … N_z − 1 (surface), then v
 * at the same levels, in units of {@code velocityScale} m a⁻¹, at the nodes of the {@link BlatterOperator} of the
 * sample (its grid points are the cells of the patch). The loss of sample b is that operator's energy divided by the
 * patch area, ℓ_b = E_b(u, v) / (n_x n_y Δx²) in MPa m a⁻¹, and the batch's loss their mean: exactly the energy the
 * {@code blatter} solver minimises, for the same levels, sliding law, rate factor, regularisation and lateral
 * boundaries, so that its minimiser over the network's outputs is the solver's solution. Outputs at nodes the operator
 * fixes (ice-free columns, no-slip beds) do not enter the energy and get a zero gradient.
 *
 * <p>Each call of {@link #sample} builds its own scratch: samples are evaluated concurrently by the engine. An
 * operator is used by one sample only; give operators one thread when the batch has several samples (the engine then
 * spreads the samples over its threads).
 */
public final class BlatterEnergyLoss implements OutputLoss {

    private final List<BlatterOperator> operators;
    private final double velocityScale;

    /**
     * @param operators     one operator per sample of the batches this loss is used with, in sample order
     * @param velocityScale m a⁻¹ per unit of network output, &gt; 0
     * @throws IllegalArgumentException when there is no operator or the scale is not positive
     */
    public BlatterEnergyLoss(List<BlatterOperator> operators, double velocityScale) {
        if (operators == null || operators.isEmpty()) {
            throw new IllegalArgumentException("the energy loss needs one Blatter–Pattyn operator per sample");
        }
        if (!(velocityScale > 0) || !Double.isFinite(velocityScale)) {
            throw new IllegalArgumentException("velocity scale must be positive, got " + velocityScale + " m a⁻¹");
        }
        this.operators = List.copyOf(operators);
        this.velocityScale = velocityScale;
    }

    /** The number of network outputs for {@code levels} levels: u, then v, at each. */
    public static int outputs(int levels) {
        return 2 * levels;
    }

    /** The operators, one per sample. */
    public List<BlatterOperator> operators() {
        return operators;
    }

    @Override
    public boolean needsTargets() {
        return false;
    }

    /** The number of samples: the loss is the mean of the samples' energies per unit area. */
    @Override
    public double divisor(Batch batch) {
        return batch.size();
    }

    /**
     * E_b / (n_x n_y Δx²), MPa m a⁻¹.
     *
     * @throws IllegalArgumentException when the batch does not match the operator of sample b (patch size, output
     *                                  channels)
     */
    @Override
    public double sample(Batch batch, int b, float[] y, float[] delta) {
        if (batch.size() != operators.size()) {
            throw new IllegalArgumentException("batch of " + batch.size() + " samples for an energy loss of "
                    + operators.size());
        }
        BlatterOperator op = operators.get(b);
        Grid2D grid = op.grid;
        int nz = op.nz;
        int outputs = batch.outputChannels();
        if (grid.nx() != batch.width() || grid.ny() != batch.height() || outputs != outputs(nz)) {
            throw new IllegalArgumentException("sample " + b + " is " + batch.width() + "×" + batch.height() + " with "
                    + outputs + " outputs; its Blatter–Pattyn problem is " + grid.nx() + "×" + grid.ny() + " with "
                    + nz + " levels (" + outputs(nz) + " outputs)");
        }
        int cells = grid.size();
        int m = cells * nz;
        double[] full = new double[2 * m];
        for (int c = 0; c < cells; c++) {
            for (int k = 0; k < nz; k++) {
                full[c * nz + k] = y[c * outputs + k] * velocityScale;
                full[m + c * nz + k] = y[c * outputs + nz + k] * velocityScale;
            }
        }
        double[] x = new double[op.size()];
        op.gather(full, x);
        double[] gradient = new double[op.size()];
        double area = cells * grid.dx() * grid.dx();
        double energy = op.energy(x, gradient);
        if (delta != null) {
            double[] gu = new double[m];
            double[] gv = new double[m];
            op.scatter(gradient, gu, gv);
            double factor = velocityScale / (area * divisor(batch));
            for (int c = 0; c < cells; c++) {
                for (int k = 0; k < nz; k++) {
                    delta[c * outputs + k] = (float) (gu[c * nz + k] * factor);
                    delta[c * outputs + nz + k] = (float) (gv[c * nz + k] * factor);
                }
            }
        }
        return energy / area;
    }

    @Override
    public String toString() {
        return "Blatter–Pattyn energy of " + operators.size() + " sample(s), velocity scale " + velocityScale
                + " m a⁻¹";
    }
}
