package igm.cli;

import igm.run.ModelFactory;
import igm.io.GriddedInput;
import igm.params.ParameterFile;
import igm.params.Parameters;
import igm.physics.transport.MassBudget;
import igm.simulation.GlacierState;
import igm.simulation.Model;
import igm.simulation.RunawayCheck;
import igm.simulation.Schedule;
import igm.simulation.Simulation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code igm run PARAMS.yaml [--set key=value ...]}: runs a glacier simulation and writes its outputs;
 * {@code igm run --resume FOLDER [--set time.end=T]} continues the run whose checkpoint is in FOLDER. Exit codes: 0
 * done, 1 failure, 2 bad usage, 130 / 143 stopped by SIGINT / SIGTERM after writing a checkpoint.
 */
@Command(name = "run", description = "Run a glacier simulation described by a YAML parameter file, or resume one "
        + "from its checkpoint. Exit codes: 0 done, 1 failure, 2 bad usage, 130/143 stopped by SIGINT/SIGTERM "
        + "(a checkpoint is written first; continue with --resume FOLDER).")
public final class RunCommand implements Callable<Integer> {

    @picocli.CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "PARAMS.yaml",
            description = "parameter file (not with --resume)")
    Path parameterFile;

    @Option(names = "--resume", paramLabel = "FOLDER", description = "continue the run whose checkpoint.nc is in "
            + "FOLDER (written every output.checkpoint_interval years and on SIGINT/SIGTERM), with its own "
            + "parameters; --set may change only time.end")
    Path resumeFolder;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "override a parameter, e.g. --set time.end=2050 (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--no-progress", description = "plain log lines instead of a progress bar")
    boolean noProgress;

    @Option(names = "--overwrite", description = "remove the outputs of an earlier run in output.folder (only the "
            + "files igm run writes) instead of refusing the folder; not with --resume")
    boolean overwrite;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        if ((parameterFile == null) == (resumeFolder == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "igm run needs either a parameter file or "
                    + "--resume FOLDER" + (parameterFile != null ? ", not both" : ""));
        }
        if (resumeFolder != null && overwrite) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--overwrite is for a new run, not with "
                    + "--resume (a resumed run continues the outputs of its folder)");
        }
        RunResume resume = resumeFolder == null ? null : RunResume.open(resumeFolder, overrides);
        Parameters p = resume == null ? ParameterFile.load(parameterFile, overrides) : resume.parameters();
        Path folder = resume != null ? resume.folder() : p.requiredPath("output.folder", "igm run");
        if (resume == null) {
            RunOutputs.claimFolder(folder, overwrite, parameterFile, p);
        }
        GriddedInput input = resume == null ? ModelFactory.readInput(p) : resume.input();
        GlacierState state = ModelFactory.state(p, input);
        Path observedFile = p.path("output.observed_file");
        ObservedComparison.Observed observed = observedFile == null ? null : ObservedComparison.Observed.read(
                observedFile, p.string("output.observed_usurf"), p.string("output.observed_thk"), state.grid());
        Model model = ModelFactory.model(p, state);
        out.printf(Locale.ROOT, "%s: %s, grid %s, ice flow %s, SMB %s, %.0f → %.0f%n",
                p.string("run.name"), input.source().getFileName(), state.grid(), model.iceFlow().name(),
                model.massBalance().name(), p.number("time.start"), p.number("time.end"));
        double start = p.number("time.start");
        double end = p.number("time.end");
        if (resume == null) {
            out.printf(Locale.ROOT, "initial volume %.4f km³, area %.3f km²%n", state.volume() / 1e9,
                    state.area() / 1e6);
        }
        if (start == end) {
            out.println("diagnostic run (time.end = time.start): the velocity of the initial state is computed once "
                    + "and written with it; no time step is taken");
        }
        if (p.number("output.checkpoint_interval") > 0 && start < end) {
            out.printf(Locale.ROOT, "checkpoint every %s a: %s%n", p.number("output.checkpoint_interval"),
                    folder.resolve(RunCheckpoint.FILE_NAME));
        }
        long t0 = System.nanoTime();
        Simulation sim;
        double from;
        boolean completed;
        SolverStatistics solver = new SolverStatistics();
        try (StopSignals signals = StopSignals.install(); model;
             RunOutputs outputs = new RunOutputs(folder, p, input);
             ProgressCallback progress = new ProgressCallback(p.string("run.name"), start, end,
                     !noProgress && p.bool("output.progress") && System.console() != null && end > start, out)) {
            RunawayCheck runaway = p.bool("run.runaway_check") ? new RunawayCheck(new RunawayCheck.Limits(
                    p.number("run.max_thickness"), p.number("run.max_speed"), p.number("run.max_smb"),
                    p.number("run.min_step"), p.integer("run.min_step_count"))) : null;
            RunCheckpoint checkpoint = new RunCheckpoint(folder, p, input, outputs, solver, signals, runaway);
            sim = new Simulation(model, start, end, p.number("time.max_step"))
                    .addCallback(Schedule.every(p.number("output.interval"), start), outputs::writeSpatial)
                    .addCallback(Schedule.every(p.number("output.timeseries_interval"), start),
                            outputs::recordTimeSeries)
                    .addCallback(plotSchedule(p, start, end), outputs::plotMaps, false)
                    .addStepCallback(progress)
                    .addStepCallback(solver)
                    .addAfterStepCallback(checkpoint);
            if (runaway != null) {
                sim.addStepCallback(runaway);
            }
            if (resume != null) {
                resume.restore(sim, outputs, solver, checkpoint, runaway);
                out.printf(Locale.ROOT, "resumed from %s at t = %.4f a (step %d): volume %.4f km³, area %.3f km²%n",
                        resume.file(), sim.time(), sim.steps(), state.volume() / 1e9, state.area() / 1e6);
            }
            from = sim.time();
            completed = sim.run();
            progress.close();
            if (completed) {
                outputs.commit();
            } else {
                System.err.println("igm: " + checkpoint.stopMessage(sim));
                return signals.exitCode();
            }
        }
        double wall = (System.nanoTime() - t0) * 1e-9;
        MassBudget b = model.budget();
        if (sim.isDiagnostic()) {
            out.printf(Locale.ROOT, "done: diagnostic run in %.1f s%n", wall);
        } else {
            out.printf(Locale.ROOT, "done: %d steps (%.4f to %.4f a) in %.1f s, %.2f simulated years per second%n",
                    sim.steps(), sim.smallestStep(), sim.largestStep(), wall, (end - from) / wall);
        }
        out.printf(Locale.ROOT, "final volume %.4f km³, area %.3f km²; time in ice flow %.0f%%, SMB %.0f%%, "
                        + "transport %.0f%%%n", state.volume() / 1e9, state.area() / 1e6,
                100 * model.iceFlowSeconds() / wall, 100 * model.massBalanceSeconds() / wall,
                100 * model.transportSeconds() / wall);
        if (solver.solves() > 0) {
            out.println(solver.summary());
        }
        out.printf(Locale.ROOT, "mass budget: ΔV %.6f = SMB on ice %.6f − outflow %.6f + clipping %.6f km³, "
                        + "residual %.2e km³ (relative %.1e); ablation on ice-free ground %.6f km³ (not in the "
                        + "budget)%n", b.volumeChange() / 1e9, b.smbVolume() / 1e9, b.outflowVolume() / 1e9,
                b.clippedVolume() / 1e9, b.residual() / 1e9, b.relativeResidual(), b.iceFreeAblationVolume() / 1e9);
        if (observed != null) {
            ObservedComparison c = ObservedComparison.of(state, observed);
            out.printf(Locale.ROOT, "against %s: volume %.4f km³ modelled, %.4f km³ observed (%+.1f%%); surface "
                            + "over the %d observed ice cells: mean difference %+.1f m, mean absolute %.1f m%n",
                    observed.file().getFileName(), c.modelledVolume() / 1e9, c.observedVolume() / 1e9,
                    100 * (c.modelledVolume() / c.observedVolume() - 1), c.cells(), c.meanSurfaceDifference(),
                    c.meanAbsoluteDifference());
        }
        out.println("outputs in " + folder);
        return 0;
    }

    /**
     * The times of the maps: {@code output.plot_times}, or start, middle and end when it is empty. Times after the
     * end are replaced by the end, so that a run shorter than its plot times still maps its final state.
     */
    static Schedule plotSchedule(Parameters p, double start, double end) {
        List<Double> times = p.numberList("output.plot_times");
        if (times.isEmpty()) {
            return Schedule.at(start, 0.5 * (start + end), end);
        }
        return Schedule.at(times.stream().mapToDouble(t -> Math.min(t, end)).distinct().toArray());
    }
}
