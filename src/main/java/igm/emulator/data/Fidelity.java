package igm.emulator.data;

/**
 * How close an emulator's velocity is to its instructor's, accumulated over any number of fields: over the cells
 * where the instructor's speed exceeds a threshold (10 m a⁻¹ in the paper, which leaves out the nearly still ice
 * whose relative error means nothing),
 * <pre>
 *   L1          = Σ (|u_e − u_i| + |v_e − v_i|) / (2 N)                (m a⁻¹, the mean absolute error per component)
 *   relative L1 = Σ (|u_e − u_i| + |v_e − v_i|) / Σ (|u_i| + |v_i|)
 * </pre>
 * with (u_i, v_i) the instructor's and (u_e, v_e) the emulator's velocity and N the number of cells counted. The
 * fidelity of the paper is 1 − relative L1. Not thread-safe.
 */
public final class Fidelity {

    /** The paper's speed threshold, m a⁻¹. */
    public static final double DEFAULT_THRESHOLD = 10;

    private final double threshold;
    private double absoluteError;
    private double magnitude;
    private long cells;

    /** An empty accumulator counting cells where the instructor's speed exceeds {@code threshold} (m a⁻¹). */
    public Fidelity(double threshold) {
        this.threshold = threshold;
    }

    /** An empty accumulator with the paper's threshold. */
    public Fidelity() {
        this(DEFAULT_THRESHOLD);
    }

    /** Adds one field's cells. */
    public Fidelity add(double[] uInstructor, double[] vInstructor, double[] uEmulator, double[] vEmulator) {
        for (int k = 0; k < uInstructor.length; k++) {
            if (Math.hypot(uInstructor[k], vInstructor[k]) > threshold) {
                absoluteError += Math.abs(uEmulator[k] - uInstructor[k]) + Math.abs(vEmulator[k] - vInstructor[k]);
                magnitude += Math.abs(uInstructor[k]) + Math.abs(vInstructor[k]);
                cells++;
            }
        }
        return this;
    }

    /** Adds another accumulator's cells. */
    public Fidelity add(Fidelity other) {
        absoluteError += other.absoluteError;
        magnitude += other.magnitude;
        cells += other.cells;
        return this;
    }

    /** Mean absolute error per component, m a⁻¹; NaN when no cell counted. */
    public double l1() {
        return cells == 0 ? Double.NaN : absoluteError / (2.0 * cells);
    }

    /** Relative L1 error; NaN when no cell counted. */
    public double relativeL1() {
        return cells == 0 ? Double.NaN : absoluteError / magnitude;
    }

    /** Cells counted. */
    public long cells() {
        return cells;
    }

    public double threshold() {
        return threshold;
    }
}
