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
 * fixes (ice-free columns, no-slip beds) do not enter the energy and get a zero gradient. A sample may carry a weight
 * w_b &gt; 0 (its loss w_b·ℓ_b): dividing each energy by its own scale balances slow and fast glaciers in a batch
 * without moving any sample's minimiser.
 *
 * <p>Each call of {@link #sample} builds its own scratch: samples are evaluated concurrently by the engine. An
 * operator is used by one sample only; give operators one thread when the batch has several samples (the engine then
 * spreads the samples over its threads).
 */
public final class BlatterEnergyLoss implements OutputLoss {

    /** How the samples of a batch are weighted. */
    public enum Weighting {
        /** Every sample weighs 1: the batch loss is the mean energy per unit area (MPa m a⁻¹). */
        NONE,
        /**
         * Sample b weighs 1/max(S_b, {@value #MIN_SCALE} MPa m a⁻¹), S_b its
         * {@link BlatterProblem#shallowIceEnergyScale()}: the loss is the energy in units of its shallow-ice estimate
         * (about −1 at the minimum), so that a slow glacier (no sliding, cold or thin ice), whose energy is orders of
         * magnitude smaller than a fast one's, weighs as much in a batch. The floor keeps a window with a few thin,
         * still cells from dominating.
         */
        SHALLOW_ICE;

        /**
         * The floor of the scale, MPa m a⁻¹: the scale of a window covered by 100 m of ice on a 10 % slope at A = 78
         * MPa⁻³ a⁻¹ (ū ≈ 2 m a⁻¹, far below the 10 m a⁻¹ the fidelity counts).
         */
        public static final double MIN_SCALE = 0.05;

        /** The weights of the problems, or null for {@link #NONE}. */
        public double[] weights(List<BlatterProblem> problems) {
            if (this == NONE) {
                return null;
            }
            double[] w = new double[problems.size()];
            for (int b = 0; b < w.length; b++) {
                w[b] = 1 / Math.max(problems.get(b).shallowIceEnergyScale(), MIN_SCALE);
            }
            return w;
        }
    }

    private final List<BlatterOperator> operators;
    private final double velocityScale;
    private final double[] weights;

    /**
     * @param operators     one operator per sample of the batches this loss is used with, in sample order
     * @param velocityScale m a⁻¹ per unit of network output, &gt; 0
     * @throws IllegalArgumentException when there is no operator or the scale is not positive
     */
    public BlatterEnergyLoss(List<BlatterOperator> operators, double velocityScale) {
        this(operators, velocityScale, null);
    }

    /**
     * @param operators     one operator per sample of the batches this loss is used with, in sample order
     * @param velocityScale m a⁻¹ per unit of network output, &gt; 0
     * @param weights       a weight per sample, each finite and &gt; 0, or null for weights of 1
     * @throws IllegalArgumentException when there is no operator, the scale is not positive or a weight is missing or
     *                                  not positive
     */
    public BlatterEnergyLoss(List<BlatterOperator> operators, double velocityScale, double[] weights) {
        if (operators == null || operators.isEmpty()) {
            throw new IllegalArgumentException("the energy loss needs one Blatter–Pattyn operator per sample");
        }
        if (!(velocityScale > 0) || !Double.isFinite(velocityScale)) {
            throw new IllegalArgumentException("velocity scale must be positive, got " + velocityScale + " m a⁻¹");
        }
        if (weights != null) {
            if (weights.length != operators.size()) {
                throw new IllegalArgumentException(weights.length + " sample weights for " + operators.size()
                        + " samples");
            }
            for (double w : weights) {
                if (!(w > 0) || !Double.isFinite(w)) {
                    throw new IllegalArgumentException("sample weights must be finite and positive, got " + w);
                }
            }
        }
        this.operators = List.copyOf(operators);
        this.velocityScale = velocityScale;
        this.weights = weights == null ? null : weights.clone();
    }

    /** The weight of sample b (1 unless weights were given). */
    public double weight(int b) {
        return weights == null ? 1 : weights[b];
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
     * w_b·E_b / (n_x n_y Δx²), MPa m a⁻¹ times the weight's unit.
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
            double factor = weight(b) * velocityScale / (area * divisor(batch));
            for (int c = 0; c < cells; c++) {
                for (int k = 0; k < nz; k++) {
                    delta[c * outputs + k] = (float) (gu[c * nz + k] * factor);
                    delta[c * outputs + nz + k] = (float) (gv[c * nz + k] * factor);
                }
            }
        }
        return weight(b) * energy / area;
    }

    @Override
    public String toString() {
        return "Blatter–Pattyn energy of " + operators.size() + " sample(s), velocity scale " + velocityScale
                + " m a⁻¹";
    }
}
