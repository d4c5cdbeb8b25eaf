package igm.cli;

import igm.io.AtomicOutput;
import igm.io.MapPlotter;
import igm.io.TimeSeriesPlotter;
import igm.simulation.GlacierState;
import igm.simulation.Simulation;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The PNG outputs of a run: maps of thickness and surface speed over a hillshade at scheduled times, and the
 * time-series plot. Maps are rendered when due but written only by {@link #writeAll}, when the run has succeeded.
 * The fields of every map are kept ({@link #plotted()}), so that a checkpoint can carry them and a resumed run render
 * the maps of the times before it again ({@link #restore}), pixel for pixel.
 */
final class PlotRecorder {

    private final Path folder;
    private final String runName;
    private final Map<String, BufferedImage> maps = new LinkedHashMap<>();
    private final List<Plotted> plotted = new ArrayList<>();

    /**
     * The fields a pair of maps was rendered from.
     *
     * @param time      years
     * @param thickness ice thickness, m
     * @param speed     surface speed, m a⁻¹
     */
    record Plotted(double time, double[] thickness, double[] speed) {
    }

    PlotRecorder(Path folder, String runName) {
        this.folder = folder;
        this.runName = runName;
    }

    /** Renders the thickness and speed maps of the state at {@code time}. */
    void maps(Simulation sim, double time) {
        GlacierState s = sim.model().state();
        render(s, new Plotted(time, s.thickness().clone(), sim.model().flow().surfaceSpeed()));
    }

    /** Renders the maps of fields kept by an interrupted run (its checkpoint), on the grid and bed of {@code s}. */
    void restore(GlacierState s, Plotted fields) {
        render(s, fields);
    }

    private void render(GlacierState s, Plotted p) {
        String year = label(p.time());
        maps.put("thickness_" + year + ".png", MapPlotter.render(s.grid(), p.thickness(), s.bed(), p.thickness(),
                runName + ": ice thickness (m), year " + year, "m", Double.NaN, Double.NaN));
        maps.put("speed_" + year + ".png", MapPlotter.render(s.grid(), p.speed(), s.bed(),
                p.thickness(), runName + ": surface speed (m/a), year " + year, "m a-1", Double.NaN, Double.NaN));
        plotted.add(p);
    }

    /** The fields of the maps rendered so far, in time order. */
    List<Plotted> plotted() {
        return plotted;
    }

    private static String label(double time) {
        return time == Math.rint(time) ? Long.toString((long) time) : String.format(Locale.ROOT, "%.2f", time);
    }

    /** Writes the rendered maps and the time-series plot. */
    void writeAll(List<double[]> rows) {
        for (Map.Entry<String, BufferedImage> e : maps.entrySet()) {
            AtomicOutput.writePng(folder.resolve(e.getKey()), e.getValue());
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
