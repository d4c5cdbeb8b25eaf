package igm.run;

import igm.InputException;
import igm.grid.Grid2D;
import igm.io.CheckpointFile;
import igm.io.CheckpointWriter;
import igm.io.GriddedInput;
import igm.params.Parameters;
import igm.params.SavedParameters;
import igm.physics.RestartState;
import igm.physics.Restartable;
import igm.simulation.Simulation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code igm run --resume FOLDER}: the checkpoint of an interrupted run ({@link CheckpointWriter}), its parameters, and
 * the restoring of the simulation and of the outputs written before it (the spatial frames, time-series rows and
 * maps), so that the resumed run ends with the same files as the run in one piece.
 *
 * <p>The input of the resumed run is the checkpoint ({@link #input()}): {@code input.file} is not read again, so that
 * a run resumes after its input file was moved or deleted. The files the models read while they run (the emulator,
 * the climate files of pdd, accmelt and paleo_ela, the observed glacier) are read from their paths, and must still be
 * there ({@link #requireModelFiles}).
 *
 * <p>The parameters are the checkpoint's own; the only override accepted is {@code time.end} (to extend a run or
 * end it earlier), since any other change would make the continuation another run than the one checkpointed.
 *
 * @param folder     the output folder, absolute
 * @param file       the checkpoint in it
 * @param state      what the checkpoint holds
 * @param parameters the checkpoint's parameters, with the {@code time.end} override applied
 */
public record RunResume(Path folder, Path file, RestartState state, Parameters parameters) {

    /** The one key {@code --set} may change on resume. */
    public static final String END_KEY = "time.end";

    /**
     * Reads the checkpoint of {@code folder}.
     *
     * @throws InputException when there is no checkpoint, it cannot be read, or an override other than
     *                        {@code time.end} is given
     */
    public static RunResume open(Path folder, List<String> overrides) {
        Path absolute = folder.toAbsolutePath().normalize();
        for (String override : overrides) {
            int eq = override.indexOf('=');
            String key = eq < 0 ? override : override.substring(0, eq).trim();
            if (!key.equals(END_KEY)) {
                throw new InputException("--set " + override + ": a resumed run keeps the parameters of its "
                        + "checkpoint; only " + END_KEY + " may be changed with --resume");
            }
        }
        Path file = absolute.resolve(CheckpointWriter.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new InputException("--resume " + folder + ": no checkpoint " + CheckpointWriter.FILE_NAME
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
        requireModelFiles(folder, parameters);
        return resume;
    }

    /**
     * Refuses a resume when a file or folder that the run's models read is missing: those the model registries
     * declare for the run's methods ({@link ModelFactory#modelFileKeys}, e.g. {@code iceflow.emulator},
     * {@code smb.climate_file}), then {@code output.observed_file} (when given).
     *
     * @throws InputException naming the first missing one's key and path
     */
    private static void requireModelFiles(Path folder, Parameters p) {
        List<String> keys = new ArrayList<>(ModelFactory.modelFileKeys(p));
        keys.add("output.observed_file");
        for (String key : keys) {
            Path path = p.path(key);
            if (path != null && !Files.exists(path)) {
                throw new InputException("--resume " + folder + ": " + key + " = " + path + " does not exist; the "
                        + "resumed run needs it (the checkpoint holds the glacier's state, not the files the models "
                        + "read)");
            }
        }
    }

    /**
     * The input of the resumed run, from the checkpoint alone: the grid, bed, thickness, ice mask, sliding coefficient
     * and rate factor of the model at the checkpoint's time (the surface is bed + thickness), the projection
     * attributes and the path of the original input file ({@link CheckpointWriter#INPUT_SOURCE}), which need not exist
     * any more. The model built on it is then restored from the checkpoint.
     *
     * @throws InputException when the checkpoint lacks an entry
     */
    public GriddedInput input() {
        RestartState model = state.scope("simulation").scope("model");
        Grid2D grid = model.grid("grid");
        String source = state.text(CheckpointWriter.INPUT_SOURCE);
        if (grid == null || source == null) {
            throw new InputException(file + ": the checkpoint has no " + (grid == null ? "grid (simulation_model_grid)"
                    : "input file path (global attribute " + CheckpointWriter.INPUT_SOURCE + ")"));
        }
        int n = grid.size();
        double[] bed = model.array("bed", n);
        double[] thickness = model.array("thickness", n);
        double[] surface = new double[n];
        for (int k = 0; k < n; k++) {
            surface[k] = bed[k] + thickness[k];
        }
        double[] iceMask = model.array("ice_mask");
        Map<String, String> projection = new LinkedHashMap<>();
        state.texts().forEach((name, value) -> {
            if (name.startsWith(CheckpointWriter.INPUT_PROJECTION)) {
                projection.put(name.substring(CheckpointWriter.INPUT_PROJECTION.length()), value);
            }
        });
        return new GriddedInput(grid, bed, surface, thickness, iceMask == null ? null : model.array("ice_mask", n),
                model.array("sliding_coefficient", n), model.array("rate_factor", n), projection, Path.of(source));
    }

    /** The checkpoint's time, years. */
    public double time() {
        return state.scope("simulation").number("time");
    }

    /**
     * Restores the simulation, the solver statistics, the runaway check's state and the outputs written before the
     * checkpoint (the spatial frames, the time-series rows and the maps) into a run built from {@link #parameters()},
     * and sets the next checkpoint.
     *
     * @throws InputException when the checkpoint does not fit the run (another grid, a missing entry)
     */
    public void restore(Simulation sim, RunOutputs outputs, CheckpointWriter checkpoint) {
        sim.restoreState(state.scope("simulation"));
        Restartable.restoreComponent(outputs.solver(), state, outputs.solver().name());
        Restartable.restoreComponent(sim.runawayCheck(), state, "runaway");
        checkpoint.resumedAt(sim.time());
        try {
            Restartable.restoreComponent(outputs.spatial(), state, outputs.spatial().name());
        } catch (InputException e) {
            throw new InputException(file + ": " + e.getMessage(), e);
        }
        Restartable.restoreComponent(outputs.timeSeries(), state, outputs.timeSeries().name());
        Restartable.restoreComponent(outputs.plots(), state, "plots");
    }
}
