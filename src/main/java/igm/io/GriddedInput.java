package igm.io;

import igm.grid.Grid2D;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The gridded geometry and optional parameter fields read from an input file, validated and on the program's grid
 * convention: flat arrays of {@code grid.size()} values, {@code index = j·nx + i}, {@code i} east, {@code j} north
 * (row 0 is the southern edge whatever the order in the file).
 *
 * <p>{@code bed}, {@code surface} and {@code thickness} are finite everywhere, thickness ≥ 0; the optional arrays
 * are {@code null} when the file does not have them, otherwise finite everywhere.
 *
 * @param grid                  the grid (after any crop and coarsening)
 * @param bed                   bedrock elevation {@code topg}, m
 * @param surface               ice (or ground) surface elevation {@code usurf}, m
 * @param thickness             ice thickness {@code thk}, m, ≥ 0
 * @param iceMask               {@code icemask}, 1 where the glacier outline is, 0 elsewhere; null if absent
 * @param slidingCoefficient    {@code slidingco} as stored in the file (IGM: MPa a^(1/3) m^(-1/3)); null if absent
 * @param rateFactor            {@code arrhenius} as stored in the file (IGM: MPa^-3 a^-1); null if absent
 * @param projectionAttributes  projection metadata to carry into outputs, attribute name → text
 *                              (e.g. {@code pyproj_srs}), kept in the order given; never null
 * @param source                the file read
 */
public record GriddedInput(Grid2D grid, double[] bed, double[] surface, double[] thickness, double[] iceMask,
                           double[] slidingCoefficient, double[] rateFactor, Map<String, String> projectionAttributes,
                           Path source) {

    public GriddedInput {
        int n = grid.size();
        checkLength("bed", bed, n, false);
        checkLength("surface", surface, n, false);
        checkLength("thickness", thickness, n, false);
        checkLength("iceMask", iceMask, n, true);
        checkLength("slidingCoefficient", slidingCoefficient, n, true);
        checkLength("rateFactor", rateFactor, n, true);
        // in the order given: Map.copyOf's order changes between JVMs, and with it that of the outputs' attributes
        projectionAttributes = projectionAttributes == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(projectionAttributes));
    }

    private static void checkLength(String name, double[] values, int n, boolean optional) {
        if (values == null) {
            if (!optional) {
                throw new IllegalArgumentException(name + " is required");
            }
            return;
        }
        if (values.length != n) {
            throw new IllegalArgumentException(name + " has " + values.length + " values, the grid has " + n);
        }
    }
}
