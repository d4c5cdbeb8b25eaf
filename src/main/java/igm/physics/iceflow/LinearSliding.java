package igm.physics.iceflow;

/**
 * Linear sliding τ_b = −β²·u_b (ISMIP-HOM experiments C and D): β = β², P = ½ β² |u|². A coefficient of zero is
 * free slip (no basal drag).
 *
 * @param betaSquared β² per grid point, MPa a m⁻¹, ≥ 0 (read, not copied)
 */
public record LinearSliding(double[] betaSquared) implements SlidingLaw {

    /** β² given in Pa a m⁻¹, the unit of ISMIP-HOM, converted to MPa a m⁻¹. */
    public static LinearSliding ofPascal(double[] betaSquaredPa) {
        double[] b = new double[betaSquaredPa.length];
        for (int k = 0; k < b.length; k++) {
            b[k] = betaSquaredPa[k] * 1e-6;
        }
        return new LinearSliding(b);
    }

    @Override
    public boolean noSlip(int point) {
        return false;
    }

    @Override
    public double drag(int point, double speed) {
        return betaSquared[point];
    }

    @Override
    public double dragDerivative(int point, double speed) {
        return 0;
    }

    @Override
    public double potential(int point, double speed) {
        return 0.5 * betaSquared[point] * speed * speed;
    }
}
