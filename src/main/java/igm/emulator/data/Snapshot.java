package igm.emulator.data;

import igm.InputException;
import igm.grid.Grid2D;

import java.util.Map;

/**
 * One instructor state as training data: named fields on a grid, in physical units (IGM's names and units:
 * {@code thk} m, slopes dimensionless, {@code arrhenius} MPa⁻³ a⁻¹, {@code slidingco} km MPa⁻³ a⁻¹, velocities
 * m a⁻¹).
 *
 * @param source the run it comes from (an identifier used to split held-out glaciers and to report data selection)
 * @param time   model time of the state, years
 * @param grid   the grid
 * @param fields name → values, {@code grid.size()} each, row-major
 */
public record Snapshot(String source, double time, Grid2D grid, Map<String, double[]> fields) {

    public Snapshot {
        fields = Map.copyOf(fields);
        for (Map.Entry<String, double[]> e : fields.entrySet()) {
            if (e.getValue().length != grid.size()) {
                throw new InputException(source + " at t = " + time + ": field '" + e.getKey() + "' has "
                        + e.getValue().length + " values, the " + grid.nx() + "×" + grid.ny() + " grid "
                        + grid.size());
            }
        }
    }

    /**
     * The values of {@code name}.
     *
     * @throws InputException when the snapshot lacks it
     */
    public double[] field(String name) {
        double[] f = fields.get(name);
        if (f == null) {
            throw new InputException(source + " at t = " + time + ": no field '" + name + "'; it has "
                    + new java.util.TreeSet<>(fields.keySet()));
        }
        return f;
    }
}
