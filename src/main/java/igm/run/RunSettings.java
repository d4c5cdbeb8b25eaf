package igm.run;

import igm.params.Parameters;
import igm.simulation.RunawayCheck;
import igm.simulation.Schedule;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The settings of a run, read once from its parameters ({@link #of}).
 *
 * @param parameters             the resolved parameters (the models are built from them; they are written into every
 *                               output file and the checkpoint)
 * @param name                   {@code run.name}
 * @param folder                 {@code output.folder}, absolute
 * @param start                  {@code time.start}, years
 * @param end                    {@code time.end}, years, ≥ start ({@code start} for a diagnostic run)
 * @param maxStep                {@code time.max_step}, years
 * @param outputInterval         {@code output.interval}: interval of the spatial frames, years
 * @param timeSeriesInterval     {@code output.timeseries_interval}, years
 * @param plotTimes              {@code output.plot_times}, years (empty: start, middle and end)
 * @param plots                  {@code output.plots}: whether the PNG maps and time-series plot are drawn
 * @param checkpointInterval     {@code output.checkpoint_interval}, years (0: none)
 * @param progress               {@code output.progress}: a progress bar on a terminal
 * @param runawayLimits          the limits of the runaway check ({@code run.max_*}, {@code run.min_step*}), or
 *                               {@code null} when {@code run.runaway_check} is false
 * @param observedFile           {@code output.observed_file}, or {@code null}
 * @param observedSurfaceName    {@code output.observed_usurf}: its surface variable
 * @param observedThicknessName  {@code output.observed_thk}: its thickness variable
 */
public record RunSettings(Parameters parameters, String name, Path folder, double start, double end, double maxStep,
                          double outputInterval, double timeSeriesInterval, List<Double> plotTimes, boolean plots,
                          double checkpointInterval, boolean progress, RunawayCheck.Limits runawayLimits,
                          Path observedFile, String observedSurfaceName, String observedThicknessName) {

    public RunSettings {
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(folder, "folder");
        plotTimes = List.copyOf(plotTimes);
    }

    /**
     * Reads the settings of a run from its parameters.
     *
     * @throws igm.InputException when {@code output.folder} is empty
     */
    public static RunSettings of(Parameters p) {
        Path folder = p.requiredPath("output.folder", "igm run");
        RunawayCheck.Limits limits = RunawayCheck.Limits.of(p);
        return new RunSettings(p, p.string("run.name"), folder, p.number("time.start"), p.number("time.end"),
                p.number("time.max_step"), p.number("output.interval"), p.number("output.timeseries_interval"),
                p.numberList("output.plot_times"), p.bool("output.plots"), p.number("output.checkpoint_interval"),
                p.bool("output.progress"), limits, p.path("output.observed_file"), p.string("output.observed_usurf"),
                p.string("output.observed_thk"));
    }

    /** Whether this is a diagnostic run: the end time is the start time. */
    public boolean diagnostic() {
        return start == end;
    }

    /**
     * The times of the maps: {@link #plotTimes}, or start, middle and end when it is empty. Times after the end are
     * replaced by the end, so that a run shorter than its plot times still maps its final state.
     */
    public Schedule plotSchedule() {
        if (plotTimes.isEmpty()) {
            return Schedule.at(start, 0.5 * (start + end), end);
        }
        return Schedule.at(plotTimes.stream().mapToDouble(t -> Math.min(t, end)).distinct().toArray());
    }
}
