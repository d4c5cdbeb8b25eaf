package igm.emulator.training;

import java.util.Arrays;

/**
 * The Adam optimiser (Kingma &amp; Ba 2015) with the semantics of Keras's {@code Adam}: after {@code t} steps,
 * {@code m ← β1·m + (1−β1)·g}, {@code v ← β2·v + (1−β2)·g²}, and
 * {@code θ ← θ − η_t · m / (√v + ε)} with the bias-corrected step {@code η_t = η·√(1−β2^t) / (1−β1^t)} (so ε is
 * added to the uncorrected √v, as in Keras). Defaults as Keras: β1 = 0.9, β2 = 0.999, ε = 10⁻⁷.
 *
 * <p>Moments are stored in float (as Keras's variables); each update is computed in double and rounded once, so
 * a step is deterministic. Not thread-safe.
 */
public final class Adam {

    /** Keras's default first-moment decay. */
    public static final double DEFAULT_BETA1 = 0.9;
    /** Keras's default second-moment decay. */
    public static final double DEFAULT_BETA2 = 0.999;
    /** Keras's default ε. */
    public static final double DEFAULT_EPSILON = 1e-7;

    /**
     * The optimiser's state, for checkpoints.
     *
     * @param steps steps taken, ≥ 0
     * @param m     first moments, one per parameter (copied)
     * @param v     second moments, one per parameter (copied), ≥ 0
     */
    public record State(long steps, float[] m, float[] v) {

        /** @throws IllegalArgumentException when steps &lt; 0 or the moment arrays are null or of different lengths */
        public State {
            if (steps < 0) {
                throw new IllegalArgumentException("steps must be ≥ 0, got " + steps);
            }
            if (m == null || v == null || m.length != v.length) {
                throw new IllegalArgumentException("moments m and v must have the same length, got "
                        + (m == null ? "null" : m.length) + " and " + (v == null ? "null" : v.length));
            }
            m = m.clone();
            v = v.clone();
        }

        @Override
        public float[] m() {
            return m.clone();
        }

        @Override
        public float[] v() {
            return v.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof State s && s.steps == steps && Arrays.equals(s.m, m) && Arrays.equals(s.v, v);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Arrays.hashCode(m) + Arrays.hashCode(v)) + Long.hashCode(steps);
        }

        @Override
        public String toString() {
            return "Adam.State after " + steps + " steps, " + m.length + " parameters";
        }
    }

    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final float[] m;
    private final float[] v;
    private long steps;

    /** Adam with Keras's defaults β1 = 0.9, β2 = 0.999, ε = 10⁻⁷. */
    public Adam(int parameterCount, double learningRate) {
        this(parameterCount, learningRate, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON);
    }

    /**
     * @param parameterCount parameters updated by {@link #step}, ≥ 1
     * @param learningRate   η &gt; 0 (finite)
     * @param beta1          first-moment decay in [0, 1)
     * @param beta2          second-moment decay in [0, 1)
     * @param epsilon        ε &gt; 0 (finite)
     * @throws IllegalArgumentException naming the value that is out of range
     */
    public Adam(int parameterCount, double learningRate, double beta1, double beta2, double epsilon) {
        if (parameterCount < 1) {
            throw new IllegalArgumentException("parameter count must be ≥ 1, got " + parameterCount);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta1 and beta2 must be in [0, 1), got " + beta1 + " and " + beta2);
        }
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be positive and finite, got " + epsilon);
        }
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.m = new float[parameterCount];
        this.v = new float[parameterCount];
    }

    /**
     * One update of {@code parameters} (in place) from {@code gradient} (read only).
     *
     * @throws IllegalArgumentException when either array does not have the optimiser's parameter count
     */
    public void step(float[] parameters, float[] gradient) {
        step(parameters, gradient, learningRate);
    }

    /**
     * One update as {@link #step(float[], float[])} with the learning rate {@code rate} for this step (a schedule's).
     *
     * @throws IllegalArgumentException when either array does not have the optimiser's parameter count
     */
    public void step(float[] parameters, float[] gradient, double learningRate) {
        if (parameters == null || gradient == null || parameters.length != m.length
                || gradient.length != m.length) {
            throw new IllegalArgumentException("parameters and gradient must have " + m.length + " entries, got "
                    + (parameters == null ? "null" : parameters.length) + " and "
                    + (gradient == null ? "null" : gradient.length));
        }
        steps++;
        double rate = learningRate * Math.sqrt(1 - Math.pow(beta2, steps)) / (1 - Math.pow(beta1, steps));
        for (int p = 0; p < m.length; p++) {
            double g = gradient[p];
            float mp = (float) (beta1 * m[p] + (1 - beta1) * g);
            float vp = (float) (beta2 * v[p] + (1 - beta2) * g * g);
            m[p] = mp;
            v[p] = vp;
            parameters[p] = (float) (parameters[p] - rate * mp / (Math.sqrt(vp) + epsilon));
        }
    }

    /** Steps taken so far (the {@code t} of the bias correction). */
    public long steps() {
        return steps;
    }

    public double learningRate() {
        return learningRate;
    }

    public int parameterCount() {
        return m.length;
    }

    /** A copy of the step count and moments. */
    public State state() {
        return new State(steps, m, v);
    }

    /**
     * Continues from a saved state.
     *
     * @throws IllegalArgumentException when the state is for another parameter count
     */
    public void restore(State state) {
        if (state.m.length != m.length) {
            throw new IllegalArgumentException("state is for " + state.m.length + " parameters, this optimiser has "
                    + m.length);
        }
        System.arraycopy(state.m, 0, m, 0, m.length);
        System.arraycopy(state.v, 0, v, 0, v.length);
        steps = state.steps;
    }

    @Override
    public String toString() {
        return "Adam(η " + learningRate + ", β1 " + beta1 + ", β2 " + beta2 + ", ε " + epsilon + ") after " + steps
                + " steps";
    }
}
