package igm.cli;

import igm.io.GriddedInput;
import igm.io.params.ParameterFile;
import igm.io.params.Parameters;
import igm.physics.transport.MassBudget;
import igm.simulation.GlacierState;
import igm.simulation.Model;
import igm.simulation.RunawayCheck;
import igm.simulation.Schedule;
import igm.simulation.Simulation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code igm run PARAMS.yaml [--set key=value ...]}: runs a glacier simulation and writes its outputs. */
@Command(name = "run", description = "Run a glacier simulation described by a YAML parameter file.")
public final class RunCommand implements Callable<Integer> {

    @picocli.CommandLine.Parameters(index = "0", paramLabel = "PARAMS.yaml", description = "parameter file")
    Path parameterFile;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "override a parameter, e.g. --set time.end=2050 (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--no-progress", description = "plain log lines instead of a progress bar")
    boolean noProgress;

    @Option(names = "--overwrite", description = "remove the outputs of an earlier run in output.folder (only the "
            + "files igm run writes) instead of refusing the folder")
    boolean overwrite;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        Parameters p = ParameterFile.load(parameterFile, overrides);
        Path folder = p.requiredPath("output.folder", "igm run");
        RunOutputs.claimFolder(folder, overwrite, parameterFile);
        GriddedInput input = ModelBuilder.readInput(p);
        GlacierState state = ModelBuilder.state(p, input);
        Path observedFile = p.path("output.observed_file");
        ObservedComparison.Observed observed = observedFile == null ? null : ObservedComparison.Observed.read(
                observedFile, p.string("output.observed_usurf"), p.string("output.observed_thk"), state.grid());
        Model model = ModelBuilder.model(p, state);
        out.printf(Locale.ROOT, "%s: %s, grid %s, ice flow %s, SMB %s, %.0f → %.0f%n",
                p.string("run.name"), input.source().getFileName(), state.grid(), model.iceFlow().name(),
                model.massBalance().name(), p.number("time.start"), p.number("time.end"));
        out.printf(Locale.ROOT, "initial volume %.4f km³, area %.3f km²%n", state.volume() / 1e9,
                state.area() / 1e6);

        double start = p.number("time.start");
        double end = p.number("time.end");
        long t0 = System.nanoTime();
        Simulation sim;
        SolverStatistics solver = new SolverStatistics();
        try (model; RunOutputs outputs = new RunOutputs(folder, p, input);
             ProgressCallback progress = new ProgressCallback(p.string("run.name"), start, end,
                     !noProgress && p.bool("output.progress") && System.console() != null, out)) {
            sim = new Simulation(model, start, end, p.number("time.max_step"))
                    .addCallback(Schedule.every(p.number("output.interval"), start), outputs::writeSpatial)
                    .addCallback(Schedule.every(p.number("output.timeseries_interval"), start),
                            outputs::recordTimeSeries)
                    .addCallback(plotSchedule(p, start, end), outputs::plotMaps, false)
                    .addStepCallback(progress)
                    .addStepCallback(solver);
            if (p.bool("run.runaway_check")) {
                sim.addStepCallback(new RunawayCheck(new RunawayCheck.Limits(p.number("run.max_thickness"),
                        p.number("run.max_speed"), p.number("run.max_smb"), p.number("run.min_step"),
                        p.integer("run.min_step_count"))));
            }
            sim.run();
            progress.close();
            outputs.commit();
        }
        double wall = (System.nanoTime() - t0) * 1e-9;
        MassBudget b = model.budget();
        out.printf(Locale.ROOT, "done: %d steps (%.4f to %.4f a) in %.1f s, %.2f simulated years per second%n",
                sim.steps(), sim.smallestStep(), sim.largestStep(), wall, (end - start) / wall);
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

    private static Schedule plotSchedule(Parameters p, double start, double end) {
        List<Double> times = p.numberList("output.plot_times");
        if (times.isEmpty()) {
            return Schedule.at(start, 0.5 * (start + end), end);
        }
        return Schedule.at(times.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
