package igm.physics.massbalance;

import igm.InputException;
import igm.grid.Grid2D;

/**
 * Monthly climate: for every month of whole calendar years, the mean air temperature (°C), the precipitation
 * (mm w.e. = kg m⁻² per month) and the standard deviation of the daily temperature within the month (K), at a
 * reference elevation (m a.s.l.). Either a point series (one station or one climate cell, as OGGM's
 * {@code climate_historical.nc}) applied to every cell after the lapse-rate correction, or a gridded series with a
 * value per cell of a {@link Grid2D} (and a reference elevation per cell). Immutable; values are held as float.
 */
public final class MonthlyClimate {

    private final int firstYear;
    private final int years;
    private final Grid2D grid;
    private final float[][] temperature;
    private final float[][] precipitation;
    private final float[][] temperatureStd;
    private final float[] referenceHeight;

    private MonthlyClimate(int firstYear, Grid2D grid, float[][] temperature, float[][] precipitation,
                           float[][] temperatureStd, float[] referenceHeight) {
        this.firstYear = firstYear;
        this.years = temperature.length / 12;
        this.grid = grid;
        this.temperature = temperature;
        this.precipitation = precipitation;
        this.temperatureStd = temperatureStd;
        this.referenceHeight = referenceHeight;
    }

    /**
     * A point climate.
     *
     * @param referenceHeight m a.s.l. of the series
     * @param firstYear       calendar year of the first value (January)
     * @param temperature     monthly mean temperature, °C, 12 per year
     * @param precipitation   monthly precipitation, mm w.e. per month, ≥ 0
     * @param temperatureStd  standard deviation of the daily temperature in each month, K, ≥ 0
     * @throws InputException naming the month and value when the lengths differ, are not whole years, or a value
     *                        is not finite or negative where it must not be
     */
    public static MonthlyClimate point(double referenceHeight, int firstYear, double[] temperature,
                                       double[] precipitation, double[] temperatureStd) {
        int months = temperature.length;
        double[][] t = new double[months][];
        double[][] p = new double[months][];
        double[][] s = new double[months][];
        if (precipitation.length != months || temperatureStd.length != months) {
            throw new InputException("monthly climate: temperature has " + months + " months, precipitation "
                    + precipitation.length + ", temperature standard deviation " + temperatureStd.length
                    + "; expected the same number");
        }
        for (int m = 0; m < months; m++) {
            t[m] = new double[] {temperature[m]};
            p[m] = new double[] {precipitation[m]};
            s[m] = new double[] {temperatureStd[m]};
        }
        return build(firstYear, null, t, p, s, new double[] {referenceHeight});
    }

    /**
     * A gridded climate: {@code temperature[month][cell]} etc. on {@code grid}, month 0 the January of
     * {@code firstYear}, and a reference elevation per cell.
     *
     * @throws InputException as {@link #point}, and when a month or the reference elevation has another number of
     *                        cells than the grid
     */
    public static MonthlyClimate gridded(Grid2D grid, double[] referenceHeight, int firstYear,
                                         double[][] temperature, double[][] precipitation,
                                         double[][] temperatureStd) {
        return build(firstYear, grid, temperature, precipitation, temperatureStd, referenceHeight);
    }

    private static MonthlyClimate build(int firstYear, Grid2D grid, double[][] t, double[][] p, double[][] s,
                                        double[] ref) {
        int months = t.length;
        if (months == 0 || months % 12 != 0) {
            throw new InputException("monthly climate has " + months + " months; expected whole calendar years"
                    + " (a multiple of 12, starting in January)");
        }
        if (p.length != months || s.length != months) {
            throw new InputException("monthly climate: temperature has " + months + " months, precipitation "
                    + p.length + ", temperature standard deviation " + s.length + "; expected the same number");
        }
        int cells = grid == null ? 1 : grid.size();
        if (ref.length != cells) {
            throw new InputException("monthly climate reference elevation has " + ref.length + " cells, expected "
                    + cells);
        }
        float[] refF = new float[cells];
        for (int k = 0; k < cells; k++) {
            if (!Double.isFinite(ref[k])) {
                throw new InputException("monthly climate reference elevation is " + ref[k] + " at cell " + k
                        + "; expected a finite elevation in m");
            }
            refF[k] = (float) ref[k];
        }
        float[][] tf = new float[months][];
        float[][] pf = new float[months][];
        float[][] sf = new float[months][];
        for (int m = 0; m < months; m++) {
            String when = (firstYear + m / 12) + "-" + String.format("%02d", m % 12 + 1);
            tf[m] = checked(t[m], cells, "temperature", when, Double.NEGATIVE_INFINITY);
            pf[m] = checked(p[m], cells, "precipitation", when, 0);
            sf[m] = checked(s[m], cells, "temperature standard deviation", when, 0);
        }
        return new MonthlyClimate(firstYear, grid, tf, pf, sf, refF);
    }

