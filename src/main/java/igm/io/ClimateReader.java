package igm.io;

import igm.InputException;
import igm.grid.Grid2D;
import igm.physics.massbalance.AccMeltFields;
import igm.physics.massbalance.AccMeltPeriods;
import igm.physics.massbalance.DailyClimate;
import igm.physics.massbalance.MonthlyClimate;
import ucar.nc2.Attribute;
import ucar.nc2.NetcdfFile;
import ucar.nc2.Variable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the climate inputs of the climate-driven mass-balance models, each problem reported as one
 * {@link InputException} naming the file, the variable or line, and what was expected.
 *
 * <ul>
 *   <li>{@link #readOggmMonthly}: OGGM's {@code climate_historical.nc} — 1D monthly {@code temp} (°C),
 *       {@code prcp} (kg m⁻² per month), {@code temp_std} (K) over {@code time} ("days since …"), and the global
 *       attribute {@code ref_hgt} (m).</li>
 *   <li>{@link #readGriddedMonthly}: a gridded monthly climate, {@code temp}, {@code prcp} and optional
 *       {@code temp_std} over (time, y, x), a reference elevation {@code ref_hgt} as a (y, x) variable or a global
 *       attribute, on the model grid or on a finer grid it is a block-coarsening of.</li>
 *   <li>{@link #readDailyStation}: a text series of {@code year day-of-year hour temp prec} rows (IGM's
 *       {@code temp_prec.dat}: °C and mm d⁻¹); lines that do not start with a number are headers.</li>
 *   <li>{@link #readAccMeltPeriods}: IGM's {@code mbparameter.dat}: rows {@code from to F_m(10⁻³) r_ice(10⁻⁵)
 *       r_snow(10⁻⁵) dT/dz dP/dz C_prec}.</li>
 *   <li>{@link #readAccMeltFields}: {@code direct_radiation} (time, y, x) in W m⁻² at the days of the year of its
 *       {@code time} variable, and {@code snow_redistribution} (y, x), both converted from their {@code units}
 *       (an irradiance, and dimensionless) by {@link InputUnits}.</li>
 * </ul>
 * The x and y of every gridded file are converted from their {@code units} into metres ({@link InputUnits}; metres
 * when they have none); geographic coordinates in degrees are refused with the advice to reproject the file.
 * Every gridded field is put on the program's convention (i east, j north) and, when the file's grid is finer than
 * the model's by a whole factor f and aligned with it (as after {@code input.crop} and {@code input.coarsen}), block
 * averaged over f × f cells.
 */
public final class ClimateReader {

    private ClimateReader() {
    }

    /** Reads OGGM's monthly point climate; the series is cut to whole calendar years. */
    public static MonthlyClimate readOggmMonthly(Path file) {
        try (NetcdfFile nc = open(file)) {
            Map<String, Variable> vars = NetcdfValues.variablesByShortName(nc);
            LocalDate[] months = monthDates(file, required(file, vars, "time"));
            double[] t = values(required(file, vars, "temp"));
            double[] p = values(required(file, vars, "prcp"));
            double[] s = values(required(file, vars, "temp_std"));
            if (t.length != months.length || p.length != months.length || s.length != months.length) {
                throw new InputException("climate file " + file + ": temp, prcp and temp_std must have one value per"
                        + " time (" + months.length + "), got " + t.length + ", " + p.length + ", " + s.length);
            }
            Attribute ref = nc.findGlobalAttributeIgnoreCase("ref_hgt");
            if (ref == null || ref.getNumericValue() == null) {
                throw new InputException("climate file " + file + " has no numeric global attribute 'ref_hgt' (the"
                        + " reference elevation of the series, m)");
            }
            int first = firstJanuary(file, months);
            int count = (months.length - first) / 12 * 12;
            if (count == 0) {
                throw new InputException("climate file " + file + " holds no whole calendar year");
            }
            return MonthlyClimate.point(ref.getNumericValue().doubleValue(), months[first].getYear(),
                    slice(t, first, count), slice(p, first, count), slice(s, first, count));
        } catch (IOException e) {
            throw new InputException("cannot read climate file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a gridded monthly climate onto {@code grid}.
     *
     * @param defaultTemperatureStd σ of the daily temperature where the file has no {@code temp_std}, K
     */
    public static MonthlyClimate readGriddedMonthly(Path file, Grid2D grid, double defaultTemperatureStd) {
        try (NetcdfFile nc = open(file)) {
            Map<String, Variable> vars = NetcdfValues.variablesByShortName(nc);
            LocalDate[] months = monthDates(file, required(file, vars, "time"));
            FileGrid fg = FileGrid.of(file, "climate file", vars, grid);
            double[][] t = fg.read3d(required(file, vars, "temp"), months.length);
            double[][] p = fg.read3d(required(file, vars, "prcp"), months.length);
            double[][] s;
            if (vars.containsKey("temp_std")) {
                s = fg.read3d(vars.get("temp_std"), months.length);
            } else {
                s = new double[months.length][grid.size()];
                for (double[] row : s) {
                    java.util.Arrays.fill(row, defaultTemperatureStd);
                }
            }
            double[] ref;
            if (vars.containsKey("ref_hgt")) {
                ref = fg.read2d(vars.get("ref_hgt"));
            } else {
                Attribute a = nc.findGlobalAttributeIgnoreCase("ref_hgt");
                if (a == null || a.getNumericValue() == null) {
                    throw new InputException("climate file " + file + " has neither a variable nor a global attribute"
                            + " 'ref_hgt' (the elevation the climate refers to, m)");
                }
                ref = new double[grid.size()];
                java.util.Arrays.fill(ref, a.getNumericValue().doubleValue());
            }
            int first = firstJanuary(file, months);
            int count = (months.length - first) / 12 * 12;
            if (count == 0) {
                throw new InputException("climate file " + file + " holds no whole calendar year");
            }
            return MonthlyClimate.gridded(grid, ref, months[first].getYear(),
                    java.util.Arrays.copyOfRange(t, first, first + count),
                    java.util.Arrays.copyOfRange(p, first, first + count),
                    java.util.Arrays.copyOfRange(s, first, first + count));
        } catch (IOException e) {
            throw new InputException("cannot read climate file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads one (y, x) or (time, y, x) variable onto {@code grid} (flipped and block-averaged as described in the
     * class comment): one array per time (one for a 2D variable).
     */
    public static double[][] readFieldOnGrid(Path file, String variable, Grid2D grid) {
        return readFieldOnGrid(file, variable, grid, null, "climate file");
    }

    /**
     * Reads one (y, x) or (time, y, x) variable onto {@code grid} as {@link #readFieldOnGrid(Path, String, Grid2D)}
     * does, converting its values from their {@code units} attribute into the program's units of {@code quantity}
     * (no conversion when {@code quantity} is null).
     *
     * @param role what the file is for messages, e.g. {@code "observed file (output.observed_file)"}
     * @throws InputException naming the file, the variable and its units when they are not units of
     *                        {@code quantity}, and naming {@code role} when the file is missing
     */
    public static double[][] readFieldOnGrid(Path file, String variable, Grid2D grid, InputUnits.Quantity quantity,
                                             String role) {
        return readFieldOnGrid(file, variable, grid, quantity, role, false);
    }

    /**
     * Reads one (y, x) variable of observations onto {@code grid} as {@link #readFieldOnGrid(Path, String, Grid2D,
     * InputUnits.Quantity, String)} does, but NaN (or the variable's fill value) marks a value not observed: a model
     * cell is the mean of the observed values of its block, NaN when none is observed.
     *
     * @throws InputException as the other readers, and for an infinite value
     */
    public static double[] readObservationsOnGrid(Path file, String variable, Grid2D grid,
                                                  InputUnits.Quantity quantity, String role) {
        return readFieldOnGrid(file, variable, grid, quantity, role, true)[0];
    }

    private static double[][] readFieldOnGrid(Path file, String variable, Grid2D grid, InputUnits.Quantity quantity,
                                              String role, boolean missing) {
        try (NetcdfFile nc = open(file, role)) {
            Map<String, Variable> vars = NetcdfValues.variablesByShortName(nc);
            Variable v = required(file, role, vars, variable);
            int[] shape = v.getShape();
            int times = 1;
            for (int d = 0; d + 2 < shape.length; d++) {
                times *= shape[d];
            }
            double factor = quantity == null ? 1
                    : InputUnits.factor(InputUnits.of(v), quantity,
                            role + " " + file + ": variable '" + variable + "'");
            FileGrid fg = FileGrid.of(file, role, vars, grid).allowingMissing(missing);
            double[][] out = times == 1 ? new double[][] {fg.read2d(v)} : fg.read3d(v, times);
            scale(out, factor);
            return out;
        } catch (IOException e) {
            throw new InputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the accmelt radiation and redistribution fields onto {@code grid}. */
    public static AccMeltFields readAccMeltFields(Path file, Grid2D grid) {
        try (NetcdfFile nc = open(file)) {
            Map<String, Variable> vars = NetcdfValues.variablesByShortName(nc);
            double[] days = values(required(file, vars, "time"));
            Variable radiationVariable = required(file, vars, "direct_radiation");
            Variable redistributionVariable = required(file, vars, "snow_redistribution");
            double radiationFactor = InputUnits.factor(InputUnits.of(radiationVariable),
                    InputUnits.Quantity.IRRADIANCE, "accmelt file " + file + ": variable 'direct_radiation'");
            double redistributionFactor = InputUnits.factor(InputUnits.of(redistributionVariable),
                    InputUnits.Quantity.DIMENSIONLESS, "accmelt file " + file + ": variable 'snow_redistribution'");
            FileGrid fg = FileGrid.of(file, "accmelt file", vars, grid);
            double[][] radiation = fg.read3d(radiationVariable, days.length);
            double[][] redistribution = {fg.read2d(redistributionVariable)};
            scale(radiation, radiationFactor);
            scale(redistribution, redistributionFactor);
            return new AccMeltFields(days, radiation, redistribution[0]);
        } catch (IOException e) {
            throw new InputException("cannot read accmelt file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a daily station series ({@code year day hour temp prec}); the days must be consecutive.
     *
     * @param stationHeight elevation of the station, m
     */
    public static DailyClimate readDailyStation(Path file, double stationHeight) {
        List<String> lines = lines(file);
        List<double[]> rows = numericRows(file, lines, 5);
        if (rows.isEmpty()) {
            throw new InputException("daily climate file " + file + " has no data rows (year day hour temp prec)");
        }
        LocalDate first = dayOf(file, rows.get(0));
        double[] t = new double[rows.size()];
        double[] p = new double[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            double[] row = rows.get(r);
            LocalDate expected = first.plusDays(r);
            LocalDate day = dayOf(file, row);
            if (!day.equals(expected)) {
                throw new InputException("daily climate file " + file + ": row " + (r + 1) + " is " + day + " ("
                        + (int) row[0] + ", day " + row[1] + ") but " + expected + " was expected; days must be"
                        + " consecutive");
            }
            t[r] = row[3];
            p[r] = row[4];
        }
        return new DailyClimate(first, t, p, stationHeight);
    }

    /** Reads an accmelt parameter table (IGM's {@code mbparameter.dat}). */
    public static AccMeltPeriods readAccMeltPeriods(Path file) {
        List<double[]> rows = numericRows(file, lines(file), 7);
        List<AccMeltPeriods.Period> periods = new ArrayList<>();
        for (double[] r : rows) {
            if (r[0] != Math.rint(r[0]) || r[1] != Math.rint(r[1])) {
                throw new InputException("accmelt parameter file " + file + ": period " + r[0] + "–" + r[1]
                        + " must be whole years");
            }
            periods.add(new AccMeltPeriods.Period((int) r[0], (int) r[1], r[2] * 1e-3, r[3] * 1e-5, r[4] * 1e-5,
                    r[5], r[6]));
        }
        return new AccMeltPeriods(periods);
    }

    /**
     * Reads a text table of {@code columns} numbers per row (extra columns ignored; header lines skipped), e.g. a
     * paleo temperature series {@code time delta_temp}; rows are sorted by their first column.
     */
    public static double[][] readTextTable(Path file, int columns) {
        List<double[]> rows = numericRows(file, lines(file), columns);
        if (rows.isEmpty()) {
            throw new InputException(file + " has no rows of " + columns + " numbers");
        }
        double[][] out = new double[rows.size()][];
        for (int r = 0; r < out.length; r++) {
            out[r] = java.util.Arrays.copyOf(rows.get(r), columns);
        }
        java.util.Arrays.sort(out, java.util.Comparator.comparingDouble(row -> row[0]));
        return out;
    }

    /** Whether a NetCDF climate file holds a gridded climate (its {@code temp} has rank 3). */
    public static boolean isGridded(Path file) {
        try (NetcdfFile nc = open(file)) {
            Variable t = required(file, NetcdfValues.variablesByShortName(nc), "temp");
            return t.getRank() == 3;
        } catch (IOException e) {
            throw new InputException("cannot read climate file " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<String> lines(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException("climate file not found: " + file.toAbsolutePath().normalize());
        }
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new InputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Rows of at least {@code columns} numbers; lines not starting with a number are skipped as headers. */
    private static List<double[]> numericRows(Path file, List<String> lines, int columns) {
        List<double[]> rows = new ArrayList<>();
        for (int l = 0; l < lines.size(); l++) {
            String line = lines.get(l).strip();
            if (line.isEmpty() || !(Character.isDigit(line.charAt(0)) || line.charAt(0) == '-'
                    || line.charAt(0) == '.')) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length < columns) {
                throw new InputException(file + " line " + (l + 1) + " has " + parts.length + " values, expected "
                        + columns + ": '" + line + "'");
            }
            double[] row = new double[parts.length];
            for (int c = 0; c < parts.length; c++) {
                try {
                    row[c] = Double.parseDouble(parts[c]);
                } catch (NumberFormatException e) {
                    throw new InputException(file + " line " + (l + 1) + ": '" + parts[c] + "' is not a number");
                }
            }
            rows.add(row);
        }
        return rows;
    }

    private static LocalDate dayOf(Path file, double[] row) {
        int year = (int) row[0];
        int day = (int) Math.round(row[1]);
        if (year != row[0] || day < 1 || day > (java.time.Year.isLeap(year) ? 366 : 365)) {
            throw new InputException("daily climate file " + file + ": year " + row[0] + " day " + row[1]
                    + " is not a day of that year");
        }
        return LocalDate.ofYearDay(year, day);
    }

    private static NetcdfFile open(Path file) {
        return open(file, "climate file");
    }

    /**
     * Reads one (y, x) variable of a file on another regular grid of the same projection (e.g. an OGGM glacier
     * directory beside IGM's grid of the same glacier) onto {@code grid} by bilinear interpolation at the cell centres;
     * NaN (or the fill value) marks a value not given: a cell gets the weighted mean of its finite neighbours, NaN
     * when none is finite or when it lies outside the file's grid. Written here because it is one weighted sum over
     * four neighbours on axis-aligned grids in the same coordinates; a resampling library (Apache SIS coverages) would
     * bring a CRS and coverage model this program does not otherwise need.
     *
     * @throws InputException naming the file and variable when it is missing, not (y, x) on the file's x and y, or
     *                        its units are not units of {@code quantity}
     */
    public static double[] readInterpolatedOnGrid(Path file, String variable, Grid2D grid,
                                                  InputUnits.Quantity quantity, String role) {
        try (NetcdfFile nc = open(file, role)) {
            Map<String, Variable> vars = NetcdfValues.variablesByShortName(nc);
            Variable v = required(file, role, vars, variable);
            double[] x = FileGrid.coordinate(file, role, required(file, role, vars, "x"));
            double[] y = FileGrid.coordinate(file, role, required(file, role, vars, "y"));
            if (x.length < 2 || y.length < 2) {
                throw new InputException(role + " " + file + ": x and y need at least 2 values");
            }
            int[] shape = v.getShape();
            if (shape.length != 2 || shape[0] != y.length || shape[1] != x.length) {
                throw new InputException(role + " " + file + ": variable '" + variable + "' has shape "
                        + java.util.Arrays.toString(shape) + "; expected [" + y.length + ", " + x.length + "] (y, x)");
            }
            double factor = InputUnits.factor(InputUnits.of(v), quantity,
                    role + " " + file + ": variable '" + variable + "'");
            double[] raw = values(v);
            double[] out = new double[grid.size()];
            for (int j = 0; j < grid.ny(); j++) {
                double fy = fractionalIndex(y, grid.y(j));
                for (int i = 0; i < grid.nx(); i++) {
                    double fx = fractionalIndex(x, grid.x(i));
                    out[grid.index(i, j)] = bilinear(raw, x.length, y.length, fx, fy) * factor;
                }
            }
            return out;
        } catch (IOException e) {
            throw new InputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The position of {@code value} on an evenly spaced axis (ascending or descending) in index units. */
    private static double fractionalIndex(double[] axis, double value) {
        return (value - axis[0]) / (axis[1] - axis[0]);
    }

    /** Bilinear interpolation of the finite neighbours at fractional indices (fx, fy); NaN outside or without any. */
    private static double bilinear(double[] raw, int nx, int ny, double fx, double fy) {
        if (fx < 0 || fy < 0 || fx > nx - 1 || fy > ny - 1) {
            return Double.NaN;
        }
        int i0 = Math.min((int) fx, nx - 2);
        int j0 = Math.min((int) fy, ny - 2);
        double ax = fx - i0;
        double ay = fy - j0;
        double sum = 0;
        double weights = 0;
        for (int b = 0; b < 2; b++) {
            for (int a = 0; a < 2; a++) {
                double w = (a == 0 ? 1 - ax : ax) * (b == 0 ? 1 - ay : ay);
                double value = raw[(j0 + b) * nx + i0 + a];
                if (w > 0 && Double.isFinite(value)) {
                    sum += w * value;
                    weights += w;
                }
            }
        }
        return weights > 0 ? sum / weights : Double.NaN;
    }

    /**
     * Whether a NetCDF file has a variable of that short name.
     *
     * @param role what the file is for messages, e.g. {@code "observations file (invert.observations_file)"}
     * @throws InputException naming {@code role} when the file is missing or not NetCDF
     */
    public static boolean hasVariable(Path file, String variable, String role) {
        try (NetcdfFile nc = open(file, role)) {
            return NetcdfValues.variablesByShortName(nc).containsKey(variable);
        } catch (IOException e) {
            throw new InputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static NetcdfFile open(Path file, String role) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(role + " not found: " + file.toAbsolutePath().normalize());
        }
        try {
            return NetcdfFile.open(file.toString());
        } catch (IOException | RuntimeException e) {
            throw new InputException(role + " " + file + " is not a NetCDF file: " + e.getMessage(), e);
        }
    }

    private static void scale(double[][] values, double factor) {
        if (factor == 1) {
            return;
        }
        for (double[] row : values) {
            for (int k = 0; k < row.length; k++) {
                row[k] *= factor;
            }
        }
    }

    private static Variable required(Path file, Map<String, Variable> vars, String name) {
        return required(file, "climate file", vars, name);
    }

    private static Variable required(Path file, String role, Map<String, Variable> vars, String name) {
        Variable v = vars.get(name);
        if (v == null) {
            throw new InputException(role + " " + file + " has no variable '" + name + "'; it has "
                    + vars.keySet());
        }
        return v;
    }

    /**
     * The values of {@code v}, a value equal to the first value of {@code _FillValue} or {@code missing_value} made
     * NaN, the others scaled by {@code scale_factor} and offset by {@code add_offset}. Unlike
     * {@link NetcdfValues#unpack}, the climate files' own decoding: attribute names in any case, numbers written as
     * text accepted, a NaN {@code scale_factor} or {@code add_offset} taken as absent, exact comparison only and no
     * {@code _Unsigned}.
     */
    private static double[] values(Variable v) throws IOException {
        double[] out = NetcdfValues.raw(v);
        double fill = numeric(v, "_FillValue");
        double missing = numeric(v, "missing_value");
        double scale = Double.isNaN(numeric(v, "scale_factor")) ? 1 : numeric(v, "scale_factor");
        double offset = Double.isNaN(numeric(v, "add_offset")) ? 0 : numeric(v, "add_offset");
        for (int k = 0; k < out.length; k++) {
            double x = out[k];
            out[k] = x == fill || x == missing ? Double.NaN : x * scale + offset;
        }
        return out;
    }

    /** The first value of the attribute {@code name} (any case; text parsed as a number), NaN when there is none. */
    private static double numeric(Variable v, String name) {
        Attribute a = v.findAttributeIgnoreCase(name);
        return a == null || a.getNumericValue() == null ? Double.NaN : a.getNumericValue().doubleValue();
    }

    /** The first day of each month of a monthly {@code time} variable in "days since DATE" units. */
    private static LocalDate[] monthDates(Path file, Variable time) throws IOException {
        Attribute unitsAttr = time.findAttributeIgnoreCase("units");
        String units = unitsAttr == null ? "" : unitsAttr.getStringValue();
        String lower = units == null ? "" : units.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("days since ")) {
            throw new InputException("climate file " + file + ": time units are '" + units
                    + "'; expected 'days since YYYY-MM-DD'");
        }
        String date = units.substring("days since ".length()).strip();
        LocalDate origin;
        try {
            origin = date.length() > 10 ? LocalDateTime.parse(date.substring(0, 19).replace(' ', 'T')).toLocalDate()
                    : LocalDate.parse(date);
        } catch (RuntimeException e) {
            throw new InputException("climate file " + file + ": cannot read the date of the time units '" + units
                    + "'", e);
        }
        double[] t = values(time);
        LocalDate[] out = new LocalDate[t.length];
        for (int k = 0; k < t.length; k++) {
            LocalDate d = origin.plusDays((long) Math.floor(t[k]));
            out[k] = d.withDayOfMonth(1);
            if (k > 0 && !out[k].equals(out[k - 1].plusMonths(1))) {
                throw new InputException("climate file " + file + ": time " + k + " is in " + out[k]
                        .toString().substring(0, 7) + " after " + out[k - 1].toString().substring(0, 7)
                        + "; consecutive months are expected");
            }
        }
        return out;
    }

    private static int firstJanuary(Path file, LocalDate[] months) {
        for (int k = 0; k < months.length; k++) {
            if (months[k].getMonthValue() == 1) {
                return k;
            }
        }
        throw new InputException("climate file " + file + " holds no January");
    }

    private static double[] slice(double[] a, int from, int count) {
        return java.util.Arrays.copyOfRange(a, from, from + count);
    }

    /** The file's x/y grid and how it maps onto the model grid (offset and block factor). */
    private record FileGrid(Path file, String role, int nxFile, int nyFile, boolean yAscending, boolean xAscending,
                            int i0, int j0, int factor, Grid2D target, boolean missing) {

        /** The same grid, reading NaN as not observed when {@code allowed}. */
        FileGrid allowingMissing(boolean allowed) {
            return new FileGrid(file, role, nxFile, nyFile, yAscending, xAscending, i0, j0, factor, target, allowed);
        }

        static FileGrid of(Path file, String role, Map<String, Variable> vars, Grid2D target) throws IOException {
            double[] x = coordinate(file, role, required(file, role, vars, "x"));
            double[] y = coordinate(file, role, required(file, role, vars, "y"));
            if (x.length < 2 || y.length < 2) {
                throw new InputException(role + " " + file + ": x and y need at least 2 values");
            }
            double dx = Math.abs(x[1] - x[0]);
            double xMin = Math.min(x[0], x[x.length - 1]);
            double yMin = Math.min(y[0], y[y.length - 1]);
            double ratio = target.dx() / dx;
            int f = (int) Math.round(ratio);
            String fileGrid = x.length + " × " + y.length + " cells of " + dx + " m from (" + xMin + ", " + yMin + ")";
            if (f < 1 || Math.abs(ratio - f) > 1e-6) {
                throw new InputException(role + " " + file + " is on " + fileGrid + ", which does not coarsen to"
                        + " the model grid " + target + " (the spacing ratio " + ratio + " is not a whole number)");
            }
            double i0d = (target.xOrigin() - xMin) / dx - (f - 1) / 2.0;
            double j0d = (target.yOrigin() - yMin) / dx - (f - 1) / 2.0;
            int i0 = (int) Math.round(i0d);
            int j0 = (int) Math.round(j0d);
            if (Math.abs(i0d - i0) > 1e-3 || Math.abs(j0d - j0) > 1e-3 || i0 < 0 || j0 < 0
                    || i0 + target.nx() * f > x.length || j0 + target.ny() * f > y.length) {
                throw new InputException(role + " " + file + " is on " + fileGrid + ", which does not cover"
                        + " the model grid " + target + " cell for cell (nor in aligned blocks of " + f + " × " + f
                        + ")");
            }
            return new FileGrid(file, role, x.length, y.length, y[1] > y[0], x[1] > x[0], i0, j0, f, target, false);
        }

        /** A coordinate in metres, converted from its {@code units} (metres when it has none). */
        private static double[] coordinate(Path file, String role, Variable v) throws IOException {
            double factor = InputUnits.factor(InputUnits.of(v), InputUnits.Quantity.LENGTH,
                    role + " " + file + ": coordinate '" + v.getShortName() + "'");
            double[] values = values(v);
            for (int k = 0; k < values.length; k++) {
                values[k] *= factor;
            }
            return values;
        }

        double[] read2d(Variable v) throws IOException {
            double[] raw = checkedValues(v, 1);
            return block(raw, 0);
        }

        double[][] read3d(Variable v, int times) throws IOException {
            double[] raw = checkedValues(v, times);
            double[][] out = new double[times][];
            for (int t = 0; t < times; t++) {
                out[t] = block(raw, t * nxFile * nyFile);
            }
            return out;
        }

        private double[] checkedValues(Variable v, int times) throws IOException {
            int[] shape = v.getShape();
            int r = shape.length;
            boolean ok = r >= 2 && shape[r - 1] == nxFile && shape[r - 2] == nyFile;
            long size = 1;
            for (int s : shape) {
                size *= s;
            }
            if (!ok || size != (long) times * nxFile * nyFile) {
                throw new InputException(role + " " + file + ": variable '" + v.getShortName() + "' has shape "
                        + java.util.Arrays.toString(shape) + "; expected " + (times > 1 ? "[" + times + ", " : "[")
                        + nyFile + ", " + nxFile + "] (" + (times > 1 ? "time, " : "") + "y, x)");
            }
            double[] raw = values(v);
            for (int k = 0; k < raw.length; k++) {
                if (!Double.isFinite(raw[k]) && !(missing && Double.isNaN(raw[k]))) {
                    throw new InputException(role + " " + file + ": variable '" + v.getShortName() + "' is "
                            + raw[k] + " at flat index " + k + "; finite values are expected"
                            + (missing ? " (NaN where not observed)" : ""));
                }
            }
            return raw;
        }

        /** One (y, x) slice at {@code offset}, flipped to i east / j north and block-averaged onto the target. */
        private double[] block(double[] raw, int offset) {
            double[] out = new double[target.size()];
            double inv = 1.0 / (factor * factor);
            for (int j = 0; j < target.ny(); j++) {
                for (int i = 0; i < target.nx(); i++) {
                    double sum = 0;
                    int observed = 0;
                    for (int b = 0; b < factor; b++) {
                        int jf = j0 + j * factor + b;
                        int row = yAscending ? jf : nyFile - 1 - jf;
                        for (int a = 0; a < factor; a++) {
                            int ifl = i0 + i * factor + a;
                            int col = xAscending ? ifl : nxFile - 1 - ifl;
                            double value = raw[offset + row * nxFile + col];
                            if (!Double.isNaN(value)) {
                                sum += value;
                                observed++;
                            }
                        }
                    }
                    out[target.index(i, j)] = !missing ? sum * inv : observed == 0 ? Double.NaN : sum / observed;
                }
            }
            return out;
        }
    }
}
