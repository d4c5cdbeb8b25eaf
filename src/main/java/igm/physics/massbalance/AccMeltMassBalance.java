package igm.physics.massbalance;

import igm.InputException;
import igm.grid.Grid2D;
import igm.physics.RestartState;
import igm.physics.Restartable;
import igm.physics.PhysicalConstants;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.time.LocalDate;

/**
 * Accumulation and distributed temperature-index melt with potential direct radiation ({@code smb.method:
 * accmelt}; Hock 1999; Huss et al. 2009), the model of IGM's Aletsch 1880–2100 example (Jouvet et al. 2011,
 * 2020), driven by daily temperature and precipitation at a station. The result is the balance of a hydrological
 * year in m ice eq. a⁻¹.
 *
 * <p><b>Balance year.</b> Balance year Y runs from 1 October of Y − 1 to 30 September of Y; its balance is applied
 * for model times in [Y, Y + 1), computed once with the surface of the first call in that interval (at the exact
 * boundary t = Y of a year without weather, the balance of Y − 1 is kept, so a run may end there). (IGM instead
 * rotates the 365 days of calendar year Y to start on 1 October; here the days are the real ones, leap days
 * included.) The {@link ClimateScenario} maps Y to the climate year and gives the modifiers.
 *
 * <p><b>Each day d</b> at a cell of surface elevation z, station elevation z_ws, with the factors of Y's
 * {@link AccMeltPeriods.Period}:
 * <pre>
 *   T   = T_ws(d) + ΔT + (dT/dz)(z − z_ws)                                         °C
 *   P   = P_ws(d) · f_P · max(0, 1 + (dP/dz)(z − z_ws)) / 1000 · ρ_w/ρ_ice          m ice eq. d⁻¹
 *   A   = w_acc · D(x, y) · P · clamp((T_rain − T)/(T_rain − T_snow), 0, 1)        accumulation
 *   M_s = w_abl · max(T, 0) · max(0, F_m + r_snow I(x, y, d))                       potential snow melt
 *   M_i = w_abl · max(T, 0) · max(0, F_m + r_ice  I(x, y, d))                       potential ice melt
 * </pre>
 * with D the snow redistribution factor and I the potential direct radiation (W m⁻²), given for 12 days of the
 * year (the middle of each month: days 20, 50, …, 350) and interpolated linearly between them, cyclically over
 * the 365 days. The snow depth S, zero on 1 October, gains A (and is kept ≥ 0: D may be slightly negative); the
 * day's melt takes snow first and, when the snow is gone within the day, ice for the rest of the day:
 * <pre>
 *   melt_snow = min(S, M_s),   melt_ice = M_i · (1 − melt_snow/M_s),   S ← S − melt_snow
 * </pre>
 * (IGM applies the snow or the ice factor to the whole day according to whether snow is left.) The balance is
 * Σ_d (A − melt_snow − melt_ice).
 *
 * <p>Vectorised over cells (float lanes of the Vector API), the days inside.
 */
public final class AccMeltMassBalance implements MassBalanceModel, Restartable {

    /** The name of this model in the parameters. */
    public static final String NAME = "accmelt";

    private static final VectorSpecies<Float> SPECIES = PositiveDegreeDays.species();
    private static final float TINY = 1e-30f;

    /**
     * The fixed settings of the model.
     *
     * @param allSnowBelow        T_snow, °C (IGM: 0.5)
     * @param allRainAbove        T_rain, °C, &gt; T_snow (IGM: 2.5)
     * @param accumulationWeight  w_acc, ≥ 0 (IGM: 1)
     * @param ablationWeight      w_abl, ≥ 0 (IGM's Aletsch run: 1.25)
     */
    public record Settings(double allSnowBelow, double allRainAbove, double accumulationWeight,
                           double ablationWeight) {
        /** @throws InputException for T_rain ≤ T_snow, a negative weight or a non-finite value */
        public Settings {
            if (!Double.isFinite(allSnowBelow) || !Double.isFinite(allRainAbove) || !(allRainAbove > allSnowBelow)) {
                throw new InputException("accmelt rain threshold " + allRainAbove
                        + " °C must be finite and above the snow threshold " + allSnowBelow + " °C");
            }
            if (!(accumulationWeight >= 0) || !(ablationWeight >= 0) || !Double.isFinite(accumulationWeight)
                    || !Double.isFinite(ablationWeight)) {
                throw new InputException("accmelt weights must be finite and ≥ 0, got accumulation "
                        + accumulationWeight + " and ablation " + ablationWeight);
            }
        }
    }

