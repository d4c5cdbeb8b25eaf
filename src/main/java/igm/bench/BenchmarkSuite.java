package igm.bench;

import igm.InputException;
import igm.SharedData;
import igm.emulator.ConvLayer;
import igm.emulator.ConvNet;
import igm.emulator.KerasModelReader;
import igm.io.GriddedInput;
import igm.params.ParameterFile;
import igm.params.Parameters;
import igm.physics.iceflow.IterativeIceFlow;
import igm.physics.iceflow.SolverReport;
import igm.run.ModelFactory;
import igm.simulation.GlacierState;
import igm.simulation.Model;
import igm.simulation.RunawayCheck;
import igm.simulation.Simulation;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What {@code igm bench} measures: the emulator's time per call and GFLOP/s on the Aletsch grid and on 512×512 as a
 * fraction of the peak {@link PeakThroughput} measures in the same run, the time of one diagnostic solve of each
 * ice-flow model on the bundled example from a cold and a warm start (with the iterations and final residual of
 * iterative solvers), and whole-run simulated years per second of the example. Figures are printed, never asserted.
 */
public final class BenchmarkSuite {

    /**
     * What to measure.
     *
     * @param threads    threads of the emulator, ≥ 1
     * @param iterations timed emulator calls per grid, ≥ 1
     * @param emulator   emulator folder, or {@code null} for IGM's f15 in the shared data (random weights without it)
     * @param example    parameter file of the diagnostic solves and whole runs
     * @param years      simulated years of each whole run, &gt; 0
     * @param skipRuns   only the emulator kernel
     * @param solvers    ice-flow models whose single diagnostic solve is timed, cold and warm
     * @param sliding    uniform Weertman sliding coefficient of the diagnostic solves, km MPa⁻³ a⁻¹
     * @param runs       ice-flow models of the whole-run benchmark
     */
    public record Settings(int threads, int iterations, Path emulator, Path example, double years, boolean skipRuns,
                           List<String> solvers, double sliding, List<String> runs) {

        public Settings {
            if (threads < 1 || iterations < 1 || !(years > 0)) {
                throw new IllegalArgumentException("bench: threads " + threads + " and iterations " + iterations
                        + " must be ≥ 1 and years " + years + " > 0");
            }
            solvers = List.copyOf(solvers);
            runs = List.copyOf(runs);
        }
    }

    private final Settings settings;
    private final PrintStream out;

