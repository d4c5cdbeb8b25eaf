package igm.physics.massbalance;

import igm.InputException;
import igm.grid.Grid2D;
import igm.physics.RestartState;
import igm.physics.Restartable;
import igm.physics.PhysicalConstants;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Accumulation and positive-degree-day melt from monthly climate ({@code smb.method: pdd}; Jouvet et al. 2021,
 * Appendix B, after Hock 2003), the annual surface mass balance in m ice eq. a⁻¹.
 *
 * <p>For model year Y the {@link ClimateScenario} picks the climate year; each month m of it (January to December)
 * is brought to the cell's surface elevation z from the climate's reference elevation z_ref:
 * <pre>
 *   T_m(z) = T_m + ΔT(Y) + λ (z − z_ref)                                 °C, λ the lapse rate (K m⁻¹, &lt; 0 usually)
 *   P_m(z) = P_m · f_P(Y) · max(0, 1 + γ (z − z_ref))                     mm w.e., γ the precipitation gradient (m⁻¹)
 *   A_m    = P_m(z) · clamp((T_rain − T_m(z)) / (T_rain − T_snow), 0, 1)  solid precipitation
 *   PDD_m  = d_m · E[max(T, 0)], T ~ N(T_m(z), σ_m²)                      K d ({@link PositiveDegreeDays}; d_m days)
 * </pre>
 * A snow pack S, empty on 1 January, takes A_m each month; the month's degree days melt snow first at f_s and,
 * once the snow is gone, ice at f_i (mm w.e. K⁻¹ d⁻¹):
 * <pre>
 *   M_snow = min(S + A_m, f_s PDD_m),   M_ice = f_i (PDD_m − M_snow / f_s),   S ← S + A_m − M_snow
 * </pre>
 * and SMB = Σ_m (A_m − M_snow − M_ice) / ρ_ice in m ice eq. a⁻¹ (1 mm w.e. = 1 kg m⁻²; ρ_ice =
 * {@value PhysicalConstants#ICE_DENSITY} kg m⁻³). Snow left at the end of the year counts as accumulation of that
 * year. Refreezing is not modelled, and rain adds nothing.
 *
 * <p><b>Time.</b> The balance of year Y is computed once, with the surface of the first call in [Y, Y + 1), and
 * returned for every call in that year (IGM updates its climate SMB once a year in the same way). At the exact
 * boundary t = Y of a year without climate, the balance of Y − 1 is kept, so a run may end on the year after the
 * series.
 *
 * <p><b>Speed.</b> The kernel runs over the cells in float lanes of the Vector API with the twelve months inside,
 * one exponential per cell and month; a scalar copy of it ({@link #balance}) is the reference of the tests.
 */
public final class PddMassBalance implements MassBalanceModel, Restartable {

    /** The name of this model in the parameters. */
    public static final String NAME = "pdd";

    /** Days of the months of a year of 365 days. */
    static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private static final VectorSpecies<Float> SPECIES = PositiveDegreeDays.species();
    private static final float MIN_SIGMA = 1e-3f;

    /**
     * The factors of the model.
     *
     * @param lapseRate             λ, K m⁻¹ (e.g. −0.0065)
     * @param precipitationGradient γ, relative change of precipitation per m of elevation, m⁻¹ (e.g. 0.00035)
     * @param allSnowBelow          T_snow, °C (the paper: 0)
     * @param allRainAbove          T_rain, °C, &gt; T_snow (the paper: 2)
     * @param meltFactorSnow        f_s, mm w.e. K⁻¹ d⁻¹, ≥ 0 (the paper: 3)
     * @param meltFactorIce         f_i, mm w.e. K⁻¹ d⁻¹, ≥ 0 (the paper: 8)
     */
    public record Factors(double lapseRate, double precipitationGradient, double allSnowBelow, double allRainAbove,
                          double meltFactorSnow, double meltFactorIce) {
        /** @throws InputException naming the factor for a non-finite value, T_rain ≤ T_snow or a negative factor */
        public Factors {
            double[] all = {lapseRate, precipitationGradient, allSnowBelow, allRainAbove, meltFactorSnow,
                    meltFactorIce};
            for (double v : all) {
                if (!Double.isFinite(v)) {
                    throw new InputException("PDD factors must be finite, got " + java.util.Arrays.toString(all));
                }
            }
            if (!(allRainAbove > allSnowBelow)) {
                throw new InputException("rain threshold " + allRainAbove + " °C must be above the snow threshold "
                        + allSnowBelow + " °C");
            }
            if (meltFactorSnow < 0 || meltFactorIce < 0) {
                throw new InputException("melt factors must be ≥ 0, got snow " + meltFactorSnow + " and ice "
                        + meltFactorIce + " mm w.e. K-1 d-1");
            }
        }

        /** The paper's factors with λ = −0.0065 K m⁻¹ and γ = 0.00035 m⁻¹. */
        public static Factors paper() {
            return new Factors(-0.0065, 0.00035, 0, 2, 3, 8);
        }
    }

    private final MonthlyClimate climate;
    private final ClimateScenario scenario;
    private final Factors factors;
    private final AnnualBalanceCache annual = new AnnualBalanceCache();

    /**
     * A PDD model.
     *
     * @param climate  monthly climate (point, or gridded on the model grid)
     * @param scenario which climate year drives each model year, and the modifiers
     * @param factors  the model's factors
     */
    public PddMassBalance(MonthlyClimate climate, ClimateScenario scenario, Factors factors) {
        this.climate = climate;
        this.scenario = scenario;
        this.factors = factors;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Saves the balance of the current balance year, computed with the surface of that year's first step (the snow
     * of the year is inside it: the snow depth starts at zero on each 1 October), and the evaluation count.
     */
    @Override
    public void saveState(RestartState state) {
        annual.saveState(state);
    }

    @Override
    public void restoreState(RestartState state) {
        annual.restoreState(state);
    }

    /** How many annual balances were computed so far. */
    public int evaluations() {
        return annual.evaluations();
    }

    @Override
    public void compute(double timeYears, Grid2D grid, double[] surface, double[] thickness, double[] smb) {
        int year = scenario.balanceYear(timeYears, climate.firstYear(), climate.lastYear());
        annual.copyInto(year, smb, (y, out) -> annualBalance(y, grid, surface, out));
    }

    /**
     * The balance of model year {@code modelYear} at every cell, m ice eq. a⁻¹ (vectorised).
     *
     * @throws InputException when a gridded climate's grid is not {@code grid}, or the year has no climate
     */
    public void annualBalance(int modelYear, Grid2D grid, double[] surface, double[] smb) {
        int n = grid.size();
        if (surface.length != n || smb.length != n) {
            throw new IllegalArgumentException("surface and smb must have " + n + " entries");
        }
        if (climate.grid() != null && !MonthlyClimate.sameGrid(climate.grid(), grid)) {
            throw new InputException("the gridded climate is on " + climate.grid() + " but the model grid is "
                    + grid);
        }
        int year = scenario.climateYear(modelYear, climate.firstYear(), climate.lastYear());
        float dT = (float) scenario.temperatureOffset(modelYear);
        float pf = (float) scenario.precipitationFactor(modelYear);
        float[][] t = new float[12][];
        float[][] p = new float[12][];
        float[][] s = new float[12][];
        for (int m = 0; m < 12; m++) {
            t[m] = climate.temperature(year, m);
            p[m] = climate.precipitation(year, m);
            s[m] = climate.temperatureStd(year, m);
        }
        boolean point = climate.cells() == 1;
        float[] ref = climate.referenceHeight();
        float lapse = (float) factors.lapseRate();
        float gamma = (float) factors.precipitationGradient();
        float tSnow = (float) factors.allSnowBelow();
        float invRange = (float) (1 / (factors.allRainAbove() - factors.allSnowBelow()));
        float tRain = (float) factors.allRainAbove();
        float fs = (float) factors.meltFactorSnow();
        float fi = (float) factors.meltFactorIce();
        float invFs = fs > 0 ? 1 / fs : 0;
        float toIce = (float) (1 / PhysicalConstants.ICE_DENSITY);
        Kernel kernel = new Kernel(t, p, s, point, ref, lapse, gamma, dT, pf, tRain, invRange, fs, invFs, fi,
                toIce);
        float[] z = new float[SPECIES.length()];
        int bound = SPECIES.loopBound(n);
        int k = 0;
        for (; k < bound; k += SPECIES.length()) {
            kernel.chunk(k, z, surface, smb);
        }
        for (; k < n; k++) {
            int c = point ? 0 : k;
            double[] tm = new double[12];
            double[] pm = new double[12];
            double[] sm = new double[12];
            for (int m = 0; m < 12; m++) {
                tm[m] = t[m][c];
                pm[m] = p[m][c];
                sm[m] = s[m][c];
            }
            smb[k] = balance(surface[k], ref[c], tm, pm, sm, dT, pf, factors);
        }
        annual.countEvaluation();
    }

    /**
     * The vectorised balance of one chunk of cells, a small method of its own so that the JIT compiles it early
     * (it is called once per chunk, not once per year).
     */
    private record Kernel(float[][] t, float[][] p, float[][] s, boolean point, float[] ref, float lapse,
                          float gamma, float dT, float pf, float tRain, float invRange, float fs, float invFs,
                          float fi, float toIce) {

        void chunk(int k, float[] z, double[] surface, double[] smb) {
            for (int l = 0; l < z.length; l++) {
                z[l] = (float) surface[k + l];
            }
            FloatVector dz = FloatVector.fromArray(SPECIES, z, 0)
                    .sub(point ? FloatVector.broadcast(SPECIES, ref[0]) : FloatVector.fromArray(SPECIES, ref, k));
            FloatVector tShift = dz.mul(lapse).add(dT);
            FloatVector pScale = dz.mul(gamma).add(1f).max(0f).mul(pf);
            FloatVector snow = FloatVector.zero(SPECIES);
            FloatVector balance = FloatVector.zero(SPECIES);
            for (int m = 0; m < 12; m++) {
                FloatVector tm = load(t[m], k, point).add(tShift);
                FloatVector pm = load(p[m], k, point).mul(pScale);
                FloatVector sigma = load(s[m], k, point).max(MIN_SIGMA);
                FloatVector solid = pm.mul(tm.neg().add(tRain).mul(invRange).max(0f).min(1f));
                FloatVector pdd = PositiveDegreeDays.expectedPositiveTemperature(tm, sigma).mul(DAYS_IN_MONTH[m]);
                snow = snow.add(solid);
                FloatVector snowMelt = pdd.mul(fs).min(snow);
                FloatVector iceMelt = pdd.sub(snowMelt.mul(invFs)).max(0f).mul(fi);
                snow = snow.sub(snowMelt);
                balance = balance.add(solid).sub(snowMelt).sub(iceMelt);
            }
            balance.mul(toIce).intoArray(z, 0);
            for (int l = 0; l < z.length; l++) {
                smb[k + l] = z[l];
            }
        }
    }

    private static FloatVector load(float[] values, int k, boolean point) {
        return point ? FloatVector.broadcast(SPECIES, values[0]) : FloatVector.fromArray(SPECIES, values, k);
    }

    /**
     * The annual balance at one cell, in double precision: the reference of the vectorised kernel and of the
     * hand-computed tests.
     *
     * @param surface                surface elevation z, m
     * @param referenceHeight        z_ref, m
     * @param temperature            the 12 monthly means at z_ref, °C
     * @param precipitation          the 12 monthly totals at z_ref, mm w.e.
     * @param temperatureStd         the 12 daily standard deviations, K
     * @param temperatureOffset      ΔT, K
     * @param precipitationFactor    f_P
     * @param factors                the model's factors
     * @return SMB, m ice eq. a⁻¹
     */
    public static double balance(double surface, double referenceHeight, double[] temperature,
                                 double[] precipitation, double[] temperatureStd, double temperatureOffset,
                                 double precipitationFactor, Factors factors) {
        double dz = surface - referenceHeight;
        double snow = 0;
        double balance = 0;
        for (int m = 0; m < 12; m++) {
            double tm = temperature[m] + temperatureOffset + factors.lapseRate() * dz;
            double pm = precipitation[m] * precipitationFactor
                    * Math.max(0, 1 + factors.precipitationGradient() * dz);
            double solid = pm * PositiveDegreeDays.solidFraction(tm, factors.allSnowBelow(), factors.allRainAbove());
            double pdd = DAYS_IN_MONTH[m] * PositiveDegreeDays.expectedPositiveTemperature(tm,
                    Math.max(temperatureStd[m], MIN_SIGMA));
            snow += solid;
            double snowMelt = Math.min(factors.meltFactorSnow() * pdd, snow);
            double iceMelt = factors.meltFactorSnow() > 0
                    ? factors.meltFactorIce() * Math.max(0, pdd - snowMelt / factors.meltFactorSnow())
                    : factors.meltFactorIce() * pdd;
            snow -= snowMelt;
            balance += solid - snowMelt - iceMelt;
        }
        return balance / PhysicalConstants.ICE_DENSITY;
    }
}
