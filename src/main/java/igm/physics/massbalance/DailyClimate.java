package igm.physics.massbalance;

import igm.InputException;

import java.time.LocalDate;

/**
 * A daily weather series at one station: air temperature (°C) and precipitation (mm w.e. per day) for consecutive
 * calendar days, at a reference (station) elevation. Immutable.
 */
public final class DailyClimate {

    private final LocalDate firstDay;
    private final float[] temperature;
    private final float[] precipitation;
    private final double stationHeight;

    /**
     * A daily series.
     *
     * @param firstDay      the date of the first value
     * @param temperature   daily mean temperature, °C, one per day from {@code firstDay}
     * @param precipitation daily precipitation, mm w.e. d⁻¹, ≥ 0
     * @param stationHeight elevation of the station, m a.s.l.
     * @throws InputException naming the date for a non-finite value or a negative precipitation, or when the
     *                        lengths differ
     */
    public DailyClimate(LocalDate firstDay, double[] temperature, double[] precipitation, double stationHeight) {
        if (temperature.length != precipitation.length || temperature.length == 0) {
            throw new InputException("daily climate has " + temperature.length + " temperatures and "
                    + precipitation.length + " precipitation values; expected the same number, at least one");
        }
        if (!Double.isFinite(stationHeight)) {
            throw new InputException("station height is " + stationHeight + "; expected an elevation in m");
        }
        this.firstDay = firstDay;
        this.temperature = new float[temperature.length];
        this.precipitation = new float[temperature.length];
        for (int d = 0; d < temperature.length; d++) {
            if (!Double.isFinite(temperature[d]) || !Double.isFinite(precipitation[d]) || precipitation[d] < 0) {
                throw new InputException("daily climate of " + firstDay.plusDays(d) + " has temperature "
                        + temperature[d] + " °C and precipitation " + precipitation[d]
                        + " mm; expected finite values, precipitation ≥ 0");
            }
            this.temperature[d] = (float) temperature[d];
            this.precipitation[d] = (float) precipitation[d];
        }
        this.stationHeight = stationHeight;
    }

    /** The date of the first value. */
    public LocalDate firstDay() {
        return firstDay;
    }

    /** The date of the last value. */
    public LocalDate lastDay() {
        return firstDay.plusDays(temperature.length - 1L);
    }

    /** Elevation of the station, m a.s.l. */
    public double stationHeight() {
        return stationHeight;
    }

    /** Whether the series holds every day from {@code from} to {@code to} inclusive. */
    public boolean covers(LocalDate from, LocalDate to) {
        return !from.isBefore(firstDay) && !to.isAfter(lastDay());
    }

    private int index(LocalDate day) {
        long d = day.toEpochDay() - firstDay.toEpochDay();
        if (d < 0 || d >= temperature.length) {
            throw new InputException("no daily climate for " + day + "; the series covers " + firstDay + " to "
                    + lastDay());
        }
        return (int) d;
    }

    /** Temperature of a day, °C. */
    public double temperature(LocalDate day) {
        return temperature[index(day)];
    }

    /** Precipitation of a day, mm w.e. */
    public double precipitation(LocalDate day) {
        return precipitation[index(day)];
    }
}