    public BenchmarkSuite(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /**
     * Runs the benchmarks and prints their figures to the stream given at construction.
     *
     * @return 0 (a benchmark that cannot run says why and is skipped)
     */
    public int run() {
        int threads = settings.threads();
        int iterations = settings.iterations();
        Path emulator = settings.emulator();
        Path example = settings.example();
        double years = settings.years();
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf(Locale.ROOT, "machine: %d cores, Java %s, vector species %s%n", cores, Runtime.version(),
                jdk.incubator.vector.FloatVector.SPECIES_PREFERRED);
        double peak = PeakThroughput.measure(threads, 3, 200);
        out.printf(Locale.ROOT, "measured fp32 FMA peak, %d threads: %.0f GFLOP/s%n", threads, peak);
        Path folder = emulator != null ? emulator : SharedData.f15EmulatorFolder();
        ConvNet net;
        if (folder != null && Files.isRegularFile(folder.resolve("100").resolve("model.h5"))) {
            net = KerasModelReader.read(folder.resolve("100").resolve("model.h5"), threads);
            out.println("network: " + folder.resolve("100") + ": " + net.describe());
        } else if (folder != null && Files.isRegularFile(folder.resolve("model.h5"))) {
            net = KerasModelReader.read(folder.resolve("model.h5"), threads);
            out.println("network: " + folder + ": " + net.describe());
        } else {
            net = randomNetwork(16, 32, 3, 5, 6, threads);
            out.println("network: f15 architecture with seeded random weights (no emulator found): "
                    + net.describe());
        }
        try (net) {
            for (int[] size : new int[][]{{179, 244}, {512, 512}}) {
                EmulatorBenchmark.Result r = EmulatorBenchmark.run(net, size[0], size[1], threads, 3, iterations);
                out.printf(Locale.ROOT, "emulator %4d×%-4d %d threads: %7.1f ms per call (min %.1f, max %.1f), "
                                + "%.2f GFLOP per call, %5.1f GFLOP/s = %.0f%% of the measured peak%n",
                        size[0], size[1], threads, r.medianMs(), r.minMs(), r.maxMs(), r.flopsPerCall() / 1e9,
                        r.medianGflops(), 100 * r.medianGflops() / peak);
            }
        }
        if (settings.skipRuns()) {
            return 0;
        }
        if (!Files.isRegularFile(example)) {
            out.println("whole-run benchmark skipped: " + example + " not found (run from the repository root)");
            return 0;
        }
        physicsInformedIteration(threads, iterations, peak);
        for (String method : settings.solvers()) {
            diagnosticSolves(method);
        }
        double siaRate = Double.NaN;
        for (String method : settings.runs()) {
            List<String> overrides = new ArrayList<>(List.of("iceflow.method=" + method));
            if (emulator != null) {
                overrides.add("iceflow.emulator=" + emulator.toAbsolutePath());
            }
            Parameters p;
            try {
                p = ParameterFile.load(example, overrides);
                if (method.equals("emulator") && (p.path("iceflow.emulator") == null
                        || !Files.isDirectory(p.path("iceflow.emulator")))) {
                    out.println("whole run with the emulator skipped: no emulator folder at "
                            + p.path("iceflow.emulator"));
                    continue;
                }
            } catch (InputException e) {
                out.println("whole run with " + method + " skipped: " + e.getMessage());
                continue;
            }
            GriddedInput input = ModelFactory.readInput(p);
            GlacierState state = ModelFactory.state(p, input);
            Model model = ModelFactory.model(p, state);
            double start = p.number("time.start");
            Simulation sim = new Simulation(model, start, start + years, p.number("time.max_step"))
                    .runawayCheck(RunawayCheck.of(p));
            long t0 = System.nanoTime();
            try (model) {
                sim.run();
            }
            double wall = (System.nanoTime() - t0) * 1e-9;
            double rate = years / wall;
            out.printf(Locale.ROOT, "whole run %-8s %s, %g years: %d steps (mean %.4f a) in %.1f s = "
                            + "%.2f simulated years per second; ice flow %.0f%% of the time%n", method, state.grid(),
                    years, sim.steps(), years / sim.steps(), wall, rate, 100 * model.iceFlowSeconds() / wall);
            if (method.equals("sia")) {
                siaRate = rate;
            } else if (!Double.isNaN(siaRate)) {
                out.printf(Locale.ROOT, "%s / sia whole-run speed ratio: %.2f%n", method, rate / siaRate);
            }
        }
        return 0;
    }


    /**
     * Times one training iteration of a physics-informed network (16 layers of 32 filters, the blatter solver's
     * levels) on the example's initial state ({@link PhysicsInformedBenchmark}).
     */
    private void physicsInformedIteration(int threads, int iterations, double peak) {
        Parameters p;
        try {
            p = ParameterFile.load(settings.example(), List.of());
        } catch (InputException e) {
            out.println("physics-informed training iteration skipped: " + e.getMessage());
            return;
        }
        GlacierState state = ModelFactory.state(p, ModelFactory.readInput(p));
        PhysicsInformedBenchmark.Result r = PhysicsInformedBenchmark.run(state, 16, 32,
                p.integer("iceflow.blatter_levels"), threads, 2, iterations);
        out.println(r.describe(peak) + " (" + state.grid() + ")");
    }

    /**
     * Times one diagnostic solve of {@code method} on the example's initial state from a cold start, then, after one
     * time step of the coupled model has changed the geometry, the next solve (warm for iterative models), printing
     * the iterations and final residual of iterative solvers.
     */
    private void diagnosticSolves(String method) {
        Path example = settings.example();
        double sliding = settings.sliding();
        Parameters p;
        try {
            p = ParameterFile.load(example, List.of("iceflow.method=" + method,
                    "iceflow.sliding_coefficient=" + sliding));
        } catch (InputException e) {
            out.println("diagnostic solve with " + method + " skipped: " + e.getMessage());
            return;
        }
        GlacierState state = ModelFactory.state(p, ModelFactory.readInput(p));
        try (Model model = ModelFactory.model(p, state)) {
            double start = p.number("time.start");
            for (String phase : List.of("cold", "warm")) {
                if (phase.equals("warm")) {
                    model.advance(Math.min(model.stableTimeStep(), p.number("time.max_step")));
                }
                long t0 = System.nanoTime();
                model.updateDiagnostics(start);
                double seconds = (System.nanoTime() - t0) * 1e-9;
                String detail = "";
                if (model.iceFlow() instanceof IterativeIceFlow iterative && iterative.lastReport() != null) {
                    SolverReport r = iterative.lastReport();
                    detail = String.format(Locale.ROOT, ", %d iterations (%d linear), %s %.2e%s%s",
                            r.nonlinearIterations(), r.linearIterations(), r.measure(), r.residual(),
                            r.converged() ? "" : " NOT CONVERGED", r.warmStart() ? ", warm-started" : "");
                }
                out.printf(Locale.ROOT, "diagnostic solve %-8s %s, c = %g, %s start: %.3f s%s%n", method,
                        state.grid(), sliding, phase, seconds, detail);
            }
        }
    }

    /** A network of the paper's architecture with weights drawn from a seeded generator (He-like scale). */
    private static ConvNet randomNetwork(int layers, int filters, int kernel, int inputs, int outputs, int threads) {
        SplittableRandom random = new SplittableRandom(42);
        List<ConvLayer> list = new ArrayList<>();
        int in = inputs;
        for (int l = 0; l <= layers; l++) {
            boolean last = l == layers;
            int k = last ? 1 : kernel;
            int out = last ? outputs : filters;
            float[] w = new float[k * k * in * out];
            double scale = Math.sqrt(2.0 / (k * k * in));
            for (int t = 0; t < w.length; t++) {
                w[t] = (float) (scale * random.nextDouble(-1, 1));
            }
            list.add(new ConvLayer(k, in, out, w, new float[out], !last));
            in = out;
        }
        return new ConvNet(list, 0.01, threads);
    }
}
