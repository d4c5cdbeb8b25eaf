package igm.physics;

/**
 * The Halfar (1983) similarity solution of the isothermal SIA on a flat bed without SMB, as test B of Bueler et al.
 * (2005, J. Glaciol. 51(173), eqs. 9–10), for n = 3:
 * <pre>
 *   H(r, t) = H0 (t0/t)^α [1 − ((t/t0)^(−β) r/R0)^((n+1)/n)]^(n/(2n+1)),   α = 2/(5n+3) = 1/9,  β = 1/(5n+3) = 1/18
 *   t0 = (β/Γ) ((2n+1)/(n+1))^n R0^(n+1) / H0^(2n+1),                      Γ = 2A(ρg)^n/(n+2)
 * </pre>
 * The margin is at R0 (t/t0)^β and the volume 2π H0 R0² ∫₀¹ (1 − ρ^(4/3))^(3/7) ρ dρ = (3π/2) H0 R0² B(3/2, 10/7),
 * constant in time (α = 2β).
 */
final class HalfarSolution {

    static final double N = 3;
    static final double ALPHA = 2 / (5 * N + 3);
    static final double BETA = 1 / (5 * N + 3);

    final double domeHeight0;
    final double radius0;
    /** Γ, m⁻³ a⁻¹ (A in Pa⁻³ a⁻¹). */
    final double gamma;
    /** t0, years. */
    final double t0;

    /**
     * @param domeHeight0 H0, m
     * @param radius0     R0, m
     * @param rateFactorPa3 A, Pa⁻³ a⁻¹
     */
    HalfarSolution(double domeHeight0, double radius0, double rateFactorPa3) {
        this.domeHeight0 = domeHeight0;
        this.radius0 = radius0;
        double rhoG = PhysicalConstants.ICE_DENSITY * PhysicalConstants.GRAVITY;
        this.gamma = 2 * rateFactorPa3 * Math.pow(rhoG, N) / (N + 2);
        this.t0 = (BETA / gamma) * Math.pow((2 * N + 1) / (N + 1), N) * Math.pow(radius0, N + 1)
                / Math.pow(domeHeight0, 2 * N + 1);
    }

    /** Test B of Bueler et al. (2005): H0 = 3600 m, R0 = 750 km, A = 1e-16 Pa⁻³ a⁻¹. */
    static HalfarSolution testB() {
        return new HalfarSolution(3600, 750e3, 1e-16);
    }

    double thickness(double r, double t) {
        double scaled = Math.pow(t / t0, -BETA) * r / radius0;
        if (scaled >= 1) {
            return 0;
        }
        return domeHeight0 * Math.pow(t0 / t, ALPHA)
                * Math.pow(1 - Math.pow(scaled, (N + 1) / N), N / (2 * N + 1));
    }

    double domeHeight(double t) {
        return domeHeight0 * Math.pow(t0 / t, ALPHA);
    }

    double marginRadius(double t) {
        return radius0 * Math.pow(t / t0, BETA);
    }

    /** Exact volume, m³, the same at all times. */
    double volume() {
        double beta = Math.exp(logGamma(1.5) + logGamma(10.0 / 7.0) - logGamma(1.5 + 10.0 / 7.0));
        return 1.5 * Math.PI * domeHeight0 * radius0 * radius0 * beta;
    }

    private static final double[] LANCZOS = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
        771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7};

    /** ln Γ(x) for x ≥ 0.5 (Lanczos, g = 7), relative accuracy ≈ 1e-15. */
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
