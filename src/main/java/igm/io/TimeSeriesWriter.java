package igm.io;

import igm.SimulationException;
import igm.field.FieldSpec;
import ucar.ma2.Array;
import ucar.ma2.DataType;
import ucar.ma2.InvalidRangeException;
import ucar.nc2.Dimension;
import ucar.nc2.NetcdfFileWriter;
import ucar.nc2.Variable;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes scalar time series (volume, area, largest speed…) to a netCDF-3 file with an unlimited {@code time}
 * dimension, the CF time axis {@code time} (days since 2000-01-01, 365-day calendar) and the decimal year
 * {@code year} beside it, and one double variable per series, and the same table to a CSV twin for people: the same
 * path with the extension {@code .csv} (e.g. {@code ts.nc} → {@code ts.csv}), header
 * {@code time [years],vol [km3],…}, one row per step.
 *
 * <p>Both files are written atomically: as {@code .partial} files renamed by {@link #commit()}; {@link #abort()} or
 * {@link #close()} without commit deletes both.
 */
public final class TimeSeriesWriter implements AutoCloseable {

    private final AtomicOutput netcdfOutput;
    private final AtomicOutput csvOutput;
    private final List<FieldSpec> series;
    private final NetcdfFileWriter writer;
    private final BufferedWriter csv;
    private final NetcdfOutput.TimeAxis timeAxis;
    private final Map<String, Variable> variables = new LinkedHashMap<>();
    private int steps;
    private double lastTime = Double.NEGATIVE_INFINITY;
    private boolean open;

    private TimeSeriesWriter(Path target, List<FieldSpec> series, Map<String, String> globalAttributes) {
        this.series = List.copyOf(series);
        this.netcdfOutput = AtomicOutput.begin(target);
        this.csvOutput = AtomicOutput.begin(csvPathOf(target));
        NetcdfFileWriter w = null;
        BufferedWriter c = null;
        NetcdfOutput.TimeAxis t = null;
        try {
            w = NetcdfOutput.createNetcdf3(netcdfOutput.partialPath(), netcdfOutput.target());
            Dimension time = w.addUnlimitedDimension("time");
            t = NetcdfOutput.addTime(w, time);
            for (FieldSpec s : this.series) {
                variables.put(s.name(), NetcdfOutput.addField(w, s, DataType.DOUBLE, List.of(time)));
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("Conventions", "CF-1.8");
            if (globalAttributes != null) {
                attributes.putAll(globalAttributes);
            }
            NetcdfOutput.addGlobalAttributes(w, attributes);
            w.create();
            c = Files.newBufferedWriter(csvOutput.partialPath(), StandardCharsets.UTF_8);
            StringBuilder header = new StringBuilder("time [years]");
            for (FieldSpec s : this.series) {
                header.append(',').append(s.name()).append(" [").append(s.units()).append(']');
            }
            c.write(header.toString());
            c.newLine();
            c.flush();
        } catch (IOException | RuntimeException e) {
            closeQuietly(w, c);
            netcdfOutput.abort();
            csvOutput.abort();
            throw e instanceof RuntimeException r ? r
                    : new SimulationException("cannot create " + target + ": " + e.getMessage(), e);
        }
        this.writer = w;
        this.csv = c;
        this.timeAxis = t;
        this.open = true;
    }

    /**
     * Starts the time series {@code target} and its CSV twin.
     *
     * @param target           final NetCDF path; its folder must exist
     * @param series           the series, distinct names other than {@code time}
     * @param globalAttributes text attributes for the NetCDF file (may be null)
     */
    public static TimeSeriesWriter create(Path target, List<FieldSpec> series, Map<String, String> globalAttributes) {
        Set<String> names = new HashSet<>(List.of("time", "year"));
        for (FieldSpec s : series) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("time series '" + s.name() + "' is declared twice or is named "
                        + "time or year");
            }
        }
        return new TimeSeriesWriter(target, series, globalAttributes);
    }

    /** The CSV twin of a NetCDF path: the extension replaced by {@code .csv} (appended if there is none). */
    public static Path csvPathOf(Path target) {
        String name = target.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return target.resolveSibling(stem + ".csv");
    }

    /**
     * Appends one row.
     *
     * @param timeYears time in years, after the previous row's
     * @param values    series name → value; every declared series must be present, others are ignored
     */
    public void write(double timeYears, Map<String, Double> values) {
        ensureOpen();
        if (!(timeYears > lastTime) || !Double.isFinite(timeYears)) {
            throw new IllegalArgumentException("time " + timeYears + " must be finite and after the previous "
                    + lastTime);
        }
        for (FieldSpec s : series) {
            if (values.get(s.name()) == null) {
                throw new IllegalArgumentException("no value for time series '" + s.name() + "' at time "
                        + timeYears);
            }
        }
        try {
            timeAxis.write(writer, steps, timeYears);
            StringBuilder row = new StringBuilder(number(timeYears));
            for (FieldSpec s : series) {
                double value = values.get(s.name());
                writer.write(variables.get(s.name()), new int[] {steps}, Array.factory(new double[] {value}));
                row.append(',').append(number(value));
            }
            writer.flush();
            csv.write(row.toString());
            csv.newLine();
            csv.flush();
        } catch (IOException | InvalidRangeException e) {
            abort();
            throw new SimulationException("cannot write time " + timeYears + " to " + netcdfOutput.target() + ": "
                    + e.getMessage(), e);
        }
        steps++;
        lastTime = timeYears;
    }

    private static String number(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        String text = String.format(Locale.ROOT, "%.10g", value);
        int e = text.indexOf('e');
        String mantissa = e < 0 ? text : text.substring(0, e);
        String exponent = e < 0 ? "" : text.substring(e);
        if (mantissa.indexOf('.') >= 0) {
            mantissa = mantissa.replaceAll("0+$", "");
            if (mantissa.endsWith(".")) {
                mantissa = mantissa.substring(0, mantissa.length() - 1);
            }
        }
        return mantissa + exponent;
    }

    /** Number of rows written. */
    public int steps() {
        return steps;
    }

    /** The final NetCDF path. */
    public Path target() {
        return netcdfOutput.target();
    }

    /** The final CSV path. */
    public Path csvTarget() {
        return csvOutput.target();
    }

    /** Closes both files and renames them to their targets. */
    public void commit() {
        ensureOpen();
        open = false;
        try {
            writer.close();
            csv.close();
        } catch (IOException e) {
            closeQuietly(writer, csv);
            netcdfOutput.abort();
            csvOutput.abort();
            throw new SimulationException("cannot close " + netcdfOutput.target() + ": " + e.getMessage(), e);
        }
        netcdfOutput.commit();
        csvOutput.commit();
    }

    /** Closes and deletes both partial files; does nothing after commit. Never throws. */
    public void abort() {
        if (open) {
            open = false;
            closeQuietly(writer, csv);
        }
        netcdfOutput.abort();
        csvOutput.abort();
    }

    /** Aborts unless committed. */
    @Override
    public void close() {
        abort();
    }

    private static void closeQuietly(NetcdfFileWriter w, BufferedWriter c) {
        try {
            if (w != null) {
                w.close();
            }
        } catch (IOException | RuntimeException ignored) {
            // The partial file is deleted next.
        }
        try {
            if (c != null) {
                c.close();
            }
        } catch (IOException ignored) {
            // The partial file is deleted next.
        }
    }

    private void ensureOpen() {
        if (!open) {
            throw new IllegalStateException("output " + netcdfOutput.target() + " is already committed or aborted");
        }
    }
}
