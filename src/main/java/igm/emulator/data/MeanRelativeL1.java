package igm.emulator.data;

/**
 * The relative L1 error of a velocity field as a mean of per-cell ratios (Jouvet &amp; Cordonnier 2023, eq. 7 read
 * cell by cell), accumulated over any number of fields: over the N cells where the reference's L1 norm
 * |u_r| + |v_r| exceeds a threshold (10 m a⁻¹ by default),
 * <pre>
 *   relative L1 = (1/N) Σ (|u − u_r| + |v − v_r|) / (|u_r| + |v_r|)
 * </pre>
 * Unlike {@link Fidelity}'s ratio of sums, every counted cell weighs alike, so slow ice counts as much as fast ice.
 * Not thread-safe.
 */
public final class MeanRelativeL1 {

    private final double threshold;
    private double sum;
    private long cells;

    /** An empty accumulator counting the cells where the reference's L1 norm exceeds {@code threshold}, m a⁻¹. */
    public MeanRelativeL1(double threshold) {
        this.threshold = threshold;
    }

    /** An empty accumulator with the paper's threshold, {@link Fidelity#DEFAULT_THRESHOLD}. */
    public MeanRelativeL1() {
        this(Fidelity.DEFAULT_THRESHOLD);
    }

    /** Adds one field's cells: the reference (uReference, vReference) and the velocity compared (u, v). */
    public MeanRelativeL1 add(double[] uReference, double[] vReference, double[] u, double[] v) {
        for (int k = 0; k < uReference.length; k++) {
            double norm = Math.abs(uReference[k]) + Math.abs(vReference[k]);
            if (norm > threshold) {
                sum += (Math.abs(u[k] - uReference[k]) + Math.abs(v[k] - vReference[k])) / norm;
                cells++;
            }
        }
        return this;
    }

    /** Adds another accumulator's cells. */
    public MeanRelativeL1 add(MeanRelativeL1 other) {
        sum += other.sum;
        cells += other.cells;
        return this;
    }

    /** The mean of the per-cell ratios; NaN when no cell counted. */
    public double value() {
        return cells == 0 ? Double.NaN : sum / cells;
    }

    /** Cells counted. */
    public long cells() {
        return cells;
    }
}
