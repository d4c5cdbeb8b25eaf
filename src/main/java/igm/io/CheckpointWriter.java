package igm.io;

import igm.Version;
import igm.params.Parameters;
import igm.physics.RestartState;
import igm.physics.Restartable;
import igm.simulation.Schedule;
import igm.simulation.Simulation;
import igm.simulation.SimulationCallback;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Writes the checkpoint of a run, {@code output.folder/checkpoint.nc} ({@link CheckpointFile}), after every step's
 * outputs (an after-step callback, {@link Simulation#addAfterStepCallback}): after the first step that reaches each
 * multiple of {@code output.checkpoint_interval} after the start (the steps are not shortened for it, so a run writes
 * the same outputs with or without checkpoints), and after the step during which a stop was requested (SIGINT or
 * SIGTERM), which then stops the run. None is written at the end time: the run is complete. The last scheduled
 * checkpoint stays beside the outputs of a completed run, so that {@code igm run --resume FOLDER --set
 * time.end=LATER} extends it.
 *
 * <p>The checkpoint holds the resolved parameters (global attribute {@code parameters}), the simulation and model
 * state ({@link Simulation#saveState}, scope {@code simulation}), what the outputs carry of the input file, so that a
 * run resumes without it ({@code input_source}, its path, and {@code input_projection_<attribute>}, its projection
 * attributes, any character of the name other than letters, digits and {@code _} written as {@code _}), and the
 * state of each component given, in its scope and in the order given: for {@code igm run} the solver statistics
 * ({@code solver}), the runaway check's count of collapsed steps ({@code runaway}, when the check is on), and the
 * outputs so far, so that the resumed run writes the same files as the run in one piece: the time-series rows
 * ({@code timeseries}), the spatial frames ({@code spatial}) and the fields of the maps drawn so far ({@code plots}).
 */
public final class CheckpointWriter implements SimulationCallback {

    /** The checkpoint's file name in the output folder. */
    public static final String FILE_NAME = "checkpoint.nc";
    /** The text holding the path of the run's input file. */
    public static final String INPUT_SOURCE = "input_source";
    /** The prefix of the texts holding the input's projection attributes, followed by the attribute's name. */
    public static final String INPUT_PROJECTION = "input_projection_";

    private final Path folder;
    private final Path file;
    private final Parameters parameters;
    private final GriddedInput input;
    private final Map<String, Object> components;
    private final BooleanSupplier stopRequested;
    private final Schedule schedule;
    private double nextTime = Double.NaN;

    /**
     * @param folder        the output folder
     * @param parameters    the run's parameters ({@code run.name}, {@code output.checkpoint_interval},
     *                      {@code time.start}; all of them are kept)
     * @param input         the run's input (its path and projection attributes are kept)
     * @param components    the components whose state the checkpoint keeps, by scope, in order; a component that is
     *                      not {@link Restartable} (or {@code null}) keeps none
     * @param stopRequested whether a stop was requested (a signal): then a checkpoint is written and the run stopped
     */
    public CheckpointWriter(Path folder, Parameters parameters, GriddedInput input, Map<String, ?> components,
                            BooleanSupplier stopRequested) {
        this.folder = folder;
        this.file = folder.resolve(FILE_NAME);
        this.parameters = parameters;
        this.input = input;
        this.components = new LinkedHashMap<>(components);
        this.stopRequested = stopRequested;
        double interval = parameters.number("output.checkpoint_interval");
        this.schedule = interval > 0 ? Schedule.every(interval, parameters.number("time.start")) : null;
    }

    /** The checkpoint's path. */
    public Path file() {
        return file;
    }

    /** Sets the next scheduled checkpoint after {@code time}, a resumed run's time, years. */
    public void resumedAt(double time) {
        nextTime = schedule == null ? Double.POSITIVE_INFINITY : schedule.nextAfter(time);
    }

    @Override
    public void call(Simulation sim, double time) {
        if (Double.isNaN(nextTime)) {
            nextTime = schedule == null ? Double.POSITIVE_INFINITY : schedule.nextAfter(time);
        }
        if (sim.atEnd()) {
            return;
        }
        boolean due = time >= nextTime || schedule != null && schedule.isDue(time) && time > sim.startTime();
        if (due) {
            nextTime = schedule.nextAfter(time);
        }
        boolean stop = stopRequested.getAsBoolean();
        if (due || stop) {
            write(sim);
        }
        if (stop) {
            sim.requestStop();
        }
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
        components.forEach((scope, component) -> Restartable.saveComponent(component, state, scope));
        CheckpointFile.write(file, state);
    }
}