    private static float[] checked(double[] values, int cells, String what, String when, double min) {
        if (values == null || values.length != cells) {
            throw new InputException("monthly climate " + what + " of " + when + " has "
                    + (values == null ? 0 : values.length) + " cells, expected " + cells);
        }
        float[] out = new float[cells];
        for (int k = 0; k < cells; k++) {
            double v = values[k];
            if (!Double.isFinite(v) || v < min) {
                throw new InputException("monthly climate " + what + " of " + when + " is " + v
                        + (cells > 1 ? " at cell " + k : "") + "; expected a finite value"
                        + (min > Double.NEGATIVE_INFINITY ? " ≥ " + min : ""));
            }
            out[k] = (float) v;
        }
        return out;
    }

    /** The mean of each calendar month over the years {@code fromYear..toYear}: one year, labelled fromYear. */
    public MonthlyClimate climatology(int fromYear, int toYear) {
        if (fromYear > toYear || fromYear < firstYear || toYear > lastYear()) {
            throw new InputException("climatology years " + fromYear + "–" + toYear + " are not within the climate's "
                    + firstYear + "–" + lastYear());
        }
        int n = toYear - fromYear + 1;
        float[][] t = new float[12][];
        float[][] p = new float[12][];
        float[][] s = new float[12][];
        for (int m = 0; m < 12; m++) {
            t[m] = new float[cells()];
            p[m] = new float[cells()];
            s[m] = new float[cells()];
            for (int y = fromYear; y <= toYear; y++) {
                int idx = (y - firstYear) * 12 + m;
                for (int k = 0; k < cells(); k++) {
                    t[m][k] += temperature[idx][k] / n;
                    p[m][k] += precipitation[idx][k] / n;
                    // σ itself is averaged (not the variance), so that a one-year climatology equals that year
                    s[m][k] += temperatureStd[idx][k] / n;
                }
            }
        }
        return new MonthlyClimate(fromYear, grid, t, p, s, referenceHeight.clone());
    }

    /** Whether two grids are the same up to round-off of the origin and spacing (a thousandth of a cell). */
    static boolean sameGrid(Grid2D a, Grid2D b) {
        return a.nx() == b.nx() && a.ny() == b.ny() && Math.abs(a.dx() - b.dx()) <= 1e-6 * a.dx()
                && Math.abs(a.xOrigin() - b.xOrigin()) <= 1e-3 * a.dx()
                && Math.abs(a.yOrigin() - b.yOrigin()) <= 1e-3 * a.dx();
    }

    /** Calendar year of the first month. */
    public int firstYear() {
        return firstYear;
    }

    /** Calendar year of the last month. */
    public int lastYear() {
        return firstYear + years - 1;
    }

    /** The grid of a gridded climate, {@code null} for a point climate. */
    public Grid2D grid() {
        return grid;
    }

    /** Number of cells of each month's values: 1 for a point climate. */
    public int cells() {
        return referenceHeight.length;
    }

    private int index(int year, int month) {
        if (year < firstYear || year > lastYear() || month < 0 || month > 11) {
            throw new InputException("no climate for " + year + "-" + (month + 1) + "; the climate covers "
                    + firstYear + "–" + lastYear());
        }
        return (year - firstYear) * 12 + month;
    }

    /** Monthly mean temperature of {@code month} (0 = January) of {@code year}, °C, per cell (shared: read only). */
    float[] temperature(int year, int month) {
        return temperature[index(year, month)];
    }

    /** Monthly precipitation, mm w.e. per month, per cell (shared: read only). */
    float[] precipitation(int year, int month) {
        return precipitation[index(year, month)];
    }

    /** Standard deviation of the daily temperature, K, per cell (shared: read only). */
    float[] temperatureStd(int year, int month) {
        return temperatureStd[index(year, month)];
    }

    /** Reference elevation, m a.s.l., per cell (shared: read only). */
    float[] referenceHeight() {
        return referenceHeight;
    }

    /** The temperature of one month at one cell (0 for a point climate), °C. */
    public double temperatureAt(int year, int month, int cell) {
        return temperature(year, month)[cells() == 1 ? 0 : cell];
    }

    /** The precipitation of one month at one cell, mm w.e. */
    public double precipitationAt(int year, int month, int cell) {
        return precipitation(year, month)[cells() == 1 ? 0 : cell];
    }

    /** The daily temperature standard deviation of one month at one cell, K. */
    public double temperatureStdAt(int year, int month, int cell) {
        return temperatureStd(year, month)[cells() == 1 ? 0 : cell];
    }

    /** The reference elevation at one cell, m a.s.l. */
    public double referenceHeightAt(int cell) {
        return referenceHeight[cells() == 1 ? 0 : cell];
    }
}
