package igm.cli;

import igm.params.ParameterFile;
import igm.physics.iceflow.PhysicsInformedIceFlow;
import igm.physics.transport.MassBudget;
import igm.run.RunPipeline;
import igm.run.RunResult;
import igm.run.RunResume;
import igm.run.RunSettings;
import igm.simulation.GlacierState;
import igm.simulation.Model;
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
import java.util.stream.Collectors;

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
        RunSettings settings = RunSettings.of(resume == null ? ParameterFile.load(parameterFile, overrides)
                : resume.parameters());
        RunResult result = new RunPipeline(settings, resume, parameterFile, overwrite,
                !noProgress && System.console() != null, out, System.err).run();
        if (!result.completed()) {
            return result.exitCode();
        }
        Simulation sim = result.simulation();
        Model model = sim.model();
        GlacierState state = model.state();
        double wall = result.wallSeconds();
        if (sim.isDiagnostic()) {
            out.printf(Locale.ROOT, "done: diagnostic run in %.1f s%n", wall);
        } else {
            out.printf(Locale.ROOT, "done: %d steps (%.4f to %.4f a) in %.1f s, %.2f simulated years per second%n",
                    sim.steps(), sim.smallestStep(), sim.largestStep(), wall, (settings.end() - result.fromTime())
                            / wall);
            out.println("time steps set by: " + sim.stepLimits().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        }
        out.printf(Locale.ROOT, "final volume %.4f km³, area %.3f km²; time in ice flow %.0f%%, SMB %.0f%%, "
                        + "transport %.0f%%%n", state.volume() / 1e9, state.area() / 1e6,
                100 * model.iceFlowSeconds() / wall, 100 * model.massBalanceSeconds() / wall,
                100 * model.transportSeconds() / wall);
        if (result.solver().solves() > 0) {
            out.println(result.solver().summary());
        }
        if (model.iceFlow() instanceof PhysicsInformedIceFlow emulator && emulator.retraining().trains()) {
            PhysicsInformedIceFlow.Statistics r = emulator.statistics();
            out.printf(Locale.ROOT, "emulator training: %s; time in training %.1f s (%.0f%%)%n", r.describe(),
                    r.seconds(), 100 * r.seconds() / wall);
        }
        MassBudget b = model.budget();
        out.printf(Locale.ROOT, "mass budget: ΔV %.6f = SMB on ice %.6f − outflow %.6f + clipping %.6f km³, "
                        + "residual %.2e km³ (relative %.1e); ablation on ice-free ground %.6f km³ (not in the "
                        + "budget)%n", b.volumeChange() / 1e9, b.smbVolume() / 1e9, b.outflowVolume() / 1e9,
                b.clippedVolume() / 1e9, b.residual() / 1e9, b.relativeResidual(), b.iceFreeAblationVolume() / 1e9);
        if (result.observed() != null) {
            out.println(result.observed().summary());
        }
        out.println("outputs in " + result.folder());
        return 0;
    }
}
