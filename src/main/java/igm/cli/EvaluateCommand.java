package igm.cli;

import igm.run.ModelFactory;
import igm.InputException;
import igm.Version;
import igm.emulator.Emulator;
import igm.emulator.EmulatorArchitecture;
import igm.emulator.EmulatorManifest;
import igm.emulator.data.ChannelLayout;
import igm.emulator.data.Fidelity;
import igm.io.AtomicOutput;
import igm.io.GriddedInput;
import igm.io.MapPlotter;
import igm.io.TimeSeriesPlotter;
import igm.params.ParameterFile;
import igm.params.Parameters;
import igm.physics.iceflow.IceFlowInput;
import igm.physics.iceflow.IceFlowModel;
import igm.physics.iceflow.IceFlowResult;
import igm.physics.iceflow.LaggedIceFlow;
import igm.simulation.GlacierState;
import igm.simulation.Model;
import igm.simulation.Schedule;
import igm.simulation.Simulation;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code igm evaluate PARAMS.yaml}: the evidence of the paper for our emulators, written to {@code evaluate.folder}
 * as {@code evaluation.md} with its figures.
 *
 * <ul>
 *   <li><b>Table 1 analog</b>: for every emulator folder under {@code evaluate.emulators}, the fidelity (L1 in m/a
 *   and relative L1 of eq. 7 where the instructor's |ū| &gt; 10 m/a) on the instructor runs under
 *   {@code evaluate.data} made by that emulator's instructor with a sliding coefficient it was trained on, every
 *   snapshot, whole grids; with the network's shape and the time of one call on the grid of the parameters' input.
 *   The runs under {@code evaluate.data} are meant to be glaciers the emulators never saw (another seed of
 *   {@code igm generate}).</li>
 *   <li><b>Table 2 analog</b>: the same fidelity for each sliding coefficient of the evaluation runs, marked when the
 *   emulator was not trained on it (interpolation between the training values).</li>
 *   <li><b>Table 4 / Figure 14 analog</b>: the glacier of the parameters (Great Aletsch, never used in training) run
 *   from {@code time.start} to {@code time.end} with the instructor of {@code evaluate.aletsch_emulator} and with
 *   that emulator, the same SMB: volume, area and mean surface speed over time, the thickness RMSE at the end, the
 *   wall times, the speed-up and the share of time spent in the ice flow.</li>
 * </ul>
 */
@Command(name = "evaluate", description = "Measure the emulators' fidelity on held-out instructor runs and their "
        + "speed-up on a glacier run; write the tables and figures to evaluate.folder.")
public final class EvaluateCommand implements Callable<Integer> {

    static final String REPORT_FILE = "evaluation.md";
    static final String TIMESERIES_PNG = "aletsch_timeseries.png";
    static final String TIMESERIES_CSV = "aletsch_timeseries.csv";
    static final String DIFFERENCE_PNG = "aletsch_thickness_difference.png";

    @picocli.CommandLine.Parameters(index = "0", paramLabel = "PARAMS.yaml", description = "parameter file")
    Path parameterFile;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "override a parameter, e.g. --set time.end=2010 (repeatable)")
    List<String> overrides = new ArrayList<>();

    /** One emulator folder, loaded. */
    private record Candidate(Path folder, EmulatorManifest manifest) {
        String name() {
            return folder.getFileName().toString();
        }

        TreeSet<Double> trainedSliding() {
            TreeSet<Double> c = new TreeSet<>();
            Object list = manifest.trainingData().get("sliding_coefficients");
            if (list instanceof List<?> values) {
                for (Object v : values) {
                    c.add(Double.parseDouble(v.toString()));
                }
            }
            return c;
        }
    }

    /** The outcome of one glacier run. */
    private record GlacierRun(String label, double[] times, double[] volume, double[] area, double[] meanSpeed,
                              double[] thickness, double[] surface, double[] midThickness, double wallSeconds,
                              double iceFlowSeconds, long steps, long solves, List<Tracked> tracked) {
    }

    /**
     * A state of a glacier run kept every {@code evaluate.track_interval} years: its thickness, its volume (km³) and, in the
     * instructor's run, the emulator's fidelity on that very state against the instructor's velocity (NaN otherwise).
     */
    private record Tracked(double time, double[] thickness, double volume, double relativeL1, double l1,
                           double instructorSpeed, double emulatorSpeed) {
    }

    /** Mean |ū| over the glacierised cells, m/a. */
    private static double meanDepthAveragedSpeed(double[] h, IceFlowResult flow) {
        return meanOverIce(h, flow.ubar(), flow.vbar());
    }

    /** Mean |(u, v)| over the cells thicker than the area threshold, m/a. */
    private static double meanOverIce(double[] h, double[] u, double[] v) {
        double sum = 0;
        int n = 0;
        for (int k = 0; k < h.length; k++) {
            if (h[k] > GlacierState.AREA_THRESHOLD_METRES) {
                sum += Math.hypot(u[k], v[k]);
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    @Override
    public Integer call() {
        PrintStream out = System.out;
        Parameters p = ParameterFile.load(parameterFile, overrides);
        Path reports = absolute(p, "evaluate.folder");
        Path emulatorRoot = absolute(p, "evaluate.emulators");
        Path dataRoot = absolute(p, "evaluate.data");
        int threads = ModelFactory.iceFlowThreads(p);
        List<Candidate> candidates = emulators(emulatorRoot);
        List<TrainCommand.RunData> runs = evaluationRuns(dataRoot, out);
        out.printf(Locale.ROOT, "igm evaluate: %d emulator(s) in %s, %d evaluation run(s) in %s%n",
                candidates.size(), emulatorRoot, runs.size(), dataRoot);

        GriddedInput input = ModelFactory.readInput(p);
        GlacierState initial = ModelFactory.state(p, input);
        IceFlowInput timingInput = new IceFlowInput(initial.grid(), initial.thickness(), initial.surface(),
                initial.slidingCoefficient(), initial.rateFactor());
        int timingCalls = p.integer("evaluate.timing_calls");

        try {
            Files.createDirectories(reports);
        } catch (IOException e) {
            throw new InputException("evaluate.folder: cannot create " + reports + ": " + e.getMessage(), e);
        }
        StringBuilder md = new StringBuilder();
        md.append("# Emulator evaluation\n\n");
        md.append(String.format(Locale.ROOT, "Written by `igm evaluate %s` (%s), %d thread(s). Evaluation runs: `%s`; "
                        + "emulators: `%s`.%n%n", parameterFile.getFileName(), Version.full(), threads,
                relative(dataRoot), relative(emulatorRoot)));

        // Table 1 and 2
        ChannelLayout layout = ChannelLayout.standard();
        Map<String, Map<Double, Fidelity>> byEmulator = new LinkedHashMap<>();
        Map<String, Double> callSeconds = new LinkedHashMap<>();
        TreeSet<Double> allSliding = new TreeSet<>();
        for (Candidate c : candidates) {
            Map<Double, Fidelity> perSliding = new TreeMap<>();
            try (Emulator e = Emulator.load(c.folder(), c.manifest().gridSpacing(), threads)) {
                for (TrainCommand.RunData r : runs) {
                    if (!TrainCommand.instructorName(r).equals(c.manifest().instructor().name())
                            || !e.matchesResolution(r.data().grid().dx())) {
                        continue;
                    }
                    double slide = sliding(r);
                    allSliding.add(slide);
                    perSliding.computeIfAbsent(slide, k -> new Fidelity()).add(TrainCommand.fidelity(e, r, layout));
                }
            }
            byEmulator.put(c.name(), perSliding);
            callSeconds.put(c.name(), timeEmulator(c, timingInput, threads, timingCalls));
            out.printf(Locale.ROOT, "%s: %s, %.1f ms per call on %s%n", c.name(), describe(trained(c, perSliding)),
                    1e3 * callSeconds.get(c.name()), initial.grid());
        }
        Map<String, Double> instructorCold = new TreeMap<>();
        for (Candidate c : candidates) {
            String method = c.manifest().instructor().name();
            if (!instructorCold.containsKey(method) && isInstructor(method)) {
                IceFlowModel m = ModelFactory.instructor(withMethod(p, method), threads, true);
                long t0 = System.nanoTime();
                m.solve(timingInput);
                instructorCold.put(method, (System.nanoTime() - t0) * 1e-9);
            }
        }
        table1(md, candidates, byEmulator, callSeconds, instructorCold, initial);
        table2(md, candidates, byEmulator, allSliding);

        // Table 4 / Figure 14
        Path folder = p.path("evaluate.aletsch_emulator");
        if (folder != null) {
            EmulatorManifest manifest;
            try (Emulator e = Emulator.load(folder, initial.grid().dx(), threads)) {
                manifest = e.manifest().orElseThrow(() -> new InputException("evaluate.aletsch_emulator = " + folder
                        + " has no manifest.json: its instructor is unknown"));
            }
            String instructor = manifest.instructor().name();
            out.printf(Locale.ROOT, "%s: %.0f → %.0f with %s, then with %s%n", p.string("run.name"),
                    p.number("time.start"), p.number("time.end"), instructor, folder.getFileName());
            GlacierRun a;
            IceFlowModel shadow = ModelFactory.emulator(folder, initial.grid(), threads);
            try {
                a = glacierRun(withMethod(p, instructor), instructor, out, shadow);
            } finally {
                release(shadow);
            }
            GlacierRun b = glacierRun(withEmulator(p, folder), "emulator " + folder.getFileName(), out, null);
            glacierComparison(md, p, reports, a, b, manifest, input);
        }
        AtomicOutput.writeText(reports.resolve(REPORT_FILE), md);
        out.println("report written to " + reports.resolve(REPORT_FILE));
        return 0;
    }

    private static Path absolute(Parameters p, String key) {
        return p.requiredPath(key, "igm evaluate");
    }

    private static String relative(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        return path.startsWith(cwd) ? cwd.relativize(path).toString() : path.toString();
    }

    /** Every folder under {@code root} (or root itself) with a manifest, sorted by name. */
    private static List<Candidate> emulators(Path root) {
        if (!Files.isDirectory(root)) {
            throw new InputException("evaluate.emulators: folder of emulators not found: " + root);
        }
        List<Path> folders = new ArrayList<>();
        if (Files.isRegularFile(root.resolve(EmulatorManifest.FILE_NAME))) {
            folders.add(root);
        } else {
            try (Stream<Path> s = Files.list(root)) {
                s.filter(f -> Files.isRegularFile(f.resolve(EmulatorManifest.FILE_NAME))).sorted()
                        .forEach(folders::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + root, e);
            }
        }
        if (folders.isEmpty()) {
            throw new InputException("evaluate.emulators: " + root + " holds no emulator folder (one with "
                    + EmulatorManifest.FILE_NAME + ")");
        }
        return folders.stream().map(f -> new Candidate(f, EmulatorManifest.read(f.resolve(
                EmulatorManifest.FILE_NAME)))).toList();
    }

    /** The runs of {@code root} and of its sub-folders (one per {@code igm generate}). */
    private static List<TrainCommand.RunData> evaluationRuns(Path root, PrintStream out) {
        if (!Files.isDirectory(root)) {
            throw new InputException("evaluate.data: folder of evaluation runs not found: " + root
                    + " (make it with igm generate, see examples/evaluate)");
        }
        return TrainCommand.readRunTree(root, "evaluate.data", out);
    }

    private static double sliding(TrainCommand.RunData r) {
        String c = r.data().metadata().get("sliding_coefficient");
        if (c == null) {
            throw new InputException(r.data().file() + ": attribute sliding_coefficient is missing");
        }
        return Double.parseDouble(c);
    }

    /** The fidelity over the sliding coefficients the emulator was trained on. */
    private static Fidelity trained(Candidate c, Map<Double, Fidelity> perSliding) {
        Fidelity f = new Fidelity();
        TreeSet<Double> trained = c.trainedSliding();
        perSliding.forEach((slide, fid) -> {
            if (trained.contains(slide)) {
                f.add(fid);
            }
        });
        return f;
    }

    private static String describe(Fidelity f) {
        return f.cells() == 0 ? "no evaluation run of its instructor" : String.format(Locale.ROOT,
                "relative L1 %.2f %%, L1 %.2f m/a over %d cells", 100 * f.relativeL1(), f.l1(), f.cells());
    }

    /** The median of {@code calls} timed calls after two untimed ones, s. */
    private static double timeEmulator(Candidate c, IceFlowInput input, int threads, int calls) {
        IceFlowModel model = ModelFactory.emulator(c.folder(), input.grid(), threads);
        try {
            for (int k = 0; k < 2; k++) {
                model.solve(input);
            }
            double[] t = new double[calls];
            for (int k = 0; k < calls; k++) {
                long t0 = System.nanoTime();
                model.solve(input);
                t[k] = (System.nanoTime() - t0) * 1e-9;
            }
            Arrays.sort(t);
            return t[calls / 2];
        } finally {
            release(model);
        }
    }

    /** Releases the worker threads of an ice-flow model that holds them (an emulator). */
    private static void release(IceFlowModel model) {
        if (model instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static boolean isInstructor(String method) {
        return List.of("sia", "ssa", "hybrid", "blatter").contains(method);
    }

    private Parameters withMethod(Parameters p, String method) {
        if (!isInstructor(method)) {
            throw new InputException("the emulator's instructor '" + method + "' is not a model of this program");
        }
        List<String> o = new ArrayList<>(overrides);
        o.add("iceflow.method=" + method);
        return ParameterFile.load(parameterFile, o);
    }

    private Parameters withEmulator(Parameters p, Path folder) {
        List<String> o = new ArrayList<>(overrides);
        o.add("iceflow.method=emulator");
        o.add("iceflow.emulator=" + folder);
        return ParameterFile.load(parameterFile, o);
    }

    private static void table1(StringBuilder md, List<Candidate> candidates, Map<String, Map<Double, Fidelity>> fid,
                               Map<String, Double> callSeconds, Map<String, Double> instructorCold,
                               GlacierState initial) {
        md.append("## Table 1 analog: fidelity on held-out glaciers and time per call\n\n");
        md.append("Fidelity over every snapshot of the evaluation runs of the emulator's instructor whose sliding "
                + "coefficient was in its training data; relative L1 = Σ|ū_emulator − ū_instructor| / "
                + "Σ|ū_instructor| over the cells where |ū_instructor| > 10 m/a (paper eq. 7), L1 the mean "
                + "|ū_emulator − ū_instructor| there. Time per call on the ")
                .append(initial.grid().nx()).append("×").append(initial.grid().ny())
                .append(" grid of the evaluation glacier (median).\n\n");
        md.append("| emulator | instructor | N_lay | N_feat | N_ker | parameters | epochs | L1 (m/a) | relative L1 | "
                + "fidelity | cells | time per call (ms) |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Candidate c : candidates) {
            EmulatorArchitecture a = c.manifest().architecture();
            Fidelity f = trained(c, fid.get(c.name()));
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %d | %s | %s | %s | %d | %.1f |%n",
                    c.name(), c.manifest().instructor().name(), a.hiddenLayers(), a.filters(), a.kernelSize(),
                    EmulatorArchitecture.parameterCount(a.hiddenLayers(), a.filters(), a.kernelSize(), a.inputs(),
                            a.outputs()), c.manifest().training().epochs(),
                    f.cells() == 0 ? "–" : String.format(Locale.ROOT, "%.2f", f.l1()),
                    f.cells() == 0 ? "–" : String.format(Locale.ROOT, "%.1f %%", 100 * f.relativeL1()),
                    f.cells() == 0 ? "–" : String.format(Locale.ROOT, "%.1f %%", 100 * (1 - f.relativeL1())),
                    f.cells(), 1e3 * callSeconds.get(c.name())));
        }
        md.append('\n');
        if (!instructorCold.isEmpty()) {
            md.append("For comparison, one cold solve of the instructor on the same state: ");
            List<String> parts = new ArrayList<>();
            instructorCold.forEach((m, s) -> parts.add(String.format(Locale.ROOT, "%s %.0f ms", m, 1e3 * s)));
            md.append(String.join(", ", parts)).append(".\n\n");
        }
    }

    private static void table2(StringBuilder md, List<Candidate> candidates, Map<String, Map<Double, Fidelity>> fid,
                               TreeSet<Double> allSliding) {
        md.append("## Table 2 analog: fidelity by sliding coefficient\n\n");
        md.append("Relative L1 (L1 in m/a) on the evaluation runs of each sliding coefficient c (km MPa⁻³ a⁻¹); "
                + "*interp.*: a value the emulator was not trained on.\n\n");
        StringBuilder header = new StringBuilder("| c |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Candidate c : candidates) {
            header.append(' ').append(c.name()).append(" |");
            rule.append("---|");
        }
        md.append(header).append('\n').append(rule).append('\n');
        for (double slide : allSliding) {
            md.append(String.format(Locale.ROOT, "| %s |", format(slide)));
            for (Candidate c : candidates) {
                Fidelity f = fid.get(c.name()).get(slide);
                String mark = c.trainedSliding().contains(slide) ? "" : " *interp.*";
                md.append(f == null || f.cells() == 0 ? " – |" : String.format(Locale.ROOT, " %.1f %% (%.2f)%s |",
                        100 * f.relativeL1(), f.l1(), mark));
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * One glacier run; with {@code shadow} (an emulator) the emulator's fidelity on the run's own states is measured
     * at every tracking time.
     */
    private static GlacierRun glacierRun(Parameters p, String label, PrintStream out, IceFlowModel shadow) {
        GriddedInput input = ModelFactory.readInput(p);
        GlacierState state = ModelFactory.state(p, input);
        Model model = ModelFactory.model(p, state);
        double start = p.number("time.start");
        double end = p.number("time.end");
        List<double[]> rows = new ArrayList<>();
        List<Tracked> tracked = new ArrayList<>();
        double[][] mid = new double[1][];
        double[] shadowSeconds = new double[1];
        long t0 = System.nanoTime();
        Simulation sim;
        try (model) {
            sim = new Simulation(model, start, end, p.number("time.max_step"))
                    .addCallback(Schedule.every(p.number("output.timeseries_interval"), start), (s, t) -> rows.add(
                            new double[] {t, state.volume() / 1e9, state.area() / 1e6, meanSpeed(state,
                                    s.model().flow())}))
                    .addCallback(Schedule.at(0.5 * (start + end)), (s, t) -> mid[0] = state.thickness().clone(),
                            false)
                    // the model's flow is that of the current state when callbacks run
                    .addCallback(Schedule.every(p.number("evaluate.track_interval"), start), (s, t) -> {
                        long s0 = System.nanoTime();
                        tracked.add(track(t, state, s.model().flow(), shadow));
                        shadowSeconds[0] += (System.nanoTime() - s0) * 1e-9;
                    });
            sim.run();
        }
        double wall = (System.nanoTime() - t0) * 1e-9 - shadowSeconds[0];
        long solves = model.iceFlow() instanceof LaggedIceFlow lagged ? lagged.solves() : sim.steps();
        out.printf(Locale.ROOT, "  %s: %d steps, %d ice-flow solves, %.1f s (ice flow %.0f %%), final volume %.4f km³%n",
                label, sim.steps(), solves, wall, 100 * model.iceFlowSeconds() / wall, state.volume() / 1e9);
        double[][] cols = new double[4][rows.size()];
        for (int k = 0; k < rows.size(); k++) {
            for (int c = 0; c < 4; c++) {
                cols[c][k] = rows.get(k)[c];
            }
        }
        return new GlacierRun(label, cols[0], cols[1], cols[2], cols[3], state.thickness().clone(),
                state.surface().clone(), mid[0], wall, model.iceFlowSeconds(), sim.steps(), solves,
                List.copyOf(tracked));
    }

    /** The state at time t; with {@code shadow}, the emulator's fidelity on it against the run's own flow. */
    private static Tracked track(double t, GlacierState state, IceFlowResult flow, IceFlowModel shadow) {
        double[] h = state.thickness().clone();
        double volume = state.volume() / 1e9;
        if (shadow == null) {
            return new Tracked(t, h, volume, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        IceFlowResult e = shadow.solve(new IceFlowInput(state.grid(), state.thickness(), state.surface(),
                state.slidingCoefficient(), state.rateFactor()));
        Fidelity f = new Fidelity().add(flow.ubar(), flow.vbar(), e.ubar(), e.vbar());
        return new Tracked(t, h, volume, f.relativeL1(), f.l1(), meanDepthAveragedSpeed(h, flow),
                meanDepthAveragedSpeed(h, e));
    }

    /** Mean surface speed over the glacierised area (thickness above the area threshold), m/a. */
    private static double meanSpeed(GlacierState state, IceFlowResult flow) {
        return meanOverIce(state.thickness(), flow.uSurface(), flow.vSurface());
    }

    private static void glacierComparison(StringBuilder md, Parameters p, Path reports, GlacierRun a, GlacierRun b,
                                          EmulatorManifest manifest, GriddedInput input) {
        double[] ha = a.thickness();
        double[] hb = b.thickness();
        int n = 0;
        double[] difference = new double[ha.length];
        double[] either = new double[ha.length];
        double largest = 0;
        for (int k = 0; k < ha.length; k++) {
            difference[k] = hb[k] - ha[k];
            either[k] = Math.max(ha[k], hb[k]);
            if (either[k] > 0) {
                n++;
                largest = Math.max(largest, Math.abs(difference[k]));
            }
        }
        double rmse = rmse(ha, hb);
        double midRmse = rmse(a.midThickness(), b.midThickness());
        int m = Math.min(a.times().length, b.times().length);
        int worst = 0;
        for (int k = 0; k < m; k++) {
            if (Math.abs(b.volume()[k] - a.volume()[k]) > Math.abs(b.volume()[worst] - a.volume()[worst])) {
                worst = k;
            }
        }
        String glacier = p.string("run.name");
        md.append("## Table 4 / Figure 14 analog: ").append(glacier).append(", instructor against emulator\n\n");
        md.append(String.format(Locale.ROOT, "%s (%s, never used in training), %.0f → %.0f, the same SMB; instructor "
                        + "%s, emulator `%s` (%d×%d, N_ker %d). Thickness RMSE at the end over the cells with ice in "
                        + "either run: **%.1f m** (largest difference %.0f m, %d cells); half-way, in %.0f: %.1f m. "
                        + "The largest volume difference: %+.3f km³ (%+.1f %% of the instructor's %.3f km³) in %.0f.%n%n",
                glacier, input.source().getFileName(), p.number("time.start"), p.number("time.end"),
                manifest.instructor().name(), manifest.name(), manifest.architecture().hiddenLayers(),
                manifest.architecture().filters(), manifest.architecture().kernelSize(), rmse, largest, n,
                0.5 * (p.number("time.start") + p.number("time.end")), midRmse,
                b.volume()[worst] - a.volume()[worst], 100 * (b.volume()[worst] / a.volume()[worst] - 1),
                a.volume()[worst], a.times()[worst]));
        md.append("| model | wall time (s) | time in ice flow | time steps | ice-flow solves | final volume (km³) | "
                + "final area (km²) | speed-up |\n|---|---|---|---|---|---|---|---|\n");
        for (GlacierRun r : List.of(a, b)) {
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %.0f %% | %d | %d | %.4f | %.3f | %s |%n", r.label(),
                    r.wallSeconds(), 100 * r.iceFlowSeconds() / r.wallSeconds(), r.steps(), r.solves(),
                    r.volume()[r.volume().length - 1], r.area()[r.area().length - 1],
                    r == a ? "1" : String.format(Locale.ROOT, "%.1f× (ice flow alone %.1f×)",
                            a.wallSeconds() / b.wallSeconds(), a.iceFlowSeconds() / b.iceFlowSeconds())));
        }
        md.append(String.format(Locale.ROOT, "%nPer ice-flow call: instructor %.1f ms per solve (%d solves), emulator "
                        + "%.1f ms per call (%d calls).%n%n", 1e3 * a.iceFlowSeconds() / Math.max(1, a.solves()),
                a.solves(), 1e3 * b.iceFlowSeconds() / Math.max(1, b.solves()), b.solves()));
        trackingTable(md, a, b);
        md.append("![").append(glacier).append(" time series](").append(TIMESERIES_PNG).append(")\n\n");
        md.append("![thickness difference](").append(DIFFERENCE_PNG).append(")\n\n");

        double[] t = a.times().length <= b.times().length ? a.times() : b.times();
        TimeSeriesPlotter.plotShared(reports.resolve(TIMESERIES_PNG), glacier + ": " + a.label() + " and "
                + b.label(), t, List.of(
                shared("Ice volume", "km³", a, b, a.volume(), b.volume(), m),
                shared("Glacierised area", "km²", a, b, a.area(), b.area(), m),
                shared("Mean surface speed", "m/a", a, b, a.meanSpeed(), b.meanSpeed(), m)));
        StringBuilder csv = new StringBuilder("time,volume_instructor_km3,volume_emulator_km3,area_instructor_km2,"
                + "area_emulator_km2,mean_speed_instructor_m_per_a,mean_speed_emulator_m_per_a\n");
        for (int k = 0; k < m; k++) {
            csv.append(String.format(Locale.ROOT, "%.3f,%.6f,%.6f,%.5f,%.5f,%.3f,%.3f%n", t[k], a.volume()[k],
                    b.volume()[k], a.area()[k], b.area()[k], a.meanSpeed()[k], b.meanSpeed()[k]));
        }
        AtomicOutput.writeText(reports.resolve(TIMESERIES_CSV), csv);
        double range = Math.max(1, Math.ceil(largest / 10) * 10);
        MapPlotter.plotDifference(reports.resolve(DIFFERENCE_PNG), input.grid(), difference, b.surface(), either,
                String.format(Locale.ROOT, "Thickness, emulator − instructor, year %.0f (RMSE %.1f m)",
                        p.number("time.end"), rmse), "m", range);
    }

    /**
     * Every tracking time: the thickness RMSE between the runs, their volumes, and the emulator's fidelity on the
     * instructor's state of that time (its error without the drift of its own run).
     */
    private static void trackingTable(StringBuilder md, GlacierRun a, GlacierRun b) {
        int m = Math.min(a.tracked().size(), b.tracked().size());
        if (m == 0) {
            return;
        }
        double worst = -1;
        double worstTime = Double.NaN;
        StringBuilder rows = new StringBuilder();
        for (int k = 0; k < m; k++) {
            Tracked x = a.tracked().get(k);
            Tracked y = b.tracked().get(k);
            double r = rmse(x.thickness(), y.thickness());
            if (r > worst) {
                worst = r;
                worstTime = x.time();
            }
            rows.append(String.format(Locale.ROOT, "| %.0f | %.1f | %.3f | %.3f | %.1f %% | %.2f | %.1f | %.1f |%n",
                    x.time(), r, x.volume(), y.volume(), 100 * x.relativeL1(), x.l1(),
                    x.instructorSpeed(), x.emulatorSpeed()));
        }
        md.append(String.format(Locale.ROOT, "Over time (the largest thickness RMSE of these years: **%.1f m** in "
                + "%.0f). The last four columns put the emulator on the instructor's own state of that year, free of "
                + "the drift of its own run: its relative L1 and L1 against the instructor's ū, and both mean |ū| over "
                + "the ice.%n%n", worst, worstTime));
        md.append("| year | thickness RMSE (m) | volume, instructor (km³) | volume, emulator (km³) | relative L1 on the "
                + "instructor's state | L1 (m/a) | mean \\|ū\\|, instructor (m/a) | mean \\|ū\\|, emulator (m/a) |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        md.append(rows).append('\n');
    }

    /** Root-mean-square difference over the cells with ice in either field, m; NaN when either is missing. */
    private static double rmse(double[] a, double[] b) {
        if (a == null || b == null) {
            return Double.NaN;
        }
        double sum = 0;
        int n = 0;
        for (int k = 0; k < a.length; k++) {
            if (a[k] > 0 || b[k] > 0) {
                sum += (a[k] - b[k]) * (a[k] - b[k]);
                n++;
            }
        }
        return n == 0 ? 0 : Math.sqrt(sum / n);
    }

    private static TimeSeriesPlotter.SharedPanel shared(String label, String units, GlacierRun a, GlacierRun b,
                                                        double[] va, double[] vb, int m) {
        SequencedMap<String, double[]> series = new LinkedHashMap<>();
        series.put(a.label(), Arrays.copyOf(va, m));
        series.put(b.label(), Arrays.copyOf(vb, m));
        return new TimeSeriesPlotter.SharedPanel(label, units, series);
    }
}