    private final DailyClimate weather;
    private final AccMeltPeriods periods;
    private final Grid2D grid;
    private final float[][] radiation;
    private final float[] radiationDays;
    private final float[] redistribution;
    private final ClimateScenario scenario;
    private final Settings settings;
    private final AnnualBalanceCache annual = new AnnualBalanceCache();

    /**
     * An accmelt model on {@code grid}.
     *
     * @param weather        daily station series
     * @param periods        factors per period of balance years
     * @param grid           the model grid of the fields
     * @param radiationDays  the days of the year (1–365, increasing) of the radiation fields
     * @param radiation      potential direct radiation, W m⁻², one field per entry of radiationDays
     * @param redistribution snow redistribution factor D, one per cell
     * @param scenario       climate-year mapping and modifiers
     * @param settings       thresholds and weights
     * @throws InputException when a field has another size than the grid, a value is not finite, or the days are
     *                        not increasing within 1–365
     */
    public AccMeltMassBalance(DailyClimate weather, AccMeltPeriods periods, Grid2D grid, double[] radiationDays,
                              double[][] radiation, double[] redistribution, ClimateScenario scenario,
                              Settings settings) {
        int n = grid.size();
        if (radiation.length == 0 || radiation.length != radiationDays.length) {
            throw new InputException("accmelt needs one radiation field per radiation day, got " + radiation.length
                    + " fields for " + radiationDays.length + " days");
        }
        this.radiationDays = new float[radiationDays.length];
        this.radiation = new float[radiation.length][];
        for (int m = 0; m < radiation.length; m++) {
            if (!(radiationDays[m] >= 1 && radiationDays[m] <= 365) || (m > 0
                    && !(radiationDays[m] > radiationDays[m - 1]))) {
                throw new InputException("accmelt radiation days must increase within 1–365, got day "
                        + radiationDays[m] + " at position " + m);
            }
            this.radiationDays[m] = (float) radiationDays[m];
            this.radiation[m] = checked(radiation[m], n, "direct radiation of day " + radiationDays[m]);
        }
        this.redistribution = checked(redistribution, n, "snow redistribution");
        this.weather = weather;
        this.periods = periods;
        this.grid = grid;
        this.scenario = scenario;
        this.settings = settings;
    }

    private static float[] checked(double[] values, int n, String what) {
        if (values.length != n) {
            throw new InputException("accmelt " + what + " has " + values.length + " cells, the grid " + n);
        }
        float[] out = new float[n];
        for (int k = 0; k < n; k++) {
            if (!Double.isFinite(values[k])) {
                throw new InputException("accmelt " + what + " is " + values[k] + " at cell " + k
                        + "; expected finite values");
            }
            out[k] = (float) values[k];
        }
        return out;
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
        int year = scenario.balanceYear(timeYears, firstBalanceYear(), lastBalanceYear());
        annual.copyInto(year, smb, (y, out) -> annualBalance(y, grid, surface, out));
    }

