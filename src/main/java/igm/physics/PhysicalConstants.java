package igm.physics;

/**
 * Physical constants shared by the physics components (the values of IGM and of Bueler et al. 2005, test B).
 * Stresses in the ice-flow code are in MPa, so that Glen's rate factor can be given in MPa⁻³ a⁻¹ as in the paper.
 */
public final class PhysicalConstants {

    /** Density of ice ρ, kg m⁻³. */
    public static final double ICE_DENSITY = 910.0;

    /** Gravitational acceleration g, m s⁻². */
    public static final double GRAVITY = 9.81;

    /** Glen's flow-law exponent n (the SIA code is written for n = 3). */
    public static final int GLEN_EXPONENT = 3;

    /** ρ·g in MPa per metre of ice: the driving stress of 1 m of ice on a unit slope, MPa m⁻¹. */
    public static final double ICE_WEIGHT_MPA_PER_M = ICE_DENSITY * GRAVITY * 1e-6;

    /** Seconds in one (Julian) year, 365.25 days. */
    public static final double SECONDS_PER_YEAR = 365.25 * 86400.0;

    /** Pa⁻³ per MPa⁻³: a rate factor of 1 MPa⁻³ a⁻¹ is 1e-18 Pa⁻³ a⁻¹. */
    public static final double PA3_PER_MPA3 = 1e-18;

    private PhysicalConstants() {
    }
}
