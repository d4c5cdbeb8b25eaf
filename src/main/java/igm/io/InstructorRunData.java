package igm.io;

import igm.grid.Grid2D;

import java.nio.file.Path;
import java.util.Map;

/**
 * The snapshots of one instructor run, as read by {@link InstructorSnapshotReader}: every field of
 * {@link InstructorSnapshotWriter#FIELD_NAMES} at every snapshot time, with the run's metadata.
 *
 * @param file     the file read
 * @param grid     the grid of every field
 * @param metadata the file's global attributes, name → text (run id, seed, valley, c, A, instructor, parameters,
 *                 maximum ice volume, steps, wall time…), in file order
 * @param times    snapshot times, years since the start of the run, increasing (empty when the run never had ice)
 * @param fields   field name → {@code [time][cell]} values, cell index {@code j·nx + i} as on {@link Grid2D}; units
 *                 as written ({@code m}, {@code m a-1}, {@code km MPa-3 a-1}, {@code MPa-3 a-1}, slopes in m/m)
 */
public record InstructorRunData(Path file, Grid2D grid, Map<String, String> metadata, double[] times,
                                Map<String, double[][]> fields) {

    /** A field at one snapshot. */
    public double[] field(String name, int snapshot) {
        double[][] values = fields.get(name);
        if (values == null) {
            throw new IllegalArgumentException("no field '" + name + "'; the fields are " + fields.keySet());
        }
        return values[snapshot];
    }

    /** Number of snapshots. */
    public int snapshots() {
        return times.length;
    }
}
