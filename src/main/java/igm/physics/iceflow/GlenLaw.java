package igm.physics.iceflow;

/**
 * Glen's flow law with n = 3, in the units of the ice-flow code: stresses in MPa, strain rates in a⁻¹, the rate
 * factor A in MPa⁻³ a⁻¹ (temperate ice: 78; ISMIP-HOM's 1e-16 Pa⁻³ a⁻¹ is 100) and viscosities in MPa a.
 *
 * <p>With the hardness B = A^(−1/3) and the effective strain rate ε_e (ε_e² = ½ ε_ij ε_ij; in the first-order
 * approximation ε_e² = ε_xx² + ε_yy² + ε_xx ε_yy + ε_xy² + ε_xz² + ε_yz²), the viscosity is
 * η = ½ B (ε_e² + ε_0²)^(−1/3), regularised by a small strain rate ε_0 so that it stays finite where the ice does not
 * deform, and the dissipation density whose derivative with respect to ε_e² is η is
 * ψ = (3/4) B (ε_e² + ε_0²)^(2/3) (= 2n/(n+1)·½B·ε_e^(1+1/n) without regularisation).
 */
public final class GlenLaw {

    /** Glen's exponent n. */
    public static final int EXPONENT = 3;

    private GlenLaw() {
    }

    /** Hardness B = A^(−1/3), MPa a^(1/3). */
    public static double hardness(double rateFactor) {
        return 1.0 / Math.cbrt(rateFactor);
    }

    /** Viscosity η = ½ B (ε_e² + ε_0²)^(−1/3), MPa a. */
    public static double viscosity(double hardness, double strainRateSquared, double regularisationSquared) {
        return 0.5 * hardness / Math.cbrt(strainRateSquared + regularisationSquared);
    }

    /** Dissipation density ψ = (3/4) B (ε_e² + ε_0²)^(2/3), MPa a⁻¹; dψ/d(ε_e²) = η. */
    public static double dissipation(double hardness, double strainRateSquared, double regularisationSquared) {
        double q = strainRateSquared + regularisationSquared;
        return 0.75 * hardness * q / Math.cbrt(q);
    }
}
