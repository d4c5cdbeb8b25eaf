package igm.cli;

import igm.SimulationException;
import igm.Version;
import igm.io.AtomicOutput;
import igm.io.CheckpointFile;
import igm.io.GriddedInput;
import igm.params.Parameters;
import igm.physics.RestartState;
import igm.physics.Restartable;
import igm.simulation.Schedule;
import igm.simulation.Simulation;
import igm.simulation.SimulationCallback;
import ucar.ma2.InvalidRangeException;
import ucar.nc2.NetcdfFile;
import ucar.nc2.Variable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Writes the checkpoint of a run, {@code output.folder/checkpoint.nc} ({@link CheckpointFile}), after every step's
 * outputs: after the first step that reaches each multiple of {@code output.checkpoint_interval} after the start
 * (the steps are not shortened for it, so a run writes the same outputs with or without checkpoints), and after the
 * step during which SIGINT or SIGTERM arrived ({@link StopSignals}), which then stops the run. None is written at the
 * end time: the run is complete. The last scheduled checkpoint stays beside the outputs of a completed run, so that
 * {@code igm run --resume FOLDER --set time.end=LATER} extends it.
 *
 * <p>The checkpoint holds the resolved parameters (global attribute {@code parameters}), the simulation and model
 * state ({@link Simulation#saveState}, scope {@code simulation}), the solver statistics (scope {@code solver}), the
 * runaway check's count of collapsed steps (scope {@code runaway}, when the check is on), what the outputs carry of
 * the input file, so that a run resumes without it ({@code input_source}, its path, and
 * {@code input_projection_<attribute>}, its projection attributes, any character of the name other than letters,
 * digits and {@code _} written as {@code _}; see {@link RunResume#input()}), and
 * the outputs so far, so that the resumed run writes the same files as the run in one piece: the time-series rows
 * ({@code timeseries_rows}, time first, flattened; {@code timeseries_columns}), the spatial frames read back from
 * {@code spatial.nc.partial} (float32 as written: {@code spatial_time} and {@code spatial_<field>} of frames × cells)
 * and the fields of the maps drawn so far ({@code plots_time}, {@code plots_thickness}, {@code plots_speed}).
 */
final class RunCheckpoint implements SimulationCallback {

    /** The checkpoint's file name in the output folder. */
    static final String FILE_NAME = "checkpoint.nc";
    /** The text holding the path of the run's input file. */
    static final String INPUT_SOURCE = "input_source";
    /** The prefix of the texts holding the input's projection attributes, followed by the attribute's name. */
    static final String INPUT_PROJECTION = "input_projection_";

    private final Path folder;
    private final Path file;
    private final Parameters parameters;
    private final GriddedInput input;
    private final RunOutputs outputs;
    private final SolverStatistics solver;
    private final StopSignals signals;
    private final Restartable runawayCheck;
    private final Schedule schedule;
    private final List<Double> frameTimes = new ArrayList<>();
    private double nextTime = Double.NaN;
    private boolean stopped;
    private double lastTime = Double.NaN;

    /**
     * @param input        the run's input (its path and projection attributes are kept)
     * @param runawayCheck the run's runaway check, whose state the checkpoint keeps; null when it is off
     */
    RunCheckpoint(Path folder, Parameters parameters, GriddedInput input, RunOutputs outputs, SolverStatistics solver,
                  StopSignals signals, Restartable runawayCheck) {
        this.folder = folder;
        this.file = folder.resolve(FILE_NAME);
        this.parameters = parameters;
        this.input = input;
        this.outputs = outputs;
        this.solver = solver;
        this.signals = signals;
        this.runawayCheck = runawayCheck;
        double interval = parameters.number("output.checkpoint_interval");
        this.schedule = interval > 0 ? Schedule.every(interval, parameters.number("time.start")) : null;
    }

    /** The checkpoint's path. */
    Path file() {
        return file;
    }

    /**
     * Sets the next scheduled checkpoint after {@code time} (a resumed run's time) and the times of the spatial
     * frames written before it.
     */
    void resumedAt(double time, double[] spatialFrameTimes) {
        nextTime = schedule == null ? Double.POSITIVE_INFINITY : schedule.nextAfter(time);
        frameTimes.clear();
        for (double t : spatialFrameTimes) {
            frameTimes.add(t);
        }
    }

    @Override
    public void call(Simulation sim, double time) {
        if (Double.isNaN(nextTime)) {
            nextTime = schedule == null ? Double.POSITIVE_INFINITY : schedule.nextAfter(time);
        }
        if (outputs.spatial().steps() > frameTimes.size()) {
            frameTimes.add(time); // the spatial output wrote this time's frame (at most one per time)
        }
        if (sim.atEnd()) {
            return;
        }
        boolean due = time >= nextTime || schedule != null && schedule.isDue(time) && time > sim.startTime();
        if (due) {
            nextTime = schedule.nextAfter(time);
        }
        if (due || signals.received()) {
            write(sim);
            lastTime = time;
        }
        if (signals.received()) {
            stopped = true;
            sim.requestStop();
        }
    }

    /** Whether a signal stopped the run (after writing the checkpoint). */
    boolean stopped() {
        return stopped;
    }

    /** The time of the last checkpoint written, years (NaN when none). */
    double lastTime() {
        return lastTime;
    }

    /** The message of a stopped run: the signal, where it stopped, and how to resume. */
    String stopMessage(Simulation sim) {
        return String.format(Locale.ROOT, "interrupted by %s at t = %.4f a after %d steps; checkpoint "
                        + "written to %s%nresume with: igm run --resume %s", signals.name(), sim.time(), sim.steps(),
                file, folder);
    }

    private void write(Simulation sim) {
        RestartState state = new RestartState();
        state.putText("title", "checkpoint of the IGM run '" + parameters.string("run.name") + "' at t = "
                + sim.time() + " a; continue it with: igm run --resume " + folder);
        state.putText("source", Version.full());
        state.putText("parameters", parameters.toResolvedYaml());
        state.putText(INPUT_SOURCE, input.source().toString());
        input.projectionAttributes().forEach((name, value) -> state.putText(INPUT_PROJECTION
                + name.replaceAll("[^A-Za-z0-9_]", "_"), value));
        sim.saveState(state.scope("simulation"));
        solver.saveState(state.scope("solver"));
        Restartable.saveComponent(runawayCheck, state, "runaway");
        List<double[]> rows = outputs.timeSeries().rows();
        RestartState series = state.scope("timeseries");
        series.put("columns", rows.getFirst().length);
        series.put("rows", rows.stream().flatMapToDouble(Arrays::stream).toArray());
        saveSpatialFrames(state.scope("spatial"), sim.model().state().grid().size());
        PlotRecorder plots = outputs.plots();
        if (plots != null && !plots.plotted().isEmpty()) {
            RestartState p = state.scope("plots");
            p.put("time", plots.plotted().stream().mapToDouble(PlotRecorder.Plotted::time).toArray());
            p.put("thickness", plots.plotted().stream().flatMapToDouble(m -> Arrays.stream(m.thickness()))
                    .toArray());
            p.put("speed", plots.plotted().stream().flatMapToDouble(m -> Arrays.stream(m.speed()))
                    .toArray());
        }
        CheckpointFile.write(file, state);
    }

    /**
     * Reads the frames written so far back from the spatial file being written (flushed after every frame); their
     * times, in years, are those this callback saw the frames written at (the file's time axis may be in other
     * units).
     */
    private void saveSpatialFrames(RestartState state, int cells) {
        int frames = outputs.spatial().steps();
        if (frames != frameTimes.size()) {
            throw new IllegalStateException(frames + " spatial frames written, " + frameTimes.size() + " seen");
        }
        Path partial = AtomicOutput.partialPathOf(outputs.spatial().target());
        try (NetcdfFile nc = NetcdfFile.open(partial.toString())) {
            for (Variable v : nc.getVariables()) {
                String name = v.getShortName();
                if (v.getRank() == 3) {
                    int[] shape = v.getShape();
                    if (shape[1] * shape[2] != cells) {
                        throw new SimulationException(partial + ": " + name + " is not on the model grid");
                    }
                    state.putFloats(name, (float[]) v.read(new int[] {0, 0, 0},
                            new int[] {frames, shape[1], shape[2]}).get1DJavaArray(float.class));
                }
            }
            state.put("time", frameTimes.stream().mapToDouble(Double::doubleValue).toArray());
        } catch (IOException | InvalidRangeException e) {
            throw new SimulationException("cannot read the frames of " + partial + " back for the checkpoint: "
                    + e.getMessage(), e);
        }
    }
}
