package igm.instruct;

import igm.InputException;
import igm.SimulationException;
import igm.Version;
import igm.io.AtomicOutput;
import igm.io.GriddedInput;
import igm.io.InstructorSnapshotReader;
import igm.params.ParameterFile;
import igm.params.ParameterRegistry;
import igm.params.ParameterSpec;
import igm.params.ParameterType;
import igm.params.Parameters;
import igm.physics.iceflow.IceFlowModel;
import igm.physics.iceflow.LaggedIceFlow;
import igm.run.ModelFactory;
import igm.simulation.RunawayCheck;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A generation of training data for an emulator (paper §2.2, Appendix C): every valley (synthetic ones from
 * {@link SyntheticValley}, windows of the DEM of {@code input.file} from {@link TerrainCrops}) is run with every
 * sliding coefficient by the instructor of {@code iceflow.method} ({@link InstructorRun}); each run's snapshots go
 * to {@code <folder>/<run id>.nc}.
 *
 * <p><b>Parallel runs.</b> A fixed pool of {@link GenerationSettings#parallelRuns} threads; each run is
 * single-threaded (its own instructor instance, its own transport) and its random choices come only from
 * (run.seed, valley number), so the files do not depend on the pool size. One line is printed per finished run.
 *
 * <p><b>Outputs, written atomically.</b> {@code params.yaml} (the resolved parameters and the program version,
 * written first), one NetCDF file per run ({@link igm.io.InstructorSnapshotWriter}: the run's metadata, with the
 * resolved parameters except the two execution settings {@code generate.folder} and {@code generate.parallel_runs},
 * so that a run's file does not depend on them), and {@code runs.csv}, the index of the finished runs (id, valley,
 * c, maximum ice volume, snapshots, steps, share of the accumulated ice that left the domain, wall time, file),
 * rewritten after every finished run.
 *
 * <p><b>Resume.</b> A folder that already holds a generation ({@code params.yaml}) is refused unless resuming;
 * then the parameters must equal the folder's (except the two execution settings), and runs whose file exists are
 * skipped: a file under its final name is complete, since every file is renamed only once written. A run
 * interrupted or failed leaves no file and is run again.
 *
 * <p><b>Instructor.</b> Built by {@link ModelFactory} with one thread per run: {@code sia}, {@code ssa},
 * {@code hybrid} or {@code blatter} and their {@code iceflow.*} settings. With the lagged hybrid
 * ({@code iceflow.hybrid_ssa_update} &gt; 0), the snapshots' velocities come from an unlagged solve of each snapshot
 * state.
 */
public final class GenerationPipeline {

    /** Keys that say how a generation is executed, not what it computes: left out of the run files. */
    static final Set<String> EXECUTION_KEYS = Set.of("generate.folder", "generate.parallel_runs");

    /** Name of the index of finished runs in the output folder. */
    public static final String INDEX_FILE = "runs.csv";
    /** Name of the resolved parameters in the output folder. */
    public static final String PARAMETER_FILE = "params.yaml";

    private static final List<String> CSV_COLUMNS = List.of("run_id", "run_index", "valley", "valley_kind",
            "valley_index", "sliding_coefficient", "ice_volume_max_km3", "snapshots", "steps", "outflow_fraction",
            "wall_time_s", "file");

    private final Parameters parameters;
    private final GenerationSettings settings;
    private final boolean resume;
    private final Map<Integer, Map<String, String>> finished = new TreeMap<>();
    private int completed;

    /** The DEM of the terrain windows and the windows chosen in it (none without terrain windows). */
    private record Terrain(GriddedInput dem, List<TerrainCrops.Window> windows) {
    }

    /**
     * @param parameters the parameters the settings were read from (the instructor's, the DEM's, and those
     *                   recorded in the folder and in every run file)
     * @param resume     whether to continue a generation already in the folder
     */
    public GenerationPipeline(Parameters parameters, GenerationSettings settings, boolean resume) {
        this.parameters = parameters;
        this.settings = settings;
        this.resume = resume;
    }

    /**
     * Runs the planned runs (a prefix of {@link GenerationSettings#runs()}) that have no file yet, printing a line per
     * run to {@code out}.
     *
     * @throws InputException      when the folder holds a generation and this is no resume, or another one
     * @throws SimulationException when a run failed (after every other run has finished)
     */
    public void run(List<PlannedRun> plan, PrintStream out) {
        Terrain terrain = terrain();
        Path folder = settings.folder();
        prepareFolder(folder);
        Map<String, String> context = context(parameters);
        List<PlannedRun> todo = new ArrayList<>();
        for (PlannedRun run : plan) {
            Path file = folder.resolve(run.fileName());
            if (Files.isRegularFile(file)) {
                finished.put(run.index(), InstructorSnapshotReader.readMetadata(file));
            } else {
                todo.add(run);
            }
        }
        int threads = Math.max(1, Math.min(settings.parallelRuns(), todo.size()));
        out.printf(Locale.ROOT, "igm generate: %d run(s) (%d synthetic valleys, %d terrain windows, c = %s km MPa-3 "
                        + "a-1), instructor %s, %d at once, into %s%n", plan.size(), settings.syntheticValleys(),
                settings.terrainCrops(), settings.slidingCoefficients(), parameters.string("iceflow.method"), threads,
                folder);
        if (!finished.isEmpty()) {
            out.printf(Locale.ROOT, "resuming: %d run(s) already done, skipped%n", finished.size());
            writeIndex(folder);
        }
        long start = System.nanoTime();
        List<String> failures = runAll(todo, threads, terrain, context, plan.size(), out);
        writeIndex(folder);
        out.printf(Locale.ROOT, "done: %d run(s) finished in %.1f s, %d skipped, %d failed; index %s%n",
                todo.size() - failures.size(), (System.nanoTime() - start) * 1e-9, plan.size() - todo.size(),
                failures.size(), folder.resolve(INDEX_FILE));
        if (!failures.isEmpty()) {
            throw new SimulationException(failures.size() + " run(s) failed (run again with --resume to retry "
                    + "them): " + String.join("; ", failures));
        }
    }

    /** The DEM and its windows when the generation has terrain windows. */
    private Terrain terrain() {
        if (settings.terrainCrops() == 0) {
            return new Terrain(null, List.of());
        }
        GriddedInput dem = TerrainCrops.readDem(ModelFactory.inputOptions(parameters), settings.dx());
        return new Terrain(dem, TerrainCrops.select(dem, settings.cropCellsX(), settings.cropCellsY(),
                settings.terrainCrops(), settings.maxMaskOverlap(), settings.maxMutualOverlap(), settings.minRelief(),
                settings.seed()));
    }

    /** Runs {@code todo} on a pool of {@code threads}; returns the failures, "run id: message", in the order met. */
    private List<String> runAll(List<PlannedRun> todo, int threads, Terrain terrain, Map<String, String> context,
                                int total, PrintStream out) {
        List<String> failures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread t = new Thread(runnable, "igm-generate");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (PlannedRun run : todo) {
                futures.add(pool.submit(() -> {
                    try {
                        execute(run, terrain, context, total, out);
                    } catch (RuntimeException e) {
                        String message = run.id() + ": " + e.getMessage();
                        synchronized (this) {
                            failures.add(message);
                            out.println("run " + message + " (failed; no file written)");
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new SimulationException("a generation task failed: " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SimulationException("interrupted", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return failures;
    }

    private void execute(PlannedRun run, Terrain terrain, Map<String, String> context, int total, PrintStream out) {
        GenerationSettings s = settings;
        Valley valley = run.valleyKind().equals(Valley.SYNTHETIC)
                ? SyntheticValley.random(s.seed(), run.valleyIndex(), s.valleyCrossCells(), s.valleyAlongCells(),
                s.dx(), s.floorSlope().get(0), s.floorSlope().get(1)).toValley()
                : TerrainCrops.valley(terrain.dem(), terrain.windows().get(run.valleyIndex()), run.valleyIndex());
        IceFlowModel iceFlow = ModelFactory.instructor(parameters, 1, false);
        // a lagged blatter takes its snapshots from its own solver (sharing the warm start); the lagged hybrid
        // from a separate unlagged hybrid (its SIA part has no warm start to share)
        IceFlowModel snapshotFlow = iceFlow instanceof LaggedIceFlow lagged ? lagged.inner()
                : ModelFactory.lagged(parameters) ? ModelFactory.instructor(parameters, 1, true) : null;
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("title", "IGM instructor run " + run.id());
        metadata.putAll(context);
        metadata.put("run_index", Integer.toString(run.index()));
        InstructorRunOutput output = new InstructorRun(run.id(), valley, run.slidingCoefficient(), s.rateFactor(),
                s.schedule(), iceFlow, snapshotFlow, s.cflNumber(), s.maxStepYears(), metadata,
                RunawayCheck.Limits.of(parameters)).execute();
        Path file = s.folder().resolve(run.fileName());
        output.write(file);
        synchronized (this) {
            finished.put(run.index(), output.metadata());
            completed++;
            writeIndex(s.folder());
            String solves = output.metadata().get("time_loop_solves");
            out.printf(Locale.ROOT, "[%d/%d] %s: %d snapshots, max volume %.4f km³ at %.0f a, %d steps%s, outflow "
                            + "%.1f%% of the accumulation, %.1f s%n", completed, total, run.id(), output.snapshots(),
                    output.maxVolume() / 1e9, Double.parseDouble(output.metadata().get("ice_volume_max_time")),
                    output.steps(), solves == null ? "" : " (" + solves + " solves)", 100 * output.outflowFraction(),
                    output.wallSeconds());
        }
    }

    /** Creates the folder; refuses an earlier generation without resume, or with other parameters. */
    private void prepareFolder(Path folder) {
        Parameters p = parameters;
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new InputException("cannot create the output folder " + folder + ": " + e.getMessage(), e);
        }
        Path saved = folder.resolve(PARAMETER_FILE);
        if (Files.exists(saved)) {
            if (!resume) {
                throw new InputException("the folder " + folder + " already holds a generation (" + PARAMETER_FILE
                        + "); add --resume to continue it, or set generate.folder to another folder");
            }
            Parameters before = ParameterFile.load(p.registry(), saved, List.of());
            List<String> differences = differences(before, p);
            if (!differences.isEmpty()) {
                throw new InputException("cannot resume the generation in " + folder + ": its parameters ("
                        + saved + ") differ from these: " + String.join("; ", differences)
                        + "; use the same parameters or another generate.folder");
            }
            return;
        }
        AtomicOutput.writeText(saved, "# resolved parameters of igm generate (" + Version.full() + ", seed "
                + p.integer("run.seed") + ", from " + p.source() + ")\n" + p.toResolvedYaml());
    }

    /** The keys whose values differ, apart from {@link #EXECUTION_KEYS}, as "key: before → now". */
    static List<String> differences(Parameters before, Parameters now) {
        List<String> out = new ArrayList<>();
        ParameterRegistry registry = now.registry();
        for (ParameterSpec spec : registry.all()) {
            String key = spec.key();
            if (EXECUTION_KEYS.contains(key)) {
                continue;
            }
            Object a = spec.type() == ParameterType.PATH ? before.path(key) : before.raw(key);
            Object b = spec.type() == ParameterType.PATH ? now.path(key) : now.raw(key);
            if (!Objects.equals(a, b)) {
                out.add(key + ": " + a + " → " + b);
            }
        }
        return out;
    }

    /** Metadata shared by the runs of a generation. */
    private static Map<String, String> context(Parameters p) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("source", Version.full());
        m.put("program_version", Version.version());
        m.put("seed", Integer.toString(p.integer("run.seed")));
        StringBuilder settings = new StringBuilder();
        for (String key : p.registry().keysOf("iceflow")) {
            if (!key.contains("emulator") && !key.equals("iceflow.threads")
                    && !key.equals("iceflow.sliding_coefficient")) {
                settings.append(settings.isEmpty() ? "" : "; ").append(key.substring("iceflow.".length()))
                        .append('=').append(p.raw(key));
            }
        }
        m.put("instructor_settings", settings + "; threads=1");
        m.put("parameters", withoutExecutionKeys(p.toResolvedYaml()));
        return m;
    }

    /** The YAML of the resolved parameters without the lines of {@link #EXECUTION_KEYS}. */
    static String withoutExecutionKeys(String yaml) {
        StringBuilder sb = new StringBuilder();
        String component = "";
        for (String line : yaml.split("\n", -1)) {
            if (!line.startsWith(" ") && line.endsWith(":")) {
                component = line.substring(0, line.length() - 1);
            } else if (line.startsWith("  ") && !line.startsWith("   ")) {
                int colon = line.indexOf(':');
                if (colon > 0 && EXECUTION_KEYS.contains(component + "." + line.substring(2, colon))) {
                    continue;
                }
            }
            sb.append(line).append('\n');
        }
        return sb.substring(0, sb.length() - 1);
    }

    private void writeIndex(Path folder) {
        StringBuilder sb = new StringBuilder(String.join(",", CSV_COLUMNS)).append('\n');
        for (Map<String, String> m : finished.values()) {
            List<String> cells = new ArrayList<>();
            for (String column : CSV_COLUMNS) {
                String value = switch (column) {
                    case "ice_volume_max_km3" -> String.format(Locale.ROOT, "%.6f",
                            Double.parseDouble(m.getOrDefault("ice_volume_max_m3", "NaN")) / 1e9);
                    case "file" -> m.getOrDefault("run_id", "") + ".nc";
                    default -> m.getOrDefault(column, "");
                };
                cells.add(value);
            }
            sb.append(String.join(",", cells)).append('\n');
        }
        AtomicOutput.writeText(folder.resolve(INDEX_FILE), sb);
    }
}
