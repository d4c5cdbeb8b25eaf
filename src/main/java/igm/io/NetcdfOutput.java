package igm.io;

import igm.SimulationException;
import igm.field.FieldSpec;
import igm.grid.Grid2D;
import ucar.ma2.Array;
import ucar.ma2.DataType;
import ucar.ma2.InvalidRangeException;
import ucar.nc2.Attribute;
import ucar.nc2.Dimension;
import ucar.nc2.NetcdfFileWriter;
import ucar.nc2.Variable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Helpers shared by the NetCDF-3 writers: creating the file, declaring the time, grid axes and fields with their CF
 * attributes, and writing global attributes.
 */
final class NetcdfOutput {

    private static final Pattern INVALID_NAME_CHARACTERS = Pattern.compile("[^A-Za-z0-9_.@+-]");

    private NetcdfOutput() {
    }

    /** A netCDF-3 writer in define mode on {@code partial}, 64-bit offset format. */
    static NetcdfFileWriter createNetcdf3(Path partial, Path target) {
        try {
            NetcdfFileWriter writer = NetcdfFileWriter.createNew(NetcdfFileWriter.Version.netcdf3, partial.toString());
            writer.setLargeFile(true);
            return writer;
        } catch (IOException e) {
            throw new SimulationException("cannot create " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Adds global text attributes; names are made NetCDF-safe (characters other than letters, digits and
     * {@code _.@+-} become {@code _}, a leading non-letter gets a {@code _} prefix).
     */
    static void addGlobalAttributes(NetcdfFileWriter writer, Map<String, String> attributes) {
        if (attributes == null) {
            return;
        }
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                continue;
            }
            writer.addGroupAttribute(null, new Attribute(safeName(e.getKey()), e.getValue()));
        }
    }

    static String safeName(String name) {
        String safe = INVALID_NAME_CHARACTERS.matcher(name).replaceAll("_");
        if (safe.isEmpty() || !(Character.isLetter(safe.charAt(0)) || safe.charAt(0) == '_')) {
            safe = "_" + safe;
        }
        return safe;
    }

    /** The x and y dimensions of a grid and their coordinate variables, declared by {@link #addGridAxes}. */
    record GridAxes(Dimension y, Dimension x, Variable yVariable, Variable xVariable) {

        /** The field dimensions {@code (y, x)}. */
        List<Dimension> dimensions() {
            return List.of(y, x);
        }

        /** Writes the cell-centre coordinates of {@code grid} (after {@code writer.create()}). */
        void write(NetcdfFileWriter writer, Grid2D grid) throws IOException, InvalidRangeException {
            writer.write(xVariable, Array.factory(grid.xCoordinates()));
            writer.write(yVariable, Array.factory(grid.yCoordinates()));
        }
    }

    /** Declares the dimensions y and x of {@code grid} and their coordinate variables, in metres. */
    static GridAxes addGridAxes(NetcdfFileWriter writer, Grid2D grid) {
        Dimension y = writer.addDimension(null, "y", grid.ny());
        Dimension x = writer.addDimension(null, "x", grid.nx());
        Variable xVariable = writer.addVariable(null, "x", DataType.DOUBLE, List.of(x));
        addCoordinateAttributes(writer, xVariable, "x", "X");
        Variable yVariable = writer.addVariable(null, "y", DataType.DOUBLE, List.of(y));
        addCoordinateAttributes(writer, yVariable, "y", "Y");
        return new GridAxes(y, x, yVariable, xVariable);
    }

    private static void addCoordinateAttributes(NetcdfFileWriter writer, Variable v, String name, String axis) {
        writer.addVariableAttribute(v, new Attribute("units", "m"));
        writer.addVariableAttribute(v, new Attribute("long_name", name + " coordinate of projection (cell centre)"));
        writer.addVariableAttribute(v, new Attribute("standard_name", "projection_" + name + "_coordinate"));
        writer.addVariableAttribute(v, new Attribute("axis", axis));
    }

    /** The reference date of the time axis: decimal year {@value #REFERENCE_YEAR} is day 0. */
    static final int REFERENCE_YEAR = 2000;

    /** Units of the time axis: CF time in days since the reference date. */
    static final String TIME_UNITS = "days since " + REFERENCE_YEAR + "-01-01 00:00:00";

    /** Calendar of the time axis: years of 365 days, as the model's decimal years (and PISM's calendar). */
    static final String CALENDAR = "365_day";

    /** Days in the years of {@link #CALENDAR}. */
    static final double DAYS_PER_YEAR = 365.0;

    /** The CF time of decimal year {@code year}: (year − 2000)·365 days. */
    static double daysOf(double year) {
        return (year - REFERENCE_YEAR) * DAYS_PER_YEAR;
    }

    /** The CF time axis ({@code time}) and the decimal year beside it ({@code year}), by {@link #addTime}. */
    record TimeAxis(Variable time, Variable year) {

        /** Writes decimal year {@code year} as record {@code index} of both variables. */
        void write(NetcdfFileWriter writer, int index, double year) throws IOException, InvalidRangeException {
            writer.write(this.time, new int[] {index}, Array.factory(new double[] {daysOf(year)}));
            writer.write(this.year, new int[] {index}, Array.factory(new double[] {year}));
        }
    }

    /**
     * Declares the CF time axis over the unlimited dimension {@code time}: {@code time} in {@link #TIME_UNITS} with
     * {@code calendar = 365_day}, which xarray and cftime decode into dates, and {@code year}, the decimal year the
     * model counts in (read back by the input reader when a previous output is the input).
     */
    static TimeAxis addTime(NetcdfFileWriter writer, Dimension time) {
        Variable v = writer.addVariable(null, "time", DataType.DOUBLE, List.of(time));
        writer.addVariableAttribute(v, new Attribute("units", TIME_UNITS));
        writer.addVariableAttribute(v, new Attribute("calendar", CALENDAR));
        writer.addVariableAttribute(v, new Attribute("standard_name", "time"));
        writer.addVariableAttribute(v, new Attribute("long_name", "time"));
        writer.addVariableAttribute(v, new Attribute("axis", "T"));
        Variable year = writer.addVariable(null, "year", DataType.DOUBLE, List.of(time));
        writer.addVariableAttribute(year, new Attribute("units", "year"));
        writer.addVariableAttribute(year, new Attribute("long_name", "time as a decimal year (" + CALENDAR
                + " calendar: year " + REFERENCE_YEAR + " + time / " + (int) DAYS_PER_YEAR + " days)"));
        return new TimeAxis(v, year);
    }

    /**
     * Declares {@code time} over the unlimited dimension as a duration in years from the start of a run (no
     * reference date: instructor snapshots count from their run's ice-free start).
     */
    static Variable addElapsedTime(NetcdfFileWriter writer, Dimension time, String longName) {
        Variable v = writer.addVariable(null, "time", DataType.DOUBLE, List.of(time));
        writer.addVariableAttribute(v, new Attribute("units", "year"));
        writer.addVariableAttribute(v, new Attribute("long_name", longName));
        writer.addVariableAttribute(v, new Attribute("axis", "T"));
        return v;
    }

    /**
     * Declares the scalar grid-mapping variable {@link GridMapping#VARIABLE} with the attributes of {@code mapping}.
     *
     * @return its name, for the {@code grid_mapping} attribute of the fields
     */
    static String addGridMapping(NetcdfFileWriter writer, GridMapping mapping) {
        Variable v = writer.addVariable(null, GridMapping.VARIABLE, DataType.INT, List.of());
        for (Map.Entry<String, Object> e : mapping.attributes().entrySet()) {
            Object value = e.getValue();
            Attribute attribute = switch (value) {
                case String text -> new Attribute(e.getKey(), text);
                case Double number -> new Attribute(e.getKey(), number);
                case double[] numbers -> new Attribute(e.getKey(), Array.factory(numbers));
                default -> throw new IllegalStateException("attribute " + e.getKey() + " of type "
                        + value.getClass());
            };
            writer.addVariableAttribute(v, attribute);
        }
        return GridMapping.VARIABLE;
    }

    /** Declares the variable of {@code field} with its units, long name and standard name (when it has one). */
    static Variable addField(NetcdfFileWriter writer, FieldSpec field, DataType type, List<Dimension> dimensions) {
        Variable v = writer.addVariable(null, field.name(), type, dimensions);
        writer.addVariableAttribute(v, new Attribute("units", field.units()));
        writer.addVariableAttribute(v, new Attribute("long_name", field.longName()));
        if (!field.standardName().isEmpty()) {
            writer.addVariableAttribute(v, new Attribute("standard_name", field.standardName()));
        }
        return v;
    }

    /**
     * Declares a gridded field as {@link #addField} does, referring to the grid-mapping variable
     * {@code gridMapping} when it is not null.
     */
    static Variable addGriddedField(NetcdfFileWriter writer, FieldSpec field, DataType type,
                                    List<Dimension> dimensions, String gridMapping) {
        Variable v = addField(writer, field, type, dimensions);
        if (gridMapping != null) {
            writer.addVariableAttribute(v, new Attribute("grid_mapping", gridMapping));
        }
        return v;
    }
}
