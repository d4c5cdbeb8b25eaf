package igm.cli;

import igm.io.CheckpointWriter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ucar.ma2.Array;
import ucar.nc2.NetcdfFile;
import ucar.nc2.Variable;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checkpoint and resume through the command line: a run stopped after a checkpoint (written by the schedule, or on
 * SIGTERM / SIGINT in a child process) and resumed with {@code igm run --resume FOLDER} ends with the same outputs,
 * bit for bit, as the run in one piece: every frame of every field of spatial.nc, timeseries.nc and .csv, the maps,
 * and the closing lines of the log (final volume, mass budget, solver statistics).
 */
@Tag("regression")
class CheckpointResumeTest {

    static final Path ALETSCH_1880 = Path.of("examples", "aletsch-1880", "params.yaml");

    @TempDir
    Path dir;

    private static CliRun run(Path params, Path folder, String... sets) {
        List<String> args = new ArrayList<>(List.of("run", params.toString(), "--no-progress", "--set",
                "output.folder=" + folder));
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        CliRun r = CliRun.igm(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.stdout() + r.stderr());
        return r;
    }

    /**
     * Runs in one piece with a checkpoint half-way, keeps that checkpoint alone in the folder (as a run killed after
     * writing it would), resumes it, and compares the outputs with those of the run in one piece and of a run without
     * checkpoints (checkpoints must not change a run).
     */
    private void scheduledCheckpointResumesBitForBit(Path params, double interval, String... sets)
            throws IOException {
        scheduledCheckpointResumesBitForBit(params, interval, null, sets);
    }