    /**
     * The balance of balance year {@code modelYear} (1 October of the year before to 30 September), m ice eq.
     * a⁻¹, at every cell.
     *
     * @throws InputException when {@code grid} is not the model's grid or the weather series lacks a day
     */
    public void annualBalance(int modelYear, Grid2D grid, double[] surface, double[] smb) {
        if (!MonthlyClimate.sameGrid(grid, this.grid)) {
            throw new InputException("accmelt fields are on " + this.grid + " but the model grid is " + grid);
        }
        int n = grid.size();
        int year = scenario.climateYear(modelYear, firstBalanceYear(), lastBalanceYear());
        AccMeltPeriods.Period period = periods.of(modelYear);
        LocalDate start = LocalDate.of(year - 1, 10, 1);
        int days = (int) (LocalDate.of(year, 10, 1).toEpochDay() - start.toEpochDay());
        float dT = (float) scenario.temperatureOffset(modelYear);
        float pf = (float) scenario.precipitationFactor(modelYear);
        float[] temperature = new float[days];
        float[] precipitation = new float[days];
        int[] lower = new int[days];
        float[] weightUpper = new float[days];
        float toIceMetres = (float) (1e-3 * 1000.0 / PhysicalConstants.ICE_DENSITY);
        for (int d = 0; d < days; d++) {
            LocalDate day = start.plusDays(d);
            temperature[d] = (float) weather.temperature(day) + dT;
            precipitation[d] = (float) weather.precipitation(day) * pf * toIceMetres;
            interpolationWeights(day.getDayOfYear(), d, lower, weightUpper);
        }
        float zws = (float) weather.stationHeight();
        float lapse = (float) period.lapseRate();
        float gamma = (float) period.precipitationGradient();
        float fm = (float) period.meltFactor();
        float ri = (float) period.radiationFactorIce();
        float rs = (float) period.radiationFactorSnow();
        float wAcc = (float) settings.accumulationWeight();
        float wAbl = (float) settings.ablationWeight();
        float tRain = (float) settings.allRainAbove();
        float invRange = (float) (1 / (settings.allRainAbove() - settings.allSnowBelow()));
        int months = radiation.length;
        Kernel kernel = new Kernel(zws, lapse, gamma, redistribution, wAcc, days, lower, weightUpper, months,
                radiation, temperature, precipitation, tRain, invRange, wAbl, rs, ri, fm);
        float[] z = new float[SPECIES.length()];
        int bound = SPECIES.loopBound(n);
        int k = 0;
        for (; k < bound; k += SPECIES.length()) {
            kernel.chunk(k, z, surface, smb);
        }
        for (; k < n; k++) {
            double[] rad = new double[days];
            for (int d = 0; d < days; d++) {
                int lo = lower[d];
                int hi = lo + 1 == months ? 0 : lo + 1;
                rad[d] = radiation[lo][k] * (1 - weightUpper[d]) + radiation[hi][k] * weightUpper[d];
            }
            smb[k] = balance(surface[k], zws, temperature, precipitation, rad, redistribution[k], period, settings);
        }
        annual.countEvaluation();
    }

    /**
     * The vectorised balance of one chunk of cells, a small method of its own so that the JIT compiles it early
     * (it is called once per chunk, not once per year).
     */
    private record Kernel(float zws, float lapse, float gamma, float[] redistribution, float wAcc, int days,
                          int[] lower, float[] weightUpper, int months, float[][] radiation, float[] temperature,
                          float[] precipitation, float tRain, float invRange, float wAbl, float rs, float ri,
                          float fm) {

        void chunk(int k, float[] z, double[] surface, double[] smb) {
            for (int l = 0; l < z.length; l++) {
                z[l] = (float) surface[k + l];
            }
            FloatVector dz = FloatVector.fromArray(SPECIES, z, 0).sub(zws);
            FloatVector tShift = dz.mul(lapse);
            FloatVector pScale = dz.mul(gamma).add(1f).max(0f).mul(FloatVector.fromArray(SPECIES, redistribution, k))
                    .mul(wAcc);
            FloatVector snow = FloatVector.zero(SPECIES);
            FloatVector balance = FloatVector.zero(SPECIES);
            for (int d = 0; d < days; d++) {
                int lo = lower[d];
                int hi = lo + 1 == months ? 0 : lo + 1;
                float w = weightUpper[d];
                FloatVector rad = FloatVector.fromArray(SPECIES, radiation[lo], k).mul(1 - w)
                        .add(FloatVector.fromArray(SPECIES, radiation[hi], k).mul(w));
                FloatVector t = tShift.add(temperature[d]);
                FloatVector acc = pScale.mul(precipitation[d]).mul(t.neg().add(tRain).mul(invRange).max(0f).min(1f));
                FloatVector positive = t.max(0f).mul(wAbl);
                FloatVector snowMeltPotential = positive.mul(rad.mul(rs).add(fm).max(0f));
                FloatVector iceMeltPotential = positive.mul(rad.mul(ri).add(fm).max(0f));
                snow = snow.add(acc).max(0f);
                FloatVector snowMelt = snowMeltPotential.min(snow);
                FloatVector iceMelt = iceMeltPotential.mul(snowMelt.div(snowMeltPotential.max(TINY)).neg().add(1f)
                        .max(0f));
                snow = snow.sub(snowMelt);
                balance = balance.add(acc).sub(snowMelt).sub(iceMelt);
            }
            balance.intoArray(z, 0);
            for (int l = 0; l < z.length; l++) {
                smb[k + l] = z[l];
            }
        }
    }

