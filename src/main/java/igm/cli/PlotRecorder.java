package igm.cli;

import igm.grid.Grid2D;
import igm.io.AtomicOutput;
import igm.io.MapPlotter;
import igm.io.TimeSeriesPlotter;
import igm.simulation.GlacierState;
import igm.simulation.Simulation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The PNG outputs of a run: maps of thickness and surface speed over a hillshade at scheduled times, and the
 * time-series plot. The states are copied when due and the maps drawn only by {@link #writeAll}, when the run has
 * succeeded: then every thickness map shares one colour range, and every speed map another, taken over all the
 * plotted states, so that the years can be compared by eye.
 */
final class PlotRecorder {

    /** The fields of one plotted state, copied. */
    private record Snapshot(String year, double[] thickness, double[] bed, double[] speed) {
    }

    private final Path folder;
    private final String runName;
    private final List<Snapshot> snapshots = new ArrayList<>();
    private Grid2D grid;

    PlotRecorder(Path folder, String runName) {
        this.folder = folder;
        this.runName = runName;
    }

    /** Keeps the thickness and speed of the state at {@code time} for its maps. */
    void maps(Simulation sim, double time) {
        GlacierState s = sim.model().state();
        add(time, s.grid(), s.thickness(), s.bed(), sim.model().flow().surfaceSpeed());
    }

    /** Keeps copies of the fields of the state at {@code time}: thickness and bed, m, surface speed, m/year. */
    void add(double time, Grid2D grid, double[] thickness, double[] bed, double[] speed) {
        this.grid = grid;
        snapshots.add(new Snapshot(label(time), thickness.clone(), bed.clone(), speed.clone()));
    }

    private static String label(double time) {
        return time == Math.rint(time) ? Long.toString((long) time) : String.format(Locale.ROOT, "%.2f", time);
    }

    /** The colour range shared by the thickness maps, {low, high} in m (for tests and the log). */
    double[] thicknessRange() {
        return MapPlotter.colourRange(snapshots.stream().map(Snapshot::thickness).toList(),
                snapshots.stream().map(Snapshot::thickness).toList());
    }

    /** The colour range shared by the speed maps, {low, high} in m/year. */
    double[] speedRange() {
        return MapPlotter.colourRange(snapshots.stream().map(Snapshot::speed).toList(),
                snapshots.stream().map(Snapshot::thickness).toList());
    }

    /** Draws and writes the maps, with one range per quantity, and the time-series plot. */
    void writeAll(List<double[]> rows) {
        double[] thicknessRange = thicknessRange();
        double[] speedRange = speedRange();
        for (Snapshot s : snapshots) {
            AtomicOutput.writePng(folder.resolve("thickness_" + s.year() + ".png"), MapPlotter.render(grid,
                    s.thickness(), s.bed(), s.thickness(), runName + ": ice thickness (m), year " + s.year(), "m",
                    thicknessRange[0], thicknessRange[1]));
            AtomicOutput.writePng(folder.resolve("speed_" + s.year() + ".png"), MapPlotter.render(grid, s.speed(),
                    s.bed(), s.thickness(), runName + ": surface speed (m/a), year " + s.year(), "m a-1",
                    speedRange[0], speedRange[1]));
        }
        if (rows.size() >= 2) {
            double[] t = new double[rows.size()];
            double[] volume = new double[t.length];
            double[] area = new double[t.length];
            double[] maxSpeed = new double[t.length];
            for (int r = 0; r < t.length; r++) {
                double[] row = rows.get(r);
                t[r] = row[0];
                volume[r] = row[1];
                area[r] = row[2];
                maxSpeed[r] = row[4];
            }
            TimeSeriesPlotter.plotGlacier(folder.resolve("timeseries.png"), runName, t, volume, area, maxSpeed);
        }
    }
}
