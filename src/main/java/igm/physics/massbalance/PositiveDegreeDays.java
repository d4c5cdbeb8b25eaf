package igm.physics.massbalance;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Expected positive degree days of a normally distributed daily temperature (Calov &amp; Greve 2005, J. Glaciol.
 * 51(172), eq. 6) and the rain–snow partition of precipitation, in scalar and vectorised form.
 *
 * <p>With a daily mean air temperature T ~ N(μ, σ²) (°C), the expected positive part per day is
 * <pre>
 *   E[max(T, 0)] = σ/√(2π) · exp(−μ²/(2σ²)) + μ/2 · erfc(−μ/(√2 σ))          K (per day)
 * </pre>
 * and a month of {@code d} days has {@code d·E[max(T, 0)]} positive degree days (K d). For σ → 0 this tends to
 * max(μ, 0), the value returned for σ = 0.
 *
 * <p>erfc is evaluated with the rational approximation 7.1.26 of Abramowitz &amp; Stegun (absolute error below
 * 1.5·10⁻⁷ for erf), written as erfc(|x|) = p(t)·exp(−x²), t = 1/(1 + 0.3275911 |x|); since the first term uses the
 * same exp(−x²) with x = μ/(√2σ), one exponential per value suffices (in the vectorised form, an exponential
 * of IEEE-exact operations, {@link #expNonPositive}, so that results do not depend on the JIT tier). The resulting
 * E[max(T, 0)] has an absolute error below 1·10⁻⁷·|μ| + float round-off (checked in the tests against a numerical integration of the normal
 * density).
 */
public final class PositiveDegreeDays {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);
    private static final double INV_SQRT_2 = 1.0 / Math.sqrt(2);
    private static final double P = 0.3275911;
    private static final double A1 = 0.254829592;
    private static final double A2 = -0.284496736;
    private static final double A3 = 1.421413741;
    private static final double A4 = -1.453152027;
    private static final double A5 = 1.061405429;
    /** ln 2 split so that m·LN2_HIGH is exact for the m of {@link #expNonPositive} (8 significant bits). */
    private static final float LN2_HIGH = 0.69140625f;
    private static final float LN2_LOW = (float) (Math.log(2) - 0.69140625);

    private PositiveDegreeDays() {
    }

    /**
     * Expected positive part of a daily temperature, E[max(T, 0)] with T ~ N(mean, sigma²), K.
     *
     * @param meanCelsius daily mean temperature μ, °C
     * @param sigma       standard deviation σ of the daily temperature, K, ≥ 0 (0: max(μ, 0))
     */
    public static double expectedPositiveTemperature(double meanCelsius, double sigma) {
        if (!(sigma > 0)) {
            return Math.max(meanCelsius, 0);
        }
        double x = Math.abs(meanCelsius) * INV_SQRT_2 / sigma;
        double e = Math.exp(-x * x);
        double t = 1 / (1 + P * x);
        double erfcAbs = t * (A1 + t * (A2 + t * (A3 + t * (A4 + t * A5)))) * e;
        double erfcOfMinusMu = meanCelsius >= 0 ? 2 - erfcAbs : erfcAbs;
        return sigma * INV_SQRT_2PI * e + 0.5 * meanCelsius * erfcOfMinusMu;
    }

    /** erfc(x) by the approximation described in the class comment (absolute error &lt; 1.5·10⁻⁷). */
    public static double erfc(double x) {
        double ax = Math.abs(x);
        double t = 1 / (1 + P * ax);
        double erfcAbs = t * (A1 + t * (A2 + t * (A3 + t * (A4 + t * A5)))) * Math.exp(-ax * ax);
        return x >= 0 ? erfcAbs : 2 - erfcAbs;
    }

    /**
     * The same expectation for {@link #SPECIES}-wide lanes of float: μ and σ per lane, σ &gt; 0 in every lane
     * (callers clamp σ to a small positive value).
     */
    static FloatVector expectedPositiveTemperature(FloatVector mean, FloatVector sigma) {
        FloatVector x = mean.abs().mul((float) INV_SQRT_2).div(sigma);
        FloatVector e = expNonPositive(x.mul(x).neg());
        FloatVector t = x.mul((float) P).add(1f);
        t = FloatVector.broadcast(SPECIES, 1f).div(t);
        FloatVector poly = t.mul((float) A5).add((float) A4).mul(t).add((float) A3).mul(t).add((float) A2).mul(t)
                .add((float) A1).mul(t);
        FloatVector erfcAbs = poly.mul(e);
        VectorMask<Float> positive = mean.compare(VectorOperators.GE, 0f);
        FloatVector erfcOfMinusMu = erfcAbs.blend(erfcAbs.neg().add(2f), positive);
        return sigma.mul((float) INV_SQRT_2PI).mul(e).add(mean.mul(0.5f).mul(erfcOfMinusMu));
    }

    /**
     * exp(x) for x ≤ 0 in float lanes, from IEEE-exact operations only (so that the interpreter, C1 and C2 give the
     * same bits, which the Vector API's {@code EXP} does not promise): x is clamped to ≥ −87 (exp(−87) ≈ 1.6·10⁻³⁸,
     * the smallest power of two is still normal), split as x = −m ln 2 + r with m = ⌊−x/ln 2 + ½⌋ and |r| ≤ ln 2 / 2
     * (ln 2 in two parts, so r keeps its bits), exp(r) by its Taylor series to r⁷ (truncation below 6·10⁻⁹) and 2⁻ᵐ
     * built from its exponent bits. Relative error below 3·10⁻⁷ (checked in the tests against {@link Math#exp}).
     */
    static FloatVector expNonPositive(FloatVector x) {
        FloatVector xc = x.max(-87f);
        IntVector mi = (IntVector) xc.mul((float) (-1 / Math.log(2))).add(0.5f).convert(VectorOperators.F2I, 0);
        FloatVector m = (FloatVector) mi.convert(VectorOperators.I2F, 0);
        FloatVector r = xc.add(m.mul(LN2_HIGH)).add(m.mul(LN2_LOW));
        FloatVector p = r.mul(1f / 7).add(1f).mul(r).mul(1f / 6).add(1f).mul(r).mul(1f / 5).add(1f).mul(r)
                .mul(1f / 4).add(1f).mul(r).mul(1f / 3).add(1f).mul(r).mul(0.5f).add(1f).mul(r).add(1f);
        IntVector exponent = mi.neg().add(127).lanewise(VectorOperators.LSHL, 23);
        return p.mul(exponent.reinterpretAsFloats());
    }

    /**
     * The solid fraction of precipitation at air temperature T: 1 for T ≤ T_snow, 0 for T ≥ T_rain, linear in
     * between.
     *
     * @param temperatureCelsius air temperature, °C
     * @param allSnowBelow       T_snow, °C
     * @param allRainAbove       T_rain, °C, &gt; T_snow
     */
    public static double solidFraction(double temperatureCelsius, double allSnowBelow, double allRainAbove) {
        double f = (allRainAbove - temperatureCelsius) / (allRainAbove - allSnowBelow);
        return Math.min(1, Math.max(0, f));
    }

    /** The vector species of the vectorised kernels. */
    static VectorSpecies<Float> species() {
        return SPECIES;
    }
}
