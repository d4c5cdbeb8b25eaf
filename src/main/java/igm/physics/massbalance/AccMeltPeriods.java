package igm.physics.massbalance;

import igm.InputException;

import java.util.List;

/**
 * The calibrated factors of the accumulation and temperature-index melt model per period of years, as in IGM's
 * {@code mbparameter.dat} of the Aletsch 1880–2100 example (Jouvet et al. 2011): for balance years
 * {@code from ≤ Y < to}, the melt factor F_m (m ice eq. K⁻¹ d⁻¹), the radiation factors of ice and snow r_ice,
 * r_snow (m ice eq. K⁻¹ d⁻¹ per W m⁻²), the temperature lapse rate (K m⁻¹) and the precipitation gradient (relative,
 * m⁻¹). (The file writes F_m in 10⁻³ and the radiation factors in 10⁻⁵ of these units; its last column, a
 * precipitation correction in %, is not used by IGM's implementation and not here.)
 *
 * @param periods the periods, in increasing and non-overlapping order
 */
public record AccMeltPeriods(List<Period> periods) {

    /**
     * One period.
     *
     * @param fromYear              first balance year
     * @param toYear                first balance year after the period (exclusive)
     * @param meltFactor            F_m, m ice eq. K⁻¹ d⁻¹, ≥ 0
     * @param radiationFactorIce    r_ice, m ice eq. K⁻¹ d⁻¹ (W m⁻²)⁻¹, ≥ 0
     * @param radiationFactorSnow   r_snow, likewise, ≥ 0
     * @param lapseRate             K m⁻¹
     * @param precipitationGradient m⁻¹
     */
    public record Period(int fromYear, int toYear, double meltFactor, double radiationFactorIce,
                         double radiationFactorSnow, double lapseRate, double precipitationGradient) {
        /** @throws InputException naming the period for an empty period or a negative or non-finite factor */
        public Period {
            if (toYear <= fromYear) {
                throw new InputException("accmelt period " + fromYear + "–" + toYear + " is empty");
            }
            for (double v : new double[] {meltFactor, radiationFactorIce, radiationFactorSnow}) {
                if (!(v >= 0) || !Double.isFinite(v)) {
                    throw new InputException("accmelt period " + fromYear + "–" + toYear + " has melt or radiation"
                            + " factor " + v + "; expected finite and ≥ 0");
                }
            }
            if (!Double.isFinite(lapseRate) || !Double.isFinite(precipitationGradient)) {
                throw new InputException("accmelt period " + fromYear + "–" + toYear + " has lapse rate "
                        + lapseRate + " and precipitation gradient " + precipitationGradient
                        + "; expected finite values");
            }
        }
    }

    /** @throws InputException when there are no periods or they overlap or are not in order */
    public AccMeltPeriods {
        if (periods == null || periods.isEmpty()) {
            throw new InputException("accmelt parameters have no period");
        }
        periods = List.copyOf(periods);
        for (int i = 1; i < periods.size(); i++) {
            if (periods.get(i).fromYear() < periods.get(i - 1).toYear()) {
                throw new InputException("accmelt period " + periods.get(i).fromYear() + "–"
                        + periods.get(i).toYear() + " overlaps or precedes " + periods.get(i - 1).fromYear() + "–"
                        + periods.get(i - 1).toYear());
            }
        }
    }

    /**
     * The period of balance year {@code year}: the last period that starts at or before it (so a year after the
     * last period, or in a gap, keeps the period before), or the first period for a year before them all.
     */
    public Period of(int year) {
        Period found = periods.get(0);
        for (Period p : periods) {
            if (p.fromYear() <= year) {
                found = p;
            }
        }
        return found;
    }
}
