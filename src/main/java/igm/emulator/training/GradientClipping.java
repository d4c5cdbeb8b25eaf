package igm.emulator.training;

/**
 * Gradient clipping by global norm (Keras's {@code global_clipnorm}, TensorFlow's {@code clip_by_global_norm}): when
 * the Euclidean norm ‖g‖ of the whole gradient exceeds a bound, the gradient is scaled by {@code maxNorm/‖g‖}, which
 * keeps its direction.
 */
public final class GradientClipping {

    private GradientClipping() {
    }

    /**
     * Clips {@code gradient} in place to norm {@code maxNorm} when its norm is larger.
     *
     * @param gradient the flat gradient
     * @param maxNorm  the largest norm left untouched, positive and finite
     * @return the norm before clipping (summed in double); a non-finite norm (NaN or infinite entries) is returned
     *         and the gradient left untouched, so the caller can stop rather than step
     * @throws IllegalArgumentException when {@code maxNorm} is not positive and finite
     */
    public static double clipByGlobalNorm(float[] gradient, double maxNorm) {
        if (!(maxNorm > 0) || !Double.isFinite(maxNorm)) {
            throw new IllegalArgumentException("maximum gradient norm must be positive and finite, got " + maxNorm);
        }
        double norm = norm(gradient);
        if (Double.isFinite(norm) && norm > maxNorm) {
            double scale = maxNorm / norm;
            for (int p = 0; p < gradient.length; p++) {
                gradient[p] = (float) (gradient[p] * scale);
            }
        }
        return norm;
    }

    /** The Euclidean norm √(Σ g²), summed in double. */
    public static double norm(float[] gradient) {
        double sum = 0;
        for (float g : gradient) {
            sum += (double) g * g;
        }
        return Math.sqrt(sum);
    }
}
