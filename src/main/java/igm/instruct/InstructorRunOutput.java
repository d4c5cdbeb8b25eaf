package igm.instruct;

import igm.grid.Grid2D;
import igm.io.InstructorSnapshotWriter;

import java.nio.file.Path;
import java.util.Map;

/**
 * What one instructor run produced: its snapshots (float32, as they are stored) and its figures.
 *
 * @param runId             the run's id
 * @param grid              the valley's grid
 * @param times             snapshot times, years since the ice-free start, increasing; only snapshots with ice
 * @param fields            {@link InstructorSnapshotWriter#FIELD_NAMES} → {@code [snapshot][cell]}
 * @param metadata          everything known about the run, attribute name → text (see {@link InstructorRun})
 * @param steps             time steps taken
 * @param maxVolume         largest ice volume over all steps, m³
 * @param finalVolume       ice volume at the end, m³
 * @param accumulatedVolume ice added by positive SMB over the run, m³
 * @param outflowVolume     ice that left the domain through its edges, m³
 * @param wallSeconds       wall time of the simulation, s
 */
public record InstructorRunOutput(String runId, Grid2D grid, double[] times, Map<String, float[][]> fields,
                                  Map<String, String> metadata, long steps, double maxVolume, double finalVolume,
                                  double accumulatedVolume, double outflowVolume, double wallSeconds) {

    /** Number of snapshots. */
    public int snapshots() {
        return times.length;
    }

    /** The share of the accumulated ice that left the domain (0 when nothing accumulated). */
    public double outflowFraction() {
        return accumulatedVolume > 0 ? outflowVolume / accumulatedVolume : 0;
    }

    /** Writes the snapshots and metadata to {@code file}, atomically ({@link InstructorSnapshotWriter}). */
    public void write(Path file) {
        InstructorSnapshotWriter.write(file, grid, times, fields, metadata);
    }
}
