package igm.io;

import igm.SimulationException;
import ucar.nc2.Attribute;
import ucar.nc2.NetcdfFileWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/** Helpers shared by the NetCDF-3 writers: creating the file and writing global attributes. */
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
}
