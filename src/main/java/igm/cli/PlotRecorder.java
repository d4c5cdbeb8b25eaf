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
 * plotted states, so that the years can be compared by eye. The fields of every map are kept ({@link #plotted()}),
 * so that a checkpoint can carry them and a resumed run draw the maps of the times before it ({@link #restore}).
 */
final class PlotRecorder {

    /**
     * The fields a pair of maps is drawn from (the bed does not change during a run: it is kept once).
     *
     * @param time      years
     * @param thickness ice thickness, m
     * @param speed     surface speed, m a⁻¹
     */
    record Plotted(double time, double[] thickness, double[] speed) {
    }

    private final Path folder;
    private final String runName;
    private final List<Plotted> snapshots = new ArrayList<>();
    private Grid2D grid;
    private double[] bed;

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
        this.bed = bed.clone();
        snapshots.add(new Plotted(time, thickness.clone(), speed.clone()));
    }

    /** Keeps the fields of a map of an interrupted run (from its checkpoint), on the grid and bed of {@code s}. */
    void restore(GlacierState s, Plotted fields) {
        add(fields.time(), s.grid(), fields.thickness(), s.bed(), fields.speed());
    }

    /** The fields of the maps kept so far, in time order. */
    List<Plotted> plotted() {
        return snapshots;
    }

    private static String label(double time) {
        return time == Math.rint(time) ? Long.toString((long) time) : String.format(Locale.ROOT, "%.2f", time);
    }

    /** The colour range shared by the thickness maps, {low, high} in m (for tests and the log). */
    double[] thicknessRange() {
        return MapPlotter.colourRange(snapshots.stream().map(Plotted::thickness).toList(),
                snapshots.stream().map(Plotted::thickness).toList());
    }

    /** The colour range shared by the speed maps, {low, high} in m/year. */
    double[] speedRange() {
        return MapPlotter.colourRange(snapshots.stream().map(Plotted::speed).toList(),
                snapshots.stream().map(Plotted::thickness).toList());
    }

    /** Draws and writes the maps, with one range per quantity, and the time-series plot. */
    void writeAll(List<double[]> rows) {
        double[] thicknessRange = thicknessRange();
        double[] speedRange = speedRange();
        for (Plotted s : snapshots) {
            String year = label(s.time());
            AtomicOutput.writePng(folder.resolve("thickness_" + year + ".png"), MapPlotter.render(grid,
                    s.thickness(), bed, s.thickness(), runName + ": ice thickness (m), year " + year, "m",
                    thicknessRange[0], thicknessRange[1]));
            AtomicOutput.writePng(folder.resolve("speed_" + year + ".png"), MapPlotter.render(grid, s.speed(),
                    bed, s.thickness(), runName + ": surface speed (m/a), year " + year, "m a-1",
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
