package igm.physics.iceflow;

/**
 * Plastic (Coulomb) till: |τ_b| = τ_c wherever the ice slides (Bueler's test I, Schoof 2006), regularised as
 * β = τ_c / √(|u|² + ε²), P = τ_c·√(|u|² + ε²).
 *
 * @param yieldStress τ_c per grid point, MPa, ≥ 0 (read, not copied)
 * @param epsilon     regularisation speed ε, m a⁻¹, > 0
 */
public record PlasticSliding(double[] yieldStress, double epsilon) implements SlidingLaw {

    public PlasticSliding {
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("regularisation speed must be positive, got " + epsilon);
        }
    }

    @Override
    public boolean noSlip(int point) {
        return false;
    }

    @Override
    public double drag(int point, double speed) {
        return yieldStress[point] / Math.sqrt(speed * speed + epsilon * epsilon);
    }

    @Override
    public double dragDerivative(int point, double speed) {
        double q = speed * speed + epsilon * epsilon;
        return -yieldStress[point] * speed / (q * Math.sqrt(q));
    }

    @Override
    public double potential(int point, double speed) {
        return yieldStress[point] * Math.sqrt(speed * speed + epsilon * epsilon);
    }
}