    /** The first balance year the weather series covers whole (from 1 October of the year before). */
    private int firstBalanceYear() {
        LocalDate first = weather.firstDay();
        return (first.isAfter(LocalDate.of(first.getYear(), 10, 1)) ? first.getYear() + 1 : first.getYear()) + 1;
    }

    /** The last balance year the weather series covers whole (to 30 September). */
    private int lastBalanceYear() {
        LocalDate last = weather.lastDay();
        return last.isBefore(LocalDate.of(last.getYear(), 9, 30)) ? last.getYear() - 1 : last.getYear();
    }

    /** The radiation field below day-of-year {@code dayOfYear} (cyclically) and the weight of the one above. */
    private void interpolationWeights(int dayOfYear, int d, int[] lower, float[] weightUpper) {
        int months = radiationDays.length;
        float day = dayOfYear;
        if (day < radiationDays[0]) {
            day += 365;
        }
        int lo = months - 1;
        for (int m = 0; m < months - 1; m++) {
            if (day >= radiationDays[m] && day < radiationDays[m + 1]) {
                lo = m;
                break;
            }
        }
        float from = radiationDays[lo];
        float to = lo + 1 == months ? radiationDays[0] + 365 : radiationDays[lo + 1];
        lower[d] = lo;
        weightUpper[d] = (day - from) / (to - from);
    }

    /**
     * One cell's balance over given days, in double precision: the reference of the vectorised kernel and of the
     * hand-computed tests.
     *
     * @param surface        surface elevation, m
     * @param stationHeight  z_ws, m
     * @param temperature    the days' station temperatures with ΔT added, °C
     * @param precipitation  the days' station precipitation with f_P applied, m ice eq. d⁻¹
     * @param radiation      the days' direct radiation at the cell, W m⁻²
     * @param redistribution D at the cell
     * @param period         the factors
     * @param settings       thresholds and weights
     * @return the balance, m ice eq.
     */
    public static double balance(double surface, double stationHeight, float[] temperature, float[] precipitation,
                                 double[] radiation, double redistribution, AccMeltPeriods.Period period,
                                 Settings settings) {
        double dz = surface - stationHeight;
        double snow = 0;
        double balance = 0;
        for (int d = 0; d < temperature.length; d++) {
            double t = temperature[d] + period.lapseRate() * dz;
            double p = precipitation[d] * Math.max(0, 1 + period.precipitationGradient() * dz);
            double acc = settings.accumulationWeight() * redistribution * p
                    * PositiveDegreeDays.solidFraction(t, settings.allSnowBelow(), settings.allRainAbove());
            double positive = settings.ablationWeight() * Math.max(t, 0);
            double snowPotential = positive * Math.max(0, period.meltFactor()
                    + period.radiationFactorSnow() * radiation[d]);
            double icePotential = positive * Math.max(0, period.meltFactor()
                    + period.radiationFactorIce() * radiation[d]);
            snow = Math.max(snow + acc, 0);
            double snowMelt = Math.min(snow, snowPotential);
            double iceMelt = snowPotential > 0 ? icePotential * (1 - snowMelt / snowPotential) : icePotential;
            snow -= snowMelt;
            balance += acc - snowMelt - iceMelt;
        }
        return balance;
    }
}
