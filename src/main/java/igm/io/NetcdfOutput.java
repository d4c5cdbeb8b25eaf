package igm.io;

import igm.SimulationException;
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

    /** Declares the coordinate variable of the unlimited dimension {@code time}, in years. */
    static Variable addTime(NetcdfFileWriter writer, Dimension time) {
        Variable v = writer.addVariable(null, "time", DataType.DOUBLE, List.of(time));
        writer.addVariableAttribute(v, new Attribute("units", "years"));
        writer.addVariableAttribute(v, new Attribute("long_name", "time in years"));
        writer.addVariableAttribute(v, new Attribute("axis", "T"));
        return v;
    }

    /** Declares the variable of {@code field} with its units and long name. */
    static Variable addField(NetcdfFileWriter writer, FieldSpec field, DataType type, List<Dimension> dimensions) {
        Variable v = writer.addVariable(null, field.name(), type, dimensions);
        writer.addVariableAttribute(v, new Attribute("units", field.units()));
        writer.addVariableAttribute(v, new Attribute("long_name", field.longName()));
        return v;
    }
}
