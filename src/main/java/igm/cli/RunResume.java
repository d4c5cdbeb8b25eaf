package igm.cli;

import igm.InputException;
import igm.io.CheckpointFile;
import igm.io.params.Parameters;
import igm.io.params.SavedParameters;
import igm.physics.RestartState;
import igm.physics.Restartable;
import igm.simulation.GlacierState;
import igm.simulation.Simulation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code igm run --resume FOLDER}: the checkpoint of an interrupted run ({@link RunCheckpoint}), its parameters, and
 * the restoring of the simulation and of the outputs written before it (the spatial frames, time-series rows and
 * maps), so that the resumed run ends with the same files as the run in one piece.
 *
 * <p>The parameters are the checkpoint's own; the only override accepted is {@code time.end} (to extend a run or
 * end it earlier), since any other change would make the continuation another run than the one checkpointed.
 *
 * @param folder     the output folder, absolute
 * @param file       the checkpoint in it
 * @param state      what the checkpoint holds
 * @param parameters the checkpoint's parameters, with the {@code time.end} override applied
 */
record RunResume(Path folder, Path file, RestartState state, Parameters parameters) {

    /** The one key {@code --set} may change on resume. */
    static final String END_KEY = "time.end";

    /**
     * Reads the checkpoint of {@code folder}.
     *
     * @throws InputException when there is no checkpoint, it cannot be read, or an override other than
     *                        {@code time.end} is given
     */
    static RunResume open(Path folder, List<String> overrides) {
        Path absolute = folder.toAbsolutePath().normalize();
        for (String override : overrides) {
            int eq = override.indexOf('=');
            String key = eq < 0 ? override : override.substring(0, eq).trim();
            if (!key.equals(END_KEY)) {
                throw new InputException("--set " + override + ": a resumed run keeps the parameters of its "
                        + "checkpoint; only " + END_KEY + " may be changed with --resume");
            }
        }
        Path file = absolute.resolve(RunCheckpoint.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new InputException("--resume " + folder + ": no checkpoint " + RunCheckpoint.FILE_NAME
                    + " in " + absolute + " (a run writes one when it is stopped by SIGINT or SIGTERM, or every "
                    + "output.checkpoint_interval years)");
        }
        RestartState state = CheckpointFile.read(file);
        String yaml = state.text("parameters");
        if (yaml == null) {
            throw new InputException(file + " holds no parameters (global attribute 'parameters')");
        }
        Parameters parameters = SavedParameters.load(yaml, file, overrides);
        if (!absolute.equals(parameters.path("output.folder"))) {
            // a moved folder: the run writes here, so its saved parameters must say so (re-running them reproduces it)
            List<String> moved = new ArrayList<>(overrides);
            moved.add("output.folder=" + absolute);
            parameters = SavedParameters.load(yaml, file, moved);
        }
        RunResume resume = new RunResume(absolute, file, state, parameters);
        double end = parameters.number(END_KEY);
        if (!(resume.time() < end)) {
            throw new InputException("--resume " + folder + ": the checkpoint is at t = " + resume.time() + " a, not "
                    + "before the end time " + end + " a; give a later --set " + END_KEY + " to extend the run");
        }
        return resume;
    }

    /** The checkpoint's time, years. */
    double time() {
        return state.scope("simulation").number("time");
    }

    /**
     * Restores the simulation, the solver statistics, the runaway check's state and the outputs written before the
     * checkpoint into a run built from {@link #parameters()}.
     *
     * @param runawayCheck the run's runaway check; null when it is off
     * @throws InputException when the checkpoint does not fit the run (another grid, a missing entry)
     */
    void restore(Simulation sim, RunOutputs outputs, SolverStatistics solver, RunCheckpoint checkpoint,
                 Restartable runawayCheck) {
        sim.restoreState(state.scope("simulation"));
        solver.restoreState(state.scope("solver"));
        Restartable.restoreComponent(runawayCheck, state, "runaway");
        GlacierState glacier = sim.model().state();
        int cells = glacier.grid().size();
        RestartState spatial = state.scope("spatial");
        double[] times = spatial.array("time");
        if (times == null) {
            throw new InputException(file + ": the times of the spatial frames (spatial_time) are missing");
        }
        checkpoint.resumedAt(sim.time(), times);
        Map<String, float[]> frames = new LinkedHashMap<>();
        for (var field : RunOutputs.spatialFields(glacier.iceMask() != null)) {
            float[] values = spatial.floats(field.name());
            if (values == null || times == null || values.length != times.length * cells) {
                throw new InputException(file + ": the spatial frames of " + field.name() + " are missing or do "
                        + "not fit the grid");
            }
            frames.put(field.name(), values);
        }
        for (int f = 0; f < times.length; f++) {
            Map<String, double[]> values = new LinkedHashMap<>();
            for (Map.Entry<String, float[]> e : frames.entrySet()) {
                double[] frame = new double[cells];
                for (int k = 0; k < cells; k++) {
                    frame[k] = e.getValue()[f * cells + k];
                }
                values.put(e.getKey(), frame);
            }
            outputs.spatial().write(times[f], values);
        }
        RestartState series = state.scope("timeseries");
        int columns = (int) series.number("columns");
        double[] flat = series.array("rows");
        List<double[]> rows = new ArrayList<>();
        for (int r = 0; r < flat.length / columns; r++) {
            rows.add(Arrays.copyOfRange(flat, r * columns, (r + 1) * columns));
        }
        outputs.timeSeries().replay(rows);
        RestartState plots = state.scope("plots");
        double[] plotTimes = plots.array("time");
        if (outputs.plots() != null && plotTimes != null) {
            double[] thickness = plots.array("thickness", plotTimes.length * cells);
            double[] speed = plots.array("speed", plotTimes.length * cells);
            for (int m = 0; m < plotTimes.length; m++) {
                outputs.plots().restore(glacier, new PlotRecorder.Plotted(plotTimes[m],
                        Arrays.copyOfRange(thickness, m * cells, (m + 1) * cells),
                        Arrays.copyOfRange(speed, m * cells, (m + 1) * cells)));
            }
        }
    }
}
