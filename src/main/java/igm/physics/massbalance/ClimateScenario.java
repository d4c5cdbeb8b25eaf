package igm.physics.massbalance;

import igm.InputException;

import java.util.List;

/**
 * How a climate series is used over a run: which climate year drives each model year, and the scenario modifiers
 * applied on top (as IGM's quick-demo does): a temperature offset ΔT(t) (K, added) and a precipitation factor
 * f_P(t) (multiplied), linearly interpolated from a {@link TimeTable} with the columns {@code time, delta_temp,
 * prec_factor} and evaluated at mid-year (Y + 0.5) for model year Y.
 *
 * <p>Modes: {@code actual} uses the climate of the model year itself (an error outside the series);
 * {@code cycle} repeats the years {@code y0..y1} in a loop, model year Y using y0 + ((Y − y0) mod (y1 − y0 + 1)),
 * so that a spin-up can run for any length (y0 = y1 repeats one year); {@code mean} uses, every year, the monthly
 * climatology of y0..y1 (the caller builds it, see {@link MonthlyClimate#climatology}).
 */
public final class ClimateScenario {

    /** How model years map to climate years. */
    public enum Mode {
        /** The model year's own climate. */
        ACTUAL,
        /** A loop over the years of a period. */
        CYCLE,
        /** The climatology of a period, every year. */
        MEAN
    }

    /** The columns of the modifier table. */
    public static final List<String> COLUMNS = List.of("time", "delta_temp", "prec_factor");

    private final Mode mode;
    private final int fromYear;
    private final int toYear;
    private final TimeTable modifiers;

    /**
     * A scenario.
     *
     * @param mode      how model years map to climate years
     * @param fromYear  first year of the period (CYCLE, MEAN; ignored for ACTUAL)
     * @param toYear    last year of the period, ≥ fromYear
     * @param modifiers table with {@link #COLUMNS}, precipitation factors ≥ 0, or {@code null} for none
     * @throws InputException for a reversed period, other columns or a negative precipitation factor
     */
    public ClimateScenario(Mode mode, int fromYear, int toYear, TimeTable modifiers) {
        if (mode != Mode.ACTUAL && toYear < fromYear) {
            throw new InputException("climate period " + fromYear + "–" + toYear + " is reversed; expected the first"
                    + " year before the last");
        }
        if (modifiers != null) {
            if (!modifiers.columns().equals(COLUMNS)) {
                throw new InputException("climate modifier table must have the columns " + COLUMNS + ", got "
                        + modifiers.columns());
            }
            for (double t : modifiers.times()) {
                if (modifiers.value(2, t) < 0) {
                    throw new InputException("climate modifier prec_factor is " + modifiers.value(2, t)
                            + " at time " + t + "; expected ≥ 0");
                }
            }
        }
        this.mode = mode;
        this.fromYear = fromYear;
        this.toYear = toYear;
        this.modifiers = modifiers;
    }

    /** The model years' own climate, no modifiers. */
    public static ClimateScenario actual() {
        return new ClimateScenario(Mode.ACTUAL, 0, 0, null);
    }

    /** How model years map to climate years. */
    public Mode mode() {
        return mode;
    }

    /**
     * The climate year that drives model year {@code modelYear}, for a series covering {@code firstAvailable}..
     * {@code lastAvailable}.
     *
     * @throws InputException when that year is outside the series (naming both, and the way out)
     */
    public int climateYear(int modelYear, int firstAvailable, int lastAvailable) {
        int year = switch (mode) {
            case ACTUAL -> modelYear;
            case CYCLE -> fromYear + Math.floorMod(modelYear - fromYear, toYear - fromYear + 1);
            case MEAN -> firstAvailable;
        };
        if (year < firstAvailable || year > lastAvailable) {
            throw new InputException("model year " + modelYear + " needs the climate of " + year
                    + ", but the climate series covers " + firstAvailable + "–" + lastAvailable
                    + "; shorten the run or set smb.climate_mode to cycle or mean with smb.climate_period");
        }
        return year;
    }

    /** Whether {@link #climateYear} has a climate year for {@code modelYear} (instead of throwing). */
    public boolean covers(int modelYear, int firstAvailable, int lastAvailable) {
        int year = switch (mode) {
            case ACTUAL -> modelYear;
            case CYCLE -> fromYear + Math.floorMod(modelYear - fromYear, toYear - fromYear + 1);
            case MEAN -> firstAvailable;
        };
        return year >= firstAvailable && year <= lastAvailable;
    }

    /**
     * The model year whose balance applies at {@code timeYears}: ⌊t⌋, except at an exact year boundary t = Y
     * whose year has no climate while Y − 1 has (the end of a run that uses the whole series): then Y − 1.
     */
    int balanceYear(double timeYears, int firstAvailable, int lastAvailable) {
        int year = (int) Math.floor(timeYears);
        if (timeYears == year && !covers(year, firstAvailable, lastAvailable)
                && covers(year - 1, firstAvailable, lastAvailable)) {
            return year - 1;
        }
        return year;
    }

    /** First year of the period (CYCLE, MEAN). */
    public int fromYear() {
        return fromYear;
    }

    /** Last year of the period (CYCLE, MEAN). */
    public int toYear() {
        return toYear;
    }

    /** Temperature offset ΔT for model year {@code modelYear}, K (0 without modifiers). */
    public double temperatureOffset(int modelYear) {
        return modifiers == null ? 0 : modifiers.value(1, modelYear + 0.5);
    }

    /** Precipitation factor for model year {@code modelYear} (1 without modifiers). */
    public double precipitationFactor(int modelYear) {
        return modifiers == null ? 1 : modifiers.value(2, modelYear + 0.5);
    }
}
