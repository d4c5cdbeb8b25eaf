package igm.inversion;

import igm.emulator.training.Batch;
import igm.emulator.training.OutputLoss;

/**
 * The misfit of a physics-informed network's surface velocity to observed surface velocity, the first term of the
 * inversion's cost: {@code J_u = (1/2N) Σ_k [(u_k − u_k^obs)² + (v_k − v_k^obs)²] / σ²} over the N cells where both
 * components are observed and the glacier mask holds (u, v the network's outputs at the top level, times the velocity
 * scale), dimensionless. The network's outputs are taken as they come, not set to 0 where the thickness is 0, so that
 * an inversion can start from no ice: the misfit then still has a gradient with respect to the thickness.
 *
 * <p>One sample (one glacier) per batch; calls for different batches may run at once (nothing is shared but the
 * read-only observations).
 */
final class SurfaceVelocityMisfit implements OutputLoss {

    private final double[] observedU;
    private final double[] observedV;
    private final boolean[] used;
    private final int count;
    private final double uncertainty;
    private final int levels;
    private final double velocityScale;

    /**
     * @param observedU     observed u per grid point, m a⁻¹ (NaN where not observed)
     * @param observedV     observed v per grid point, m a⁻¹ (NaN where not observed)
     * @param mask          where the misfit counts (the glacier mask)
     * @param uncertainty   σ, m a⁻¹, &gt; 0
     * @param levels        the network's levels N_z (outputs u at 0 … N_z − 1, then v)
     * @param velocityScale m a⁻¹ per unit of network output
     * @throws IllegalArgumentException when no grid point has both components observed inside the mask
     */
    SurfaceVelocityMisfit(double[] observedU, double[] observedV, boolean[] mask, double uncertainty, int levels,
                          double velocityScale) {
        this.observedU = observedU;
        this.observedV = observedV;
        this.used = new boolean[observedU.length];
        int n = 0;
        for (int k = 0; k < used.length; k++) {
            used[k] = mask[k] && Double.isFinite(observedU[k]) && Double.isFinite(observedV[k]);
            n += used[k] ? 1 : 0;
        }
        if (n == 0) {
            throw new IllegalArgumentException("no grid point inside the mask has an observed surface velocity");
        }
        this.count = n;
        this.uncertainty = uncertainty;
        this.levels = levels;
        this.velocityScale = velocityScale;
    }

    /** Number of grid points where the misfit counts. */
    int count() {
        return count;
    }

    @Override
    public boolean needsTargets() {
        return false;
    }

    @Override
    public double divisor(Batch batch) {
        return 1;
    }

    @Override
    public double sample(Batch batch, int b, float[] y, float[] delta) {
        int outputs = 2 * levels;
        if (delta != null) {
            java.util.Arrays.fill(delta, 0f);
        }
        double inverseVariance = 1 / (uncertainty * uncertainty);
        double sum = 0;
        for (int k = 0; k < used.length; k++) {
            if (!used[k]) {
                continue;
            }
            int top = k * outputs + levels - 1;
            double du = y[top] * velocityScale - observedU[k];
            double dv = y[top + levels] * velocityScale - observedV[k];
            sum += (du * du + dv * dv) * inverseVariance;
            if (delta != null) {
                delta[top] = (float) (du * inverseVariance * velocityScale / count);
                delta[top + levels] = (float) (dv * inverseVariance * velocityScale / count);
            }
        }
        return sum / (2 * count);
    }
}
