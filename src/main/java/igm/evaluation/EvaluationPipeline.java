package igm.evaluation;

import igm.InputException;
import igm.Version;
import igm.emulator.Emulator;
import igm.emulator.EmulatorManifest;
import igm.emulator.data.ChannelLayout;
import igm.emulator.data.Fidelity;
import igm.field.FieldSpec;
import igm.io.AtomicOutput;
import igm.io.GriddedInput;
import igm.io.InstructorRunFile;
import igm.io.InstructorRunTree;
import igm.io.WorkingDirectory;
import igm.params.Parameters;
import igm.physics.iceflow.IceFlowInput;
import igm.physics.iceflow.IceFlowModel;
import igm.physics.iceflow.BlatterPattynFlow;
import igm.physics.iceflow.IceFlowRegistry;
import igm.physics.iceflow.blatter.BlatterOptions;
import igm.physics.iceflow.blatter.BlatterProblem;
import igm.physics.iceflow.blatter.PhysicsInformedNetwork;
import igm.run.ModelFactory;
import igm.simulation.GlacierState;
import igm.training.EmulatorFidelity;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The evidence of the paper for our emulators, written to the report folder as {@code evaluation.md} with its
 * figures.
 *
 * <ul>
 *   <li><b>Table 1 analog</b>: for every emulator folder under {@link EvaluationSettings#emulatorFolder}, the
 *   fidelity (L1 in m/a and relative L1 of eq. 7 where the instructor's |ū| &gt; 10 m/a) on the instructor runs under
 *   {@link EvaluationSettings#dataFolder} made by that emulator's instructor with a sliding coefficient it was trained
 *   on, every snapshot, whole grids; with the network's shape and the time of one call on the grid of the
 *   parameters' input. The evaluation runs are meant to be glaciers the emulators never saw (another seed of
 *   {@code igm generate}).</li>
 *   <li><b>Table 2 analog</b>: the same fidelity for each sliding coefficient of the evaluation runs, marked when the
 *   emulator was not trained on it (interpolation between the training values).</li>
 *   <li><b>Table 4 / Figure 14 analog</b>: the glacier of the parameters (Great Aletsch, never used in training) run
 *   from {@code time.start} to {@code time.end} with the instructor of {@link EvaluationSettings#aletschEmulator} and
 *   with that emulator, the same SMB: volume, area and mean surface speed over time, the thickness RMSE at the end,
 *   the wall times, the speed-up and the share of time spent in the ice flow.</li>
 *   <li><b>Physics-informed emulators</b> (trained on the Blatter–Pattyn energy, not on an instructor's runs): each
 *   against the converged {@code blatter} solve of the same discretisation on held-out states (snapshots of the
 *   {@code blatter} evaluation runs at its grid spacing), frozen and after a warm-up on each state
 *   ({@link PhysicsInformedFidelity}).</li>
 * </ul>
 */
public final class EvaluationPipeline {

    /** The report, in the report folder. */
    public static final String REPORT_FILE = "evaluation.md";
    /** The figure of the glacier runs' time series. */
    public static final String TIMESERIES_PNG = "aletsch_timeseries.png";
    /** The table of the glacier runs' time series. */
    public static final String TIMESERIES_CSV = "aletsch_timeseries.csv";
    /** The map of the thickness difference between the glacier runs at the end. */
    public static final String DIFFERENCE_PNG = "aletsch_thickness_difference.png";

    private final EvaluationSettings settings;

    /** Per emulator: its fidelity by sliding coefficient and its time per call; all sliding coefficients met. */
    private record Measured(Map<String, Map<Double, Fidelity>> fidelity, Map<String, Double> callSeconds,
                            TreeSet<Double> sliding) {
    }

    public EvaluationPipeline(EvaluationSettings settings) {
        this.settings = settings;
    }

    /**
     * Measures the emulators, runs the glacier comparison when there is an emulator for it, and writes the report,
     * printing the progress to {@code out}.
     *
     * @throws InputException for a missing folder of emulators or of evaluation runs, an emulator without a manifest
     *                        for the glacier comparison, or an instructor that is not a model of this program
     */
    public void run(PrintStream out) {
        Parameters p = settings.parameters();
        List<EmulatorCandidate> all = EmulatorCandidate.list(settings.emulatorFolder());
        List<EmulatorCandidate> candidates = all.stream().filter(c -> !c.physicsInformed()).toList();
        List<EmulatorCandidate> physics = all.stream().filter(EmulatorCandidate::physicsInformed).toList();
        List<InstructorRunFile> runs = evaluationRuns(out);
        out.printf(Locale.ROOT, "igm evaluate: %d emulator(s) in %s (%d physics-informed), %d evaluation run(s) in"
                + " %s%n", all.size(), settings.emulatorFolder(), physics.size(), runs.size(), settings.dataFolder());

        GriddedInput input = ModelFactory.readInput(p);
        GlacierState initial = ModelFactory.state(p, input);
        IceFlowInput timingInput = new IceFlowInput(initial.grid(), initial.thickness(), initial.surface(),
                initial.slidingCoefficient(), initial.rateFactor());
        Path reports = settings.reportFolder();
        try {
            Files.createDirectories(reports);
        } catch (IOException e) {
            throw new InputException("evaluate.folder: cannot create " + reports + ": " + e.getMessage(), e);
        }
        StringBuilder md = new StringBuilder();
        md.append("# Emulator evaluation\n\n");
        md.append(String.format(Locale.ROOT, "Written by `igm evaluate %s` (%s), %d thread(s). Evaluation runs: `%s`; "
                        + "emulators: `%s`.%n%n", settings.parameterFile().getFileName(), Version.full(),
                settings.threads(), WorkingDirectory.relative(settings.dataFolder()),
                WorkingDirectory.relative(settings.emulatorFolder())));

        if (!candidates.isEmpty()) {
            Measured measured = measure(candidates, runs, timingInput, out);
            Map<String, Double> instructorCold = timeInstructors(candidates, timingInput);
            EvaluationReport.table1(md, candidates, measured.fidelity(), measured.callSeconds(), instructorCold,
                    initial);
            EvaluationReport.table2(md, candidates, measured.fidelity(), measured.sliding());
        }
        if (settings.physicsStates() > 0) {
            for (EmulatorCandidate c : physics) {
                measurePhysicsInformed(md, c, runs, out);
            }
        }
        if (settings.aletschEmulator() != null) {
            compareOnGlacier(md, initial, input, out);
        }
        AtomicOutput.writeText(reports.resolve(REPORT_FILE), md);
        out.println("report written to " + reports.resolve(REPORT_FILE));
    }

    /** The runs of the data folder and of its sub-folders (one per {@code igm generate}). */
    private List<InstructorRunFile> evaluationRuns(PrintStream out) {
        Path root = settings.dataFolder();
        if (!Files.isDirectory(root)) {
            throw new InputException("evaluate.data: folder of evaluation runs not found: " + root
                    + " (make it with igm generate, see examples/evaluate)");
        }
        return InstructorRunTree.read(root, "evaluate.data", out);
    }

    /**
     * Every emulator's fidelity on the evaluation runs of its instructor and grid spacing, by sliding coefficient,
     * and its time per call; a line per emulator.
     */
    private Measured measure(List<EmulatorCandidate> candidates, List<InstructorRunFile> runs,
                             IceFlowInput timingInput, PrintStream out) {
        ChannelLayout layout = ChannelLayout.standard();
        Map<String, Map<Double, Fidelity>> byEmulator = new LinkedHashMap<>();
        Map<String, Double> callSeconds = new LinkedHashMap<>();
        TreeSet<Double> allSliding = new TreeSet<>();
        for (EmulatorCandidate c : candidates) {
            Map<Double, Fidelity> perSliding = new TreeMap<>();
            try (Emulator e = Emulator.load(c.folder(), c.manifest().gridSpacing(), settings.threads())) {
                for (InstructorRunFile r : runs) {
                    if (!r.instructor().equals(c.manifest().instructor().name())
                            || !e.matchesResolution(r.data().grid().dx())) {
                        continue;
                    }
                    double slide = r.slidingCoefficient();
                    allSliding.add(slide);
                    perSliding.computeIfAbsent(slide, k -> new Fidelity()).add(EmulatorFidelity.onRun(e, r, layout));
                }
            }
            byEmulator.put(c.name(), perSliding);
            callSeconds.put(c.name(), timeEmulator(c, timingInput, settings.threads(), settings.timingCalls()));
            out.printf(Locale.ROOT, "%s: %s, %.1f ms per call on %s%n", c.name(), describe(c.trained(perSliding)),
                    1e3 * callSeconds.get(c.name()), timingInput.grid());
        }
        return new Measured(byEmulator, callSeconds, allSliding);
    }

    /**
     * A physics-informed emulator against the converged blatter solve on up to {@code evaluate.physics_states}
     * snapshots of the blatter evaluation runs at its grid spacing, spread evenly over those where the instructor's
     * |ū|₁ exceeds 10 m/a somewhere (eq. 7 counts no cell elsewhere, and the energy gap of a still glacier is a ratio
     * of two numbers near 0).
     */
    private void measurePhysicsInformed(StringBuilder md, EmulatorCandidate c, List<InstructorRunFile> runs,
                                        PrintStream out) {
        double dx = c.manifest().gridSpacing();
        List<BlatterProblem> all = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (InstructorRunFile r : runs) {
            if (!r.instructor().equals(BlatterPattynFlow.NAME)
                    || Math.abs(r.data().grid().dx() - dx) > Emulator.RESOLUTION_TOLERANCE * dx) {
                continue;
            }
            for (int s = 0; s < r.data().snapshots(); s++) {
                if (!flowing(r.data().field(FieldSpec.UBAR.name(), s), r.data().field(FieldSpec.VBAR.name(), s))) {
                    continue;
                }
                all.add(PhysicsInformedNetwork.problem(r.data().grid(), r.data().field(FieldSpec.THK.name(), s),
                        r.data().field(FieldSpec.USURF.name(), s), r.data().field(FieldSpec.ARRHENIUS.name(), s),
                        r.data().field(FieldSpec.SLIDINGCO.name(), s)));
                sources.add(r.id());
            }
        }
        int count = Math.min(settings.physicsStates(), all.size());
        List<BlatterProblem> states = new ArrayList<>();
        TreeSet<String> used = new TreeSet<>();
        for (int k = 0; k < count; k++) {
            int index = (int) ((long) k * all.size() / count);
            states.add(all.get(index));
            used.add(sources.get(index));
        }
        Parameters p = settings.parameters();
        BlatterOptions solver = IceFlowRegistry.blatterOptions(p, settings.threads());
        PhysicsInformedNetwork network = PhysicsInformedNetwork.load(c.folder(), dx, solver);
        out.printf(Locale.ROOT, "%s: physics-informed, %d held-out state(s) of %d blatter run(s)%n", c.name(),
                states.size(), used.size());
        PhysicsInformedFidelity.Result r = states.isEmpty() ? null : PhysicsInformedFidelity.measure(network, states,
                solver, settings.warmupIterations(), settings.warmupLearningRate(), settings.threads(), out);
        EvaluationReport.physicsInformed(md, c.name(), c.manifest(), "snapshots of held-out blatter runs ("
                + String.join(", ", used) + ")", r);
    }

    /** Whether some cell's |ū|₁ exceeds the paper's threshold (a state on which eq. 7 counts at least one cell). */
    private static boolean flowing(double[] u, double[] v) {
        for (int k = 0; k < u.length; k++) {
            if (Math.abs(u[k]) + Math.abs(v[k]) > Fidelity.DEFAULT_THRESHOLD) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Fidelity f) {
        return f.cells() == 0 ? "no evaluation run of its instructor" : String.format(Locale.ROOT,
                "relative L1 %.2f %%, L1 %.2f m/a over %d cells", 100 * f.relativeL1(), f.l1(), f.cells());
    }

    /** The median of {@code calls} timed calls after two untimed ones, s. */
    private static double timeEmulator(EmulatorCandidate c, IceFlowInput input, int threads, int calls) {
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

    /** One cold solve of each instructor of the emulators that is a model of this program, s, by name. */
    private Map<String, Double> timeInstructors(List<EmulatorCandidate> candidates, IceFlowInput timingInput) {
        Map<String, Double> instructorCold = new TreeMap<>();
        for (EmulatorCandidate c : candidates) {
            String method = c.manifest().instructor().name();
            if (!instructorCold.containsKey(method) && IceFlowRegistry.isInstructor(method)) {
                IceFlowModel m = ModelFactory.instructor(withMethod(method), settings.threads(), true);
                long t0 = System.nanoTime();
                m.solve(timingInput);
                instructorCold.put(method, (System.nanoTime() - t0) * 1e-9);
            }
        }
        return instructorCold;
    }

    /**
     * The glacier of the parameters run with the instructor of the glacier-comparison emulator (measuring the
     * emulator on the instructor's states) and then with the emulator; appends the comparison to the report.
     */
    private void compareOnGlacier(StringBuilder md, GlacierState initial, GriddedInput input, PrintStream out) {
        Parameters p = settings.parameters();
        Path folder = settings.aletschEmulator();
        EmulatorManifest manifest;
        try (Emulator e = Emulator.load(folder, initial.grid().dx(), settings.threads())) {
            manifest = e.manifest().orElseThrow(() -> new InputException("evaluate.aletsch_emulator = " + folder
                    + " has no manifest.json: its instructor is unknown"));
        }
        boolean physics = PhysicsInformedNetwork.isPhysicsInformed(manifest);
        String instructor = physics ? BlatterPattynFlow.NAME : manifest.instructor().name();
        out.printf(Locale.ROOT, "%s: %.0f → %.0f with %s, then with %s%n", p.string("run.name"),
                p.number("time.start"), p.number("time.end"), instructor, folder.getFileName());
        GlacierRun a;
        IceFlowModel shadow = ModelFactory.emulator(folder, initial.grid(), settings.threads());
        try {
            a = GlacierRun.simulate(withMethod(instructor), instructor, out, shadow);
        } finally {
            release(shadow);
        }
        if (physics && settings.physicsStates() > 0) {
            measureOnStates(md, folder, manifest, initial, a, out);
        }
        GlacierRun b = GlacierRun.simulate(settings.withOverrides(List.of("iceflow.method=emulator",
                "iceflow.emulator=" + folder)), "emulator " + folder.getFileName() + (physics ? ", "
                + retraining(p) : ""), out, null);
        EvaluationReport.glacierComparison(md, p, settings.reportFolder(), a, b, manifest, input,
                physics ? " (" + retraining(p) + ")" : "", "");
        if (physics && !retraining(p).equals(retraining(settings.withOverrides(IGM_RETRAINING)))) {
            Parameters igm = settings.withOverrides(concat(List.of("iceflow.method=emulator", "iceflow.emulator="
                    + folder), IGM_RETRAINING));
            GlacierRun c = GlacierRun.simulate(igm, "emulator " + folder.getFileName() + ", " + retraining(igm), out,
                    null);
            EvaluationReport.glacierComparison(md, p, settings.reportFolder(), a, c, manifest, input,
                    " (IGM's retraining: " + retraining(igm) + ")", "_igm_retraining");
        }
    }

    /** IGM's in-run retraining of a physics-informed emulator: 1 iteration every 10 steps at 2e-5, one to start. */
    private static final List<String> IGM_RETRAINING = List.of("iceflow.emulator_warmup_iterations=1",
            "iceflow.emulator_retrain_interval=10", "iceflow.emulator_retrain_iterations=1",
            "iceflow.emulator_learning_rate=2e-5");

    /** The retraining of the parameters in words. */
    private static String retraining(Parameters p) {
        int interval = p.integer("iceflow.emulator_retrain_interval");
        return String.format(Locale.ROOT, "warm-up %d iterations, %s, learning rate %s",
                p.integer("iceflow.emulator_warmup_iterations"), interval == 0 ? "then frozen"
                        : p.integer("iceflow.emulator_retrain_iterations") + " iteration(s) every " + interval
                        + " steps", new BigDecimal(Double.toString(p.number("iceflow.emulator_learning_rate")))
                        .stripTrailingZeros());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * A physics-informed emulator against the converged blatter solve on up to {@code evaluate.physics_states} of
     * the states the blatter run {@code a} kept, spread evenly over them.
     */
    private void measureOnStates(StringBuilder md, Path folder, EmulatorManifest manifest, GlacierState initial,
                                 GlacierRun a, PrintStream out) {
        List<GlacierRun.Tracked> tracked = a.tracked();
        int count = Math.min(settings.physicsStates(), tracked.size());
        List<BlatterProblem> states = new ArrayList<>();
        List<String> years = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            GlacierRun.Tracked t = tracked.get(count == 1 ? 0 : (int) ((long) k * (tracked.size() - 1) / (count - 1)));
            double[] surface = new double[t.thickness().length];
            for (int c = 0; c < surface.length; c++) {
                surface[c] = initial.bed()[c] + t.thickness()[c];
            }
            states.add(PhysicsInformedNetwork.problem(initial.grid(), t.thickness(), surface, initial.rateFactor(),
                    initial.slidingCoefficient()));
            years.add(String.format(Locale.ROOT, "%.0f", t.time()));
        }
        BlatterOptions solver = IceFlowRegistry.blatterOptions(settings.parameters(), settings.threads());
        PhysicsInformedNetwork network = PhysicsInformedNetwork.load(folder, initial.grid().dx(), solver);
        PhysicsInformedFidelity.Result r = PhysicsInformedFidelity.measure(network, states, solver,
                settings.warmupIterations(), settings.warmupLearningRate(), settings.threads(), out);
        EvaluationReport.physicsInformed(md, folder.getFileName().toString(), manifest, "the "
                + settings.parameters().string("run.name") + " blatter run's states of " + String.join(", ", years),
                r);
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

    private Parameters withMethod(String method) {
        if (!IceFlowRegistry.isInstructor(method)) {
            throw new InputException("the emulator's instructor '" + method + "' is not a model of this program");
        }
        return settings.withOverrides(List.of("iceflow.method=" + method));
    }
}
