package igm.verification;

import igm.physics.PhysicalConstants;

/**
 * The similarity solutions of the isothermal SIA (n = 3) on a flat bed with the accumulation M = λH/t of Bueler et
 * al. (2005, J. Glaciol. 51(173), eqs. 9–12): λ = 0 is the Halfar (1983) dome without SMB, their test B; λ = 5 is
 * the growing dome of their test C. With Γ = 2A(ρg)^n/(n+2),
 * <pre>
 *   H(r, t) = H0 (t/t0)^(−α) [1 − ((t/t0)^(−β) r/R0)^((n+1)/n)]^(n/(2n+1))
 *   α = (2 − (n+1)λ)/(5n+3),   β = (1 + (2n+1)λ)/(5n+3)
 *   t0 = (β/Γ) ((2n+1)/(n+1))^n R0^(n+1) / H0^(2n+1)
 * </pre>
 * so that the dome height is H0 (t/t0)^(−α), the margin R0 (t/t0)^β and the volume
 * V(t) = 2π H_dome R² ∫₀¹ (1 − ρ^(4/3))^(3/7) ρ dρ = (3π/2) H_dome(t) R(t)² B(3/2, 10/7). Test B (λ = 0):
 * α = 1/9, β = 1/18, the volume constant; test C (λ = 5): α = −1, β = 2, the dome height growing linearly and the
 * volume as (t/t0)^5. Lengths in m, times in years.
 */
public final class SiaDomeSolution {

    /** Glen's exponent of the solution. */
    public static final double N = 3;

    private final double domeHeight0;
    private final double radius0;
    private final double rateFactorPa3;
    private final double lambda;
    private final double alpha;
    private final double beta;
    private final double t0;

    /**
     * @param domeHeight0   H0, the dome height at t0, m
     * @param radius0       R0, the margin radius at t0, m
     * @param rateFactorPa3 A, Pa⁻³ a⁻¹
     * @param lambda        λ ≥ 0 of the accumulation M = λH/t
     */
    public SiaDomeSolution(double domeHeight0, double radius0, double rateFactorPa3, double lambda) {
        if (!(domeHeight0 > 0 && radius0 > 0 && rateFactorPa3 > 0 && lambda >= 0)) {
            throw new IllegalArgumentException("expected H0 > 0, R0 > 0, A > 0, λ ≥ 0, got " + domeHeight0 + ", "
                    + radius0 + ", " + rateFactorPa3 + ", " + lambda);
        }
        this.domeHeight0 = domeHeight0;
        this.radius0 = radius0;
        this.rateFactorPa3 = rateFactorPa3;
        this.lambda = lambda;
        this.alpha = (2 - (N + 1) * lambda) / (5 * N + 3);
        this.beta = (1 + (2 * N + 1) * lambda) / (5 * N + 3);
        double rhoG = PhysicalConstants.ICE_DENSITY * PhysicalConstants.GRAVITY;
        double gamma = 2 * rateFactorPa3 * Math.pow(rhoG, N) / (N + 2);
        this.t0 = (beta / gamma) * Math.pow((2 * N + 1) / (N + 1), N) * Math.pow(radius0, N + 1)
                / Math.pow(domeHeight0, 2 * N + 1);
    }

    /** Test B of Bueler et al. (2005): H0 = 3600 m, R0 = 750 km, A = 1e-16 Pa⁻³ a⁻¹, λ = 0 (t0 = 422.45 a). */
    public static SiaDomeSolution testB() {
        return new SiaDomeSolution(3600, 750e3, 1e-16, 0);
    }

    /** Test C of Bueler et al. (2005): H0 = 3600 m, R0 = 750 km, A = 1e-16 Pa⁻³ a⁻¹, λ = 5 (t0 = 15 208 a). */
    public static SiaDomeSolution testC() {
        return new SiaDomeSolution(3600, 750e3, 1e-16, 5);
    }

    /** A, Pa⁻³ a⁻¹. */
    public double rateFactorPa3() {
        return rateFactorPa3;
    }

    /** λ of the accumulation M = λH/t. */
    public double lambda() {
        return lambda;
    }

    /** α, the exponent of the dome height H0 (t/t0)^(−α). */
    public double alpha() {
        return alpha;
    }

    /** β, the exponent of the margin R0 (t/t0)^β. */
    public double beta() {
        return beta;
    }

    /** t0, years: the time at which the dome height is H0 and the margin R0. */
    public double t0() {
        return t0;
    }

    /** H(r, t), m, for r ≥ 0 m and t > 0 years (0 beyond the margin). */
    public double thickness(double r, double t) {
        double scaled = Math.pow(t / t0, -beta) * r / radius0;
        if (scaled >= 1) {
            return 0;
        }
        return domeHeight(t) * Math.pow(1 - Math.pow(scaled, (N + 1) / N), N / (2 * N + 1));
    }

    /** H(0, t), m. */
    public double domeHeight(double t) {
        return domeHeight0 * Math.pow(t / t0, -alpha);
    }

    /** The margin radius R0 (t/t0)^β, m. */
    public double marginRadius(double t) {
        return radius0 * Math.pow(t / t0, beta);
    }

    /** The exact volume at t, m³: (3π/2) H_dome R² B(3/2, 10/7). */
    public double volume(double t) {
        double r = marginRadius(t);
        double b = Math.exp(logGamma(1.5) + logGamma(10.0 / 7.0) - logGamma(1.5 + 10.0 / 7.0));
        return 1.5 * Math.PI * domeHeight(t) * r * r * b;
    }

    /** The accumulation M = λH/t at thickness H (m) and time t (years), m a⁻¹. */
    public double accumulation(double thickness, double t) {
        return lambda * thickness / t;
    }

    private static final double[] LANCZOS = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
        771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7};

    /** ln Γ(x) for x ≥ 0.5 (Lanczos, g = 7), relative accuracy about 1e-15. */
    static double logGamma(double x) {
        double z = x - 1;
        double sum = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (z + i);
        }
        double t = z + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}
