package igm.run;

import igm.io.CheckpointWriter;
import igm.io.GriddedInput;
import igm.io.ObservedComparison;
import igm.params.Parameters;
import igm.physics.iceflow.PhysicsInformedIceFlow;
import igm.simulation.GlacierState;
import igm.simulation.Model;
import igm.simulation.RunawayCheck;
import igm.simulation.Simulation;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A glacier simulation from its settings, as {@code igm run} does it: claims the output folder, reads the input (or
 * a resumed run's checkpoint), builds the model ({@link ModelFactory}), attaches the outputs ({@link RunOutputs}),
 * the progress display, the runaway check and the checkpoint ({@link CheckpointWriter}), handles SIGINT and SIGTERM
 * ({@link StopSignals}), runs, and commits the outputs when the run completed. It prints the run's header, the
 * progress and, when a signal stopped the run, how to resume it.
 */
public final class RunPipeline {

    private final RunSettings settings;
    private final RunResume resume;
    private final Path parameterFile;
    private final boolean overwrite;
    private final boolean progressBar;
    private final PrintStream out;
    private final PrintStream err;

    /**
     * @param settings      the run's settings
     * @param resume        the checkpoint to continue from, or {@code null} for a new run
     * @param parameterFile the parameter file of a new run (kept when {@code overwrite} clears the folder), or
     *                      {@code null}
     * @param overwrite     whether the outputs of an earlier run in the folder are removed (a new run only)
     * @param progressBar   whether a progress bar may be shown (a terminal, not refused by the user)
     * @param out           the log
     * @param err           where a stopped run says how to resume
     */
    public RunPipeline(RunSettings settings, RunResume resume, Path parameterFile, boolean overwrite,
                       boolean progressBar, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.resume = resume;
        this.parameterFile = parameterFile;
        this.overwrite = overwrite;
        this.progressBar = progressBar;
        this.out = out;
        this.err = err;
    }

    /**
     * Runs the simulation.
     *
     * @throws igm.InputException      when the folder, the input or a parameter is refused
     * @throws igm.SimulationException when the run fails (a runaway, a solver that breaks down)
     */
    public RunResult run() {
        Parameters p = settings.parameters();
        Path folder = settings.folder();
        if (resume == null) {
            RunOutputs.claimFolder(folder, overwrite, parameterFile, p);
        }
        GriddedInput input = resume == null ? ModelFactory.readInput(p) : resume.input();
        GlacierState state = ModelFactory.state(p, input);
        ObservedComparison.Observed observed = settings.observedFile() == null ? null
                : ObservedComparison.Observed.read(settings.observedFile(), settings.observedSurfaceName(),
                settings.observedThicknessName(), state.grid());
        Model model = ModelFactory.model(p, state);
        double start = settings.start();
        double end = settings.end();
        out.printf(Locale.ROOT, "%s: %s, grid %s, ice flow %s, SMB %s, %.0f → %.0f%n", settings.name(),
                input.source().getFileName(), state.grid(), model.iceFlow().name(), model.massBalance().name(),
                start, end);
        if (model.iceFlow() instanceof PhysicsInformedIceFlow emulator) {
            out.println(emulator.describe());
        }
        if (resume == null) {
            out.printf(Locale.ROOT, "initial volume %.4f km³, area %.3f km²%n", state.volume() / 1e9,
                    state.area() / 1e6);
        }
        if (start == end) {
            out.println("diagnostic run (time.end = time.start): the velocity of the initial state is computed once "
                    + "and written with it; no time step is taken");
        }
        if (settings.checkpointInterval() > 0 && start < end) {
            out.printf(Locale.ROOT, "checkpoint every %s a: %s%n", settings.checkpointInterval(),
                    folder.resolve(CheckpointWriter.FILE_NAME));
        }
        long t0 = System.nanoTime();
        Simulation sim;
        double from;
        RunOutputs finished;
        try (StopSignals signals = StopSignals.install(); model;
             RunOutputs outputs = new RunOutputs(settings, input, state, observed);
             ProgressCallback progress = new ProgressCallback(settings.name(), start, end,
                     progressBar && settings.progress() && end > start, out)) {
            sim = new Simulation(model, start, end, settings.maxStep()).addStepCallback(progress)
                    .runawayCheck(RunawayCheck.of(settings.runawayLimits()));
            outputs.attachTo(sim);
            CheckpointWriter checkpoint = new CheckpointWriter(folder, p, input,
                    outputs.checkpointed(sim.runawayCheck()), signals::received);
            sim.addAfterStepCallback(checkpoint);
            if (resume != null) {
                resume.restore(sim, outputs, checkpoint);
                out.printf(Locale.ROOT, "resumed from %s at t = %.4f a (step %d): volume %.4f km³, area %.3f km²%n",
                        resume.file(), sim.time(), sim.steps(), state.volume() / 1e9, state.area() / 1e6);
            }
            from = sim.time();
            boolean completed = sim.run();
            progress.close();
            if (!completed) {
                err.println("igm: " + String.format(Locale.ROOT, "interrupted by %s at t = %.4f a after %d steps; "
                                + "checkpoint written to %s%nresume with: igm run --resume %s", signals.name(),
                        sim.time(), sim.steps(), checkpoint.file(), folder));
                return new RunResult(signals.exitCode(), sim, from, (System.nanoTime() - t0) * 1e-9,
                        outputs.solver(), outputs.observed(), folder);
            }
            outputs.commit();
            finished = outputs;
        }
        return new RunResult(0, sim, from, (System.nanoTime() - t0) * 1e-9, finished.solver(), finished.observed(),
                folder);
    }
}
