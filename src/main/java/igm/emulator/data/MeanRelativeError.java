package igm.emulator.data;

/**
 * The paper's eq. 7 (Jouvet et al. 2021): the mean over the cells where the reference velocity's L1 norm
 * |u_ref|₁ = |u_ref| + |v_ref| exceeds a threshold (10 m a⁻¹) of the per-cell ratio
 * <pre>
 *   (|u − u_ref| + |v − v_ref|) / (|u_ref| + |v_ref|),
 * </pre>
 * accumulated over any number of fields, and beside it the ratio of sums Σ|Δ|₁ / Σ|u_ref|₁ over the same cells
 * (which weighs fast cells more and reads lower). Not thread-safe.
 */
public final class MeanRelativeError {

    private final double threshold;
    private double ratioSum;
    private double errorSum;
    private double referenceSum;
    private long cells;

    /** An empty accumulator counting the cells where |u_ref|₁ exceeds {@code threshold}, m a⁻¹. */
    public MeanRelativeError(double threshold) {
        this.threshold = threshold;
    }

    /** An empty accumulator with the paper's threshold, {@value Fidelity#DEFAULT_THRESHOLD} m a⁻¹. */
    public MeanRelativeError() {
        this(Fidelity.DEFAULT_THRESHOLD);
    }

    /** Adds one field's cells: reference (u, v) and the velocity measured against it, m a⁻¹. */
    public MeanRelativeError add(double[] uReference, double[] vReference, double[] u, double[] v) {
        for (int k = 0; k < uReference.length; k++) {
            double reference = Math.abs(uReference[k]) + Math.abs(vReference[k]);
            if (reference > threshold) {
                double error = Math.abs(u[k] - uReference[k]) + Math.abs(v[k] - vReference[k]);
                ratioSum += error / reference;
                errorSum += error;
                referenceSum += reference;
                cells++;
            }
        }
        return this;
    }

    /** Adds another accumulator's cells. */
    public MeanRelativeError add(MeanRelativeError other) {
        ratioSum += other.ratioSum;
        errorSum += other.errorSum;
        referenceSum += other.referenceSum;
        cells += other.cells;
        return this;
    }

    /** Eq. 7: the mean of the per-cell ratios; NaN when no cell counted. */
    public double value() {
        return cells == 0 ? Double.NaN : ratioSum / cells;
    }

    /** Σ|Δ|₁ / Σ|u_ref|₁ over the same cells; NaN when no cell counted. */
    public double ratioOfSums() {
        return cells == 0 ? Double.NaN : errorSum / referenceSum;
    }

    /** Mean |Δ|₁ / 2 per component, m a⁻¹; NaN when no cell counted. */
    public double l1() {
        return cells == 0 ? Double.NaN : errorSum / (2.0 * cells);
    }

    /** Cells counted. */
    public long cells() {
        return cells;
    }
}