    /** As above, deleting {@code deletedBeforeResume} (when not null) before the resume. */
    private void scheduledCheckpointResumesBitForBit(Path params, double interval, Path deletedBeforeResume,
                                                     String... sets) throws IOException {
        Path plain = dir.resolve("plain");
        CliRun plainRun = run(params, plain, sets);
        Path folder = dir.resolve("checkpointed");
        List<String> withCheckpoint = new ArrayList<>(List.of(sets));
        withCheckpoint.add("output.checkpoint_interval=" + interval);
        CliRun whole = run(params, folder, withCheckpoint.toArray(String[]::new));
        assertTrue(Files.isRegularFile(folder.resolve(CheckpointWriter.FILE_NAME)), whole.stdout());
        Path kept = dir.resolve("whole");
        copyOutputs(folder, kept);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().equals(CheckpointWriter.FILE_NAME)) {
                    Files.delete(f);
                }
            }
        }
        if (deletedBeforeResume != null) {
            Files.delete(deletedBeforeResume);
        }
        CliRun resumed = CliRun.igm("run", "--resume", folder.toString(), "--no-progress");
        assertEquals(0, resumed.code(), resumed.stdout() + resumed.stderr());
        assertTrue(resumed.stdout().contains("resumed from " + folder.resolve(CheckpointWriter.FILE_NAME)),
                resumed.stdout());
        assertSameOutputs(kept, folder, true);
        assertEquals(closingLines(whole), closingLines(resumed));
        assertSameData(plain, kept);
        assertEquals(closingLines(plainRun), closingLines(whole));
    }

    @Test
    void siaResumesBitForBitWithItsMaps() throws IOException {
        scheduledCheckpointResumesBitForBit(RunCommandTest.EXAMPLE, 2.5, "iceflow.method=sia", "input.coarsen=4",
                "time.end=2004", "output.interval=1", "output.timeseries_interval=0.5",
                "output.plot_times=[2000, 2002, 2004]");
    }

    @Test
    void emulatorResumesBitForBit() throws IOException {
        scheduledCheckpointResumesBitForBit(RunCommandTest.EXAMPLE, 1, "input.crop=[50, 80, 48, 48]",
                "time.end=2002", "output.interval=0.5", "output.plots=false");
    }

    /**
     * The input file deleted before the resume: the checkpoint holds the state, the projection and the input's path,
     * so the run resumes without it and ends with the same files, byte for byte, as the run in one piece.
     */
    @Test
    void aRunResumesAfterItsInputFileWasDeleted() throws IOException {
        Path input = dir.resolve("aletsch-copy.nc");
        Files.copy(RunCommandTest.EXAMPLE.resolveSibling("aletsch.nc"), input);
        scheduledCheckpointResumesBitForBit(RunCommandTest.EXAMPLE, 1, input, "input.file=" + input,
                "iceflow.method=sia", "input.coarsen=8", "time.end=2003", "output.interval=1",
                "output.plot_times=[2000, 2003]");
    }

    /** A file the models read (here accmelt's parameter file) deleted before the resume: one line naming its key. */
    @Test
    void aResumeWithoutAFileTheModelsReadNamesItsKey() throws IOException {
        Path periods = dir.resolve("mbparameter-copy.dat");
        Files.copy(ALETSCH_1880.resolveSibling("mbparameter.dat"), periods);
        Path folder = dir.resolve("run");
        run(ALETSCH_1880, folder, "iceflow.method=sia", "input.coarsen=8", "time.end=1882", "output.plots=false",
                "output.observed_file=", "output.checkpoint_interval=1", "smb.accmelt_parameter_file=" + periods);
        Files.delete(periods);
        CliRun resumed = CliRun.igm("run", "--resume", folder.toString(), "--set", "time.end=1883");
        assertEquals(1, resumed.code(), resumed.stdout() + resumed.stderr());
        assertEquals(List.of("igm: bad input: --resume " + folder + ": smb.accmelt_parameter_file = " + periods
                + " does not exist; the resumed run needs it (the checkpoint holds the glacier's state, not the files "
                + "the models read)"), resumed.stderr().lines().filter(l -> l.startsWith("igm:")).toList());
        assertEquals("", resumed.stdout(), "refused before the run is described");
    }

    /**
     * A physics-informed emulator warmed up on the initial state and retrained every 2 steps, checkpointed between
     * retrainings: its weights, Adam's moments and step count and the solve counter carry over.
     */
    @Test
    void retrainedPhysicsInformedEmulatorResumesBitForBit() throws IOException {
        Path emulator = EmulatorRetrainingTest.tinyPhysicsInformedEmulator(dir.resolve("pinn"), 100);
        scheduledCheckpointResumesBitForBit(RunCommandTest.EXAMPLE, 0.7, "iceflow.emulator=" + emulator,
                "input.crop=[50, 80, 48, 48]", "time.end=2001.5", "time.max_step=0.25", "output.interval=0.5",
                "output.plots=false", "iceflow.emulator_warmup_iterations=30",
                "iceflow.emulator_retrain_interval=2", "iceflow.emulator_retrain_iterations=2",
                "iceflow.emulator_learning_rate=0.002");
    }

    /** The lagged Blatter–Pattyn model: its warm start and its last solution carry over. */
    @Test
    void laggedBlatterResumesBitForBit() throws IOException {
        scheduledCheckpointResumesBitForBit(RunCommandTest.EXAMPLE, 0.4, "iceflow.method=blatter",
                "input.coarsen=8", "iceflow.blatter_levels=4", "iceflow.blatter_update=1",
                "iceflow.sliding_coefficient=1", "time.max_step=0.2", "time.end=2001", "output.interval=0.2",
                "output.plots=false");
    }

    /** The lagged hybrid: the SSA's last solve and warm start carry over. */
    @Test
    void laggedHybridResumesBitForBit() throws IOException {
        scheduledCheckpointResumesBitForBit(RunCommandTest.EXAMPLE, 0.5, "iceflow.method=hybrid",
                "input.coarsen=8", "iceflow.hybrid_ssa_update=1", "iceflow.sliding_coefficient=1", "time.end=2001",
                "output.plots=false");
    }

    /** The SSA on quadratic elements: its warm start carries over. */
    @Test
    void quadraticSsaResumesBitForBit() throws IOException {
        scheduledCheckpointResumesBitForBit(RunCommandTest.EXAMPLE, 0.5, "iceflow.method=ssa",
                "iceflow.ssa_elements=quadratic", "input.coarsen=8", "iceflow.sliding_coefficient=1",
                "time.max_step=0.25", "time.end=2001", "output.plots=false");
    }

    /** accmelt, checkpointed in the middle of a balance year: the year's balance carries over. */
    @Test
    void accmeltResumesBitForBit() throws IOException {
        scheduledCheckpointResumesBitForBit(ALETSCH_1880, 1.5, "iceflow.method=sia", "input.coarsen=4",
                "time.end=1883", "output.interval=1", "output.plots=false", "output.observed_file=");
    }

    /** pdd on OGGM's monthly climate, checkpointed in the middle of a year: the year's balance carries over. */
    @Test
    void pddResumesBitForBit() throws IOException {
        Path climate = Path.of("..", "shared", "data", "aletsch", "oggm_climate_historical.nc").toAbsolutePath();
        Assumptions.assumeTrue(Files.isRegularFile(climate), climate + " not found: skipped");
        scheduledCheckpointResumesBitForBit(RunCommandTest.EXAMPLE, 1.5, "iceflow.method=sia", "input.coarsen=4",
                "smb.method=pdd", "smb.climate_file=" + climate, "time.end=2003", "output.plots=false");
    }

    @Test
    void sigtermInAChildProcessWritesACheckpointThatResumesBitForBit() throws Exception {
        stoppedBySignal(null, 143, "SIGTERM");
    }

    @Test
    void sigintInAChildProcessWritesACheckpointThatResumesBitForBit() throws Exception {
        stoppedBySignal("INT", 130, "SIGINT");
    }

    /**
     * Starts {@code igm run} in a child JVM, sends it a signal (SIGTERM by {@link ProcessHandle#destroy()} when
     * {@code signal} is null, else {@code kill -signal PID}) once it has logged its first year, checks its exit code
     * and message, resumes in this process and compares with the run in one piece.
     */
    private void stoppedBySignal(String signal, int exitCode, String name) throws Exception {
        String[] sets = {"iceflow.method=sia", "input.coarsen=4", "time.end=2006", "output.interval=1",
            "output.plots=false"};
        Path folder = dir.resolve("stopped");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                "igm.cli.Main", "run", RunCommandTest.EXAMPLE.toString(), "--no-progress", "--set",
                "output.folder=" + folder));
        for (String s : sets) {
            command.add("--set");
            command.add(s);
        }
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder log = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            boolean sent = false;
            while ((line = out.readLine()) != null) {
                log.append(line).append('\n');
                if (!sent && line.startsWith("t =  2001")) {
                    if (signal == null) {
                        child.toHandle().destroy();
                    } else {
                        new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start().waitFor();
                    }
                    sent = true;
                }
            }
        } finally {
            if (!child.waitFor(120, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
        assertEquals(exitCode, child.exitValue(), log.toString());
        assertTrue(log.toString().contains("igm: interrupted by " + name + " at t = ")
                && log.toString().contains("resume with: igm run --resume " + folder), log.toString());
        assertTrue(Files.isRegularFile(folder.resolve(CheckpointWriter.FILE_NAME)), log.toString());
        try (Stream<Path> files = Files.list(folder)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().equals("spatial.nc")),
                    "no finished-looking output from the stopped run");
        }
        CliRun resumed = CliRun.igm("run", "--resume", folder.toString(), "--no-progress");
        assertEquals(0, resumed.code(), resumed.stdout() + resumed.stderr());
        Path whole = dir.resolve("whole");
        CliRun wholeRun = run(RunCommandTest.EXAMPLE, whole, sets);
        assertSameOutputs(whole, folder, false);
        assertEquals(closingLines(wholeRun), closingLines(resumed));
    }

    /**
     * A run whose time step collapses (run.min_step above every stable step), checkpointed with the count of
     * collapsed steps half-way to run.min_step_count: resumed, it stops at the same step and time, with the same
     * message, as the run in one piece.
     */
    @Test
    void aResumedRunStopsOnACollapsedStepWhereTheRunInOnePieceStops() {
        String[] sets = {"iceflow.method=sia", "input.coarsen=8", "time.max_step=0.2", "output.plots=false",
            "output.plot_times=[2000]", "run.min_step=1", "run.min_step_count=8"};
        List<String> args = new ArrayList<>(List.of("run", RunCommandTest.EXAMPLE.toString(), "--no-progress",
                "--set", "output.folder=" + dir.resolve("whole"), "--set", "time.end=2003"));
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        CliRun whole = CliRun.igm(args.toArray(String[]::new));
        assertEquals(1, whole.code(), whole.stdout() + whole.stderr());
        assertTrue(whole.stderr().contains("the time step has collapsed"), whole.stderr());
        Path folder = dir.resolve("checkpointed");
        List<String> first = new ArrayList<>(List.of(sets));
        first.add("time.end=2000.12");
        first.add("output.checkpoint_interval=0.1");
        run(RunCommandTest.EXAMPLE, folder, first.toArray(String[]::new));
        CliRun resumed = CliRun.igm("run", "--resume", folder.toString(), "--no-progress", "--set",
                "time.end=2003");
        assertEquals(1, resumed.code(), resumed.stdout() + resumed.stderr());
        assertTrue(resumed.stdout().contains("at t = 2000.1"), resumed.stdout());
        assertEquals(whole.stderr().lines().filter(l -> l.startsWith("igm:")).toList(),
                resumed.stderr().lines().filter(l -> l.startsWith("igm:")).toList());
    }

    @Test
    void resumeRefusesOtherOverridesAndMissingCheckpoints() throws IOException {
        Path folder = dir.resolve("run");
        run(RunCommandTest.EXAMPLE, folder, "iceflow.method=sia", "input.coarsen=8", "time.end=2002",
                "output.checkpoint_interval=1", "output.plots=false");
        CliRun other = CliRun.igm("run", "--resume", folder.toString(), "--set", "iceflow.method=ssa");
        assertEquals(1, other.code());
        assertTrue(other.stderr().contains("--set iceflow.method=ssa") && other.stderr().contains("time.end"),
                other.stderr());
        CliRun none = CliRun.igm("run", "--resume", dir.resolve("nowhere").toString());
        assertEquals(1, none.code());
        assertTrue(none.stderr().contains("no checkpoint checkpoint.nc"), none.stderr());
        CliRun both = CliRun.igm("run", RunCommandTest.EXAMPLE.toString(), "--resume", folder.toString());
        assertEquals(2, both.code());
        assertTrue(both.stderr().contains("not both"), both.stderr());
        CliRun overwrite = CliRun.igm("run", "--resume", folder.toString(), "--overwrite");
        assertEquals(2, overwrite.code(), overwrite.stdout() + overwrite.stderr());
        assertTrue(overwrite.stderr().contains("--overwrite is for a new run, not with --resume"), overwrite.stderr());
        CliRun neither = CliRun.igm("run");
        assertEquals(2, neither.code());
        assertTrue(neither.stderr().contains("either a parameter file or --resume FOLDER"), neither.stderr());
        CliRun past = CliRun.igm("run", "--resume", folder.toString(), "--set", "time.end=2000.5");
        assertEquals(1, past.code());
        assertTrue(past.stderr().contains("not before the end time 2000.5 a") && past.stderr().contains("a later "
                + "--set time.end"), past.stderr());
        assertEquals("", past.stdout(), "refused before the run is described");

        CliRun longer = CliRun.igm("run", "--resume", folder.toString(), "--set", "time.end=2003", "--no-progress");
        assertEquals(0, longer.code(), longer.stdout() + longer.stderr());
        assertTrue(longer.stdout().contains("2000 → 2003") && longer.stdout().contains("at t = 2001.0"),
                longer.stdout());
        assertEquals(1 + 4, Files.readAllLines(folder.resolve("timeseries.csv")).size());
    }

    /** A checkpoint's folder moved elsewhere resumes there, and its saved parameters name the folder used. */
    @Test
    void aMovedFolderResumesWhereItIsAndSavesThatFolder() throws IOException {
        Path folder = dir.resolve("run");
        run(RunCommandTest.EXAMPLE, folder, "iceflow.method=sia", "input.coarsen=8", "time.end=2002",
                "output.checkpoint_interval=1", "output.plots=false");
        Path moved = dir.resolve("moved");
        Files.createDirectories(moved);
        Files.move(folder.resolve(CheckpointWriter.FILE_NAME), moved.resolve(CheckpointWriter.FILE_NAME));
        CliRun resumed = CliRun.igm("run", "--resume", moved.toString(), "--no-progress");
        assertEquals(0, resumed.code(), resumed.stdout() + resumed.stderr());
        String saved = Files.readString(moved.resolve("params.yaml"));
        assertTrue(saved.contains("folder: \"" + moved.toAbsolutePath() + "\""), saved);
        assertFalse(saved.contains("folder: \"" + folder.toAbsolutePath() + "\""), saved);
    }

    /** The diagnostic run: the velocity of the initial state, written once with it. */
    @Test
    void endEqualToStartIsADiagnosticRun() throws IOException {
        Path folder = dir.resolve("diagnostic");
        CliRun r = run(RunCommandTest.EXAMPLE, folder, "iceflow.method=sia", "input.coarsen=4", "time.end=2000");
        assertTrue(r.stdout().contains("diagnostic run (time.end = time.start)") && r.stdout().contains("done: "
                + "diagnostic run"), r.stdout());
        assertEquals(2, Files.readAllLines(folder.resolve("timeseries.csv")).size());
        assertTrue(Files.isRegularFile(folder.resolve("thickness_2000.png")));
        Map<String, Array> spatial = variables(folder.resolve("spatial.nc"));
        assertEquals(1, spatial.get("year").getSize());
        assertEquals(2000.0, spatial.get("year").getDouble(0));
        assertEquals(0.0, spatial.get("time").getDouble(0), "days since 2000-01-01");
        double maxSpeed = 0;
        Array speed = spatial.get("velsurf_mag");
        for (int k = 0; k < speed.getSize(); k++) {
            maxSpeed = Math.max(maxSpeed, speed.getDouble(k));
        }
        assertTrue(maxSpeed > 50, "surface speed of the initial state " + maxSpeed + " m/a");
        CliRun before = CliRun.igm("run", RunCommandTest.EXAMPLE.toString(), "--set", "time.end=1999", "--set",
                "output.folder=" + dir.resolve("before"));
        assertEquals(1, before.code());
        assertTrue(before.stderr().contains("time.end (1999.0) must be after time.start (2000.0)"), before.stderr());
    }

    private static List<String> closingLines(CliRun r) {
        return r.stdout().lines().filter(l -> l.startsWith("final volume") || l.startsWith("mass budget")
                || l.startsWith("ice-flow solver") || l.startsWith("time steps set by")
                || l.startsWith("emulator training")).map(l -> l.replaceAll("time in (ice flow|training) .*", ""))
                .toList();
    }

    private static void copyOutputs(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    /**
     * The same files, the checkpoint aside, with the same data; with the same bytes when both runs wrote into the
     * same folder (else the folder saved in params.yaml and in the files' parameters differs), PNGs always.
     */
    private static void assertSameOutputs(Path expected, Path actual, boolean sameFolder) throws IOException {
        List<String> names;
        try (Stream<Path> files = Files.list(expected)) {
            names = files.map(f -> f.getFileName().toString()).filter(n -> !n.equals(CheckpointWriter.FILE_NAME))
                    .sorted().toList();
        }
        try (Stream<Path> files = Files.list(actual)) {
            assertEquals(names, files.map(f -> f.getFileName().toString())
                    .filter(n -> !n.equals(CheckpointWriter.FILE_NAME)).sorted().toList());
        }
        assertSameData(expected, actual);
        for (String name : names) {
            if (!sameFolder && !name.endsWith(".png")) {
                continue;
            }
            assertArrayEquals(Files.readAllBytes(expected.resolve(name)), Files.readAllBytes(actual.resolve(name)),
                    name);
        }
    }

    /** Every variable of spatial.nc and timeseries.nc, every frame, and the CSV, equal bit for bit. */
    private static void assertSameData(Path expected, Path actual) throws IOException {
        for (String file : List.of("spatial.nc", "timeseries.nc")) {
            Map<String, Array> a = variables(expected.resolve(file));
            Map<String, Array> b = variables(actual.resolve(file));
            assertEquals(a.keySet(), b.keySet(), file);
            for (String v : a.keySet()) {
                Object x = a.get(v).copyTo1DJavaArray();
                Object y = b.get(v).copyTo1DJavaArray();
                if (x instanceof float[] f) {
                    assertArrayEquals(f, (float[]) y, file + " " + v);
                } else if (x instanceof int[] i) {
                    assertArrayEquals(i, (int[]) y, file + " " + v);
                } else {
                    assertArrayEquals((double[]) x, (double[]) y, file + " " + v);
                }
            }
        }
        assertEquals(Files.readString(expected.resolve("timeseries.csv")),
                Files.readString(actual.resolve("timeseries.csv")));
    }

    private static Map<String, Array> variables(Path file) throws IOException {
        Map<String, Array> out = new LinkedHashMap<>();
        try (NetcdfFile nc = NetcdfFile.open(file.toString())) {
            for (Variable v : nc.getVariables()) {
                out.put(v.getShortName(), v.read());
            }
        }
        return out;
    }
}
