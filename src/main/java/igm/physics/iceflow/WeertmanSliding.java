package igm.physics.iceflow;

/**
 * Weertman sliding with exponent m = 3, as in the paper: u_b = 1000·c·τ_b³ (m a⁻¹) with τ_b in MPa and c in
 * km MPa⁻³ a⁻¹. As a drag: β = (1000 c)^(−1/3)·(|u|² + ε²)^(−1/3), and P = ¾·(1000 c)^(−1/3)·(|u|² + ε²)^(2/3).
 * Where c = 0 the ice does not slide ({@link #noSlip}).
 *
 * @param coefficient c per grid point, km MPa⁻³ a⁻¹, ≥ 0 (read, not copied: do not modify while in use)
 * @param epsilon     regularisation speed ε, m a⁻¹, > 0
 */
public record WeertmanSliding(double[] coefficient, double epsilon) implements SlidingLaw {

    /** Default regularisation speed, m a⁻¹: far below any sliding speed that matters. */
    public static final double DEFAULT_EPSILON = 1e-3;

    public WeertmanSliding {
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("regularisation speed must be positive, got " + epsilon);
        }
    }

    /** Weertman sliding with the default regularisation speed. */
    public WeertmanSliding(double[] coefficient) {
        this(coefficient, DEFAULT_EPSILON);
    }

    @Override
    public boolean noSlip(int point) {
        return !(coefficient[point] > 0);
    }

    @Override
    public double drag(int point, double speed) {
        return Math.cbrt(1.0 / (1000.0 * coefficient[point] * (speed * speed + epsilon * epsilon)));
    }

    @Override
    public double dragDerivative(int point, double speed) {
        double q = speed * speed + epsilon * epsilon;
        return -2.0 / 3.0 * speed / q * drag(point, speed);
    }

    @Override
    public double potential(int point, double speed) {
        double q = speed * speed + epsilon * epsilon;
        return 0.75 * q * drag(point, speed);
    }
}
