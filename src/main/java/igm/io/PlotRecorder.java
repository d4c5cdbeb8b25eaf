package igm.io;

import igm.grid.Grid2D;
import igm.physics.RestartState;
import igm.physics.Restartable;
import igm.simulation.GlacierState;
import igm.simulation.Schedule;
import igm.simulation.Simulation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The PNG outputs of a run: maps of thickness and surface speed over a hillshade at scheduled times, and the
 * time-series plot. The states are copied when due and the maps drawn only by {@link #writeAll}, when the run has
 * succeeded: then every thickness map shares one colour range, and every speed map another, taken over all the
 * plotted states, so that the years can be compared by eye. The fields of every map are kept ({@link #plotted()}),
 * so that a checkpoint can carry them ({@code time}, {@code thickness} and {@code speed}, maps × cells, when there is
 * a map) and a resumed run draw the maps of the times before it ({@link #restoreState}). The maps are drawn at the
 * times of the schedule only, not also at the start and end.
 */
public final class PlotRecorder extends ScheduledWriter implements Restartable {

    /**
     * The fields a pair of maps is drawn from (the bed does not change during a run: it is kept once).
     *
     * @param time      years
     * @param thickness ice thickness, m
     * @param speed     surface speed, m a⁻¹
     */
    public record Plotted(double time, double[] thickness, double[] speed) {
    }

    private final Path folder;
    private final String runName;
    private final GlacierState state;
    private final Supplier<List<double[]>> rows;
    private final List<Plotted> snapshots = new ArrayList<>();
    private Grid2D grid;
    private double[] bed;

    /**
     * @param folder   the output folder the PNG files are written into
     * @param runName  the run's name, in the titles
     * @param schedule when the maps are drawn
     * @param state    the run's state, on whose grid and bed the maps of a resumed run's checkpoint are drawn
     * @param rows     the time-series rows at the end of the run (time, volume, area, mean speed, max speed, …)
     */
    public PlotRecorder(Path folder, String runName, Schedule schedule, GlacierState state,
                        Supplier<List<double[]>> rows) {
        super("plots", schedule, false);
        this.folder = folder;
        this.runName = runName;
        this.state = state;
        this.rows = rows;
    }

    /** Keeps the thickness and speed of the state at {@code time} for its maps. */
    @Override
    public void call(Simulation sim, double time) {
        GlacierState s = sim.model().state();
        add(time, s.grid(), s.thickness(), s.bed(), sim.model().flow().surfaceSpeed());
    }

    /** Keeps copies of the fields of the state at {@code time}: thickness and bed, m, surface speed, m/year. */
    public void add(double time, Grid2D grid, double[] thickness, double[] bed, double[] speed) {
        this.grid = grid;
        this.bed = bed.clone();
        snapshots.add(new Plotted(time, thickness.clone(), speed.clone()));
    }

    /** Saves the fields of the maps kept so far, when there is one. */
    @Override
    public void saveState(RestartState p) {
        if (snapshots.isEmpty()) {
            return;
        }
        p.put("time", snapshots.stream().mapToDouble(Plotted::time).toArray());
        p.put("thickness", snapshots.stream().flatMapToDouble(m -> Arrays.stream(m.thickness())).toArray());
        p.put("speed", snapshots.stream().flatMapToDouble(m -> Arrays.stream(m.speed())).toArray());
    }

    /** Keeps the fields of the maps of an interrupted run (from its checkpoint), on the grid and bed of the state. */
    @Override
    public void restoreState(RestartState plots) {
        double[] plotTimes = plots.array("time");
        if (plotTimes == null) {
            return;
        }
        int cells = state.grid().size();
        double[] thickness = plots.array("thickness", plotTimes.length * cells);
        double[] speed = plots.array("speed", plotTimes.length * cells);
        for (int m = 0; m < plotTimes.length; m++) {
            add(plotTimes[m], state.grid(), Arrays.copyOfRange(thickness, m * cells, (m + 1) * cells), state.bed(),
                    Arrays.copyOfRange(speed, m * cells, (m + 1) * cells));
        }
    }

    /** The fields of the maps kept so far, in time order. */
    public List<Plotted> plotted() {
        return snapshots;
    }

    /** Draws and writes the maps and the time-series plot. */
    @Override
    public void commit() {
        writeAll(rows.get());
    }

    private static String label(double time) {
        return time == Math.rint(time) ? Long.toString((long) time) : String.format(Locale.ROOT, "%.2f", time);
    }

    /** The colour range shared by the thickness maps, {low, high} in m (for tests and the log). */
    public double[] thicknessRange() {
        return MapPlotter.colourRange(snapshots.stream().map(Plotted::thickness).toList(),
                snapshots.stream().map(Plotted::thickness).toList());
    }

    /** The colour range shared by the speed maps, {low, high} in m/year. */
    public double[] speedRange() {
        return MapPlotter.colourRange(snapshots.stream().map(Plotted::speed).toList(),
                snapshots.stream().map(Plotted::thickness).toList());
    }

    /** Draws and writes the maps, with one range per quantity, and the time-series plot. */
    public void writeAll(List<double[]> rows) {
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
