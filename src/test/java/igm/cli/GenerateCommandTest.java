package igm.cli;

import igm.io.InstructorRunData;
import igm.io.InstructorRunFile;
import igm.io.InstructorRunTree;
import igm.io.InstructorSnapshotReader;
import igm.io.InstructorSnapshotWriter;
import igm.params.ParameterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code igm generate} end to end on tiny valleys with the SIA (a few tenths of a second per call). */
class GenerateCommandTest {

    @TempDir
    Path dir;

    /**
     * One synthetic valley and one window of the bundled Aletsch DEM at 200 m, each with c = 0 and 12: four runs of
     * 20 years.
     */
    private Path tinyParameters() throws IOException {
        Path file = dir.resolve("tiny.yaml");
        Files.writeString(file, """
                run:
                  seed: 7
                input:
                  file: %s
                iceflow:
                  method: sia
                generate:
                  dx: 200
                  synthetic_valleys: 1
                  valley_cells: [24, 32]
                  terrain_crops: 1
                  crop_cells: [24, 32]
                  sliding_coefficients: [0, 12]
                  advance_years: 10
                  retreat_years: 10
                """.formatted(Path.of("examples", "aletsch", "aletsch.nc").toAbsolutePath()));
        return file;
    }

    private static final List<String> RUN_FILES = List.of("synthetic-000-c0.nc", "synthetic-000-c12.nc",
            "terrain-000-c0.nc", "terrain-000-c12.nc");

    @Test
    void theSameWindowOfTheDemReadFromAnotherFolderIsTheSameValley() throws IOException {
        Path params = tinyParameters();
        Path root = dir.resolve("windows");
        Path copy = Files.createDirectories(dir.resolve("elsewhere")).resolve("aletsch.nc");
        Files.copy(Path.of("examples", "aletsch", "aletsch.nc"), copy);
        List<String> common = List.of("--set", "generate.synthetic_valleys=0", "--set", "generate.advance_years=2",
                "--set", "generate.retreat_years=1");
        CliRun first = CliRun.igm(withArgs(List.of("generate", params.toString(), "--set", "generate.folder="
                + root.resolve("first"), "--set", "generate.sliding_coefficients=[0]"), common));
        assertEquals(0, first.code(), first.stdout() + first.stderr());
        CliRun later = CliRun.igm(withArgs(List.of("generate", params.toString(), "--set", "generate.folder="
                + root.resolve("later"), "--set", "generate.sliding_coefficients=[3]", "--set", "input.file="
                + copy), common));
        assertEquals(0, later.code(), later.stdout() + later.stderr());
        InstructorRunData a = InstructorSnapshotReader.read(root.resolve("first").resolve("terrain-000-c0.nc"));
        InstructorRunData b = InstructorSnapshotReader.read(root.resolve("later").resolve("terrain-000-c3.nc"));
        assertNotEquals(a.metadata().get("valley_parameters"), b.metadata().get("valley_parameters"),
                "the descriptions name the DEM by its path");
        assertArrayEquals(a.field("topg", 0), b.field("topg", 0), "the same window");

        List<InstructorRunFile> runs = InstructorRunTree.read(root, "train.data", System.out);
        assertEquals(List.of("terrain-000-c0", "terrain-000-c3"), runs.stream().map(InstructorRunFile::id)
                .sorted().toList());
    }

    @Test
    void parallelRunsGiveTheSameFilesAsSequentialOnes() throws IOException {
        Path params = tinyParameters();
        Path parallel = dir.resolve("parallel");
        Path sequential = dir.resolve("sequential");
        CliRun a = CliRun.igm("generate", params.toString(), "--set", "generate.folder=" + parallel, "--set",
                "generate.parallel_runs=2");
        assertEquals(0, a.code(), a.stdout() + a.stderr());
        assertTrue(a.stdout().contains("2 at once"), a.stdout());
        CliRun b = CliRun.igm("generate", params.toString(), "--set", "generate.folder=" + sequential, "--set",
                "generate.parallel_runs=1");
        assertEquals(0, b.code(), b.stdout() + b.stderr());
        for (String name : RUN_FILES) {
            InstructorRunData x = InstructorSnapshotReader.read(parallel.resolve(name));
            InstructorRunData y = InstructorSnapshotReader.read(sequential.resolve(name));
            assertEquals(x.grid(), y.grid());
            assertArrayEquals(x.times(), y.times(), name);
            assertTrue(x.snapshots() > 0, name);
            for (String field : InstructorSnapshotWriter.FIELD_NAMES) {
                assertArrayEquals(x.fields().get(field), y.fields().get(field), name + " " + field);
            }
            assertEquals(withoutWallTime(x.metadata()), withoutWallTime(y.metadata()), name);
            assertTrue(a.stdout().contains(name.replace(".nc", ":")), "one line per finished run: " + a.stdout());
        }
        InstructorRunData terrain = InstructorSnapshotReader.read(parallel.resolve("terrain-000-c12.nc"));
        assertEquals("terrain", terrain.metadata().get("valley_kind"));
        assertEquals("12.0", terrain.metadata().get("sliding_coefficient"));
        assertTrue(terrain.metadata().get("valley_parameters").contains("mask_overlap=0.0000"));
        assertTrue(terrain.grid().xOrigin() > 4e5, "real coordinates: " + terrain.grid());
        assertFalse(terrain.metadata().get("parameters").contains("parallel_runs"));

        List<String> index = Files.readAllLines(parallel.resolve("runs.csv"));
        assertEquals(1 + 4, index.size(), String.join("\n", index));
        assertTrue(index.get(0).startsWith("run_id,run_index,valley,valley_kind,valley_index,sliding_coefficient,"
                + "ice_volume_max_km3,snapshots,steps"), index.get(0));
        for (int r = 0; r < 4; r++) {
            assertTrue(index.get(r + 1).startsWith(RUN_FILES.get(r).replace(".nc", "") + "," + r + ","),
                    index.get(r + 1));
            assertTrue(index.get(r + 1).endsWith("," + RUN_FILES.get(r)), index.get(r + 1));
        }
        assertTrue(Files.readString(parallel.resolve("params.yaml")).contains("parallel_runs: 2"));
        try (Stream<Path> files = Files.list(parallel)) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".partial")));
        }
    }

    private static Map<String, String> withoutWallTime(Map<String, String> metadata) {
        Map<String, String> m = new LinkedHashMap<>(metadata);
        m.remove("wall_time_s");
        return m;
    }

    @Test
    void resumeSkipsTheFinishedRuns() throws IOException {
        Path params = tinyParameters();
        Path out = dir.resolve("out");
        String folder = "generate.folder=" + out;
        CliRun first = CliRun.igm("generate", params.toString(), "--set", folder, "--runs", "2");
        assertEquals(0, first.code(), first.stdout() + first.stderr());
        assertEquals(List.of("synthetic-000-c0.nc", "synthetic-000-c12.nc"), runFiles(out));
        assertEquals(1 + 2, Files.readAllLines(out.resolve("runs.csv")).size());

        CliRun refused = CliRun.igm("generate", params.toString(), "--set", folder);
        assertEquals(1, refused.code());
        assertTrue(refused.stderr().contains("--resume"), refused.stderr());

        CliRun changed = CliRun.igm("generate", params.toString(), "--set", folder, "--resume", "--set",
                "generate.advance_years=5");
        assertEquals(1, changed.code());
        assertTrue(changed.stderr().contains("generate.advance_years: 10.0 → 5.0"), changed.stderr());

        Path done = out.resolve("synthetic-000-c0.nc");
        Files.setLastModifiedTime(done, FileTime.fromMillis(1_000_000_000_000L));
        byte[] before = Files.readAllBytes(done);
        // an interrupted run leaves only a partial file, which does not count as finished
        Files.writeString(out.resolve("terrain-000-c0.nc.partial"), "interrupted");
        CliRun resumed = CliRun.igm("generate", params.toString(), "--set", folder, "--resume", "--set",
                "generate.parallel_runs=1");
        assertEquals(0, resumed.code(), resumed.stdout() + resumed.stderr());
        assertTrue(resumed.stdout().contains("2 run(s) already done"), resumed.stdout());
        assertFalse(resumed.stdout().contains("synthetic-000-c0:"), resumed.stdout());
        assertTrue(resumed.stdout().contains("terrain-000-c0:") && resumed.stdout().contains("terrain-000-c12:"),
                resumed.stdout());
        assertEquals(FileTime.fromMillis(1_000_000_000_000L), Files.getLastModifiedTime(done));
        assertArrayEquals(before, Files.readAllBytes(done));
        assertEquals(RUN_FILES, runFiles(out));
        assertFalse(Files.exists(out.resolve("terrain-000-c0.nc.partial")));
        List<String> index = Files.readAllLines(out.resolve("runs.csv"));
        assertEquals(1 + 4, index.size(), String.join("\n", index));
        assertTrue(index.get(1).startsWith("synthetic-000-c0,0,"), index.get(1));
    }

    /**
     * The instructor runs have the runaway check of {@code igm run}, with the limits and the switch of the parameter
     * file: a largest thickness of 1 m stops each run (no file written, exit 1), and {@code run.runaway_check: false}
     * lets the same runs finish.
     */
    @Test
    void theRunawayCheckFollowsTheRunParameters() throws IOException {
        Path params = tinyParameters();
        String folder = "generate.folder=" + dir.resolve("thin");
        CliRun stopped = CliRun.igm("generate", params.toString(), "--set", folder, "--runs", "1", "--set",
                "run.max_thickness=1");
        assertEquals(1, stopped.code(), stopped.stdout() + stopped.stderr());
        assertTrue(stopped.stdout().contains("synthetic-000-c0: runaway at t = ")
                && stopped.stdout().contains("(failed; no file written)"), stopped.stdout());
        assertEquals(List.of(), runFiles(dir.resolve("thin")));

        CliRun unchecked = CliRun.igm("generate", params.toString(), "--set", "generate.folder=" + dir.resolve("off"),
                "--runs", "1", "--set", "run.max_thickness=1", "--set", "run.runaway_check=false");
        assertEquals(0, unchecked.code(), unchecked.stdout() + unchecked.stderr());
        assertEquals(List.of("synthetic-000-c0.nc"), runFiles(dir.resolve("off")));
    }

    private static List<String> runFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".nc")).sorted().toList();
        }
    }

    @Test
    void badParametersAreClearErrors() throws IOException {
        Path params = tinyParameters();
        String folder = "generate.folder=" + dir.resolve("never");
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[] {"generate.valleys=3", "unknown parameter 'generate.valleys'"});
        cases.add(new String[] {"generate.sliding_coefficients=[]", "generate.sliding_coefficients is empty"});
        cases.add(new String[] {"generate.ela_quantiles=[0.9, 0.2]", "generate.ela_quantiles = [0.9, 0.2] is not "
                + "valid"});
        cases.add(new String[] {"generate.ela_quantiles=[0.2]", "generate.ela_quantiles = [0.2] is not valid"});
        cases.add(new String[] {"generate.sliding_coefficients=[0, -1]",
            "generate.sliding_coefficients = -1.0 is out of range"});
        cases.add(new String[] {"generate.valley_cells=[24]", "generate.valley_cells = [24.0] is not valid"});
        cases.add(new String[] {"iceflow.method=emulator", "cannot instruct"});
        cases.add(new String[] {"generate.crop_cells=[500, 500]", "do not fit"});
        cases.add(new String[] {"generate.floor_slope=[0.1, 0.05]", "generate.floor_slope = [0.1, 0.05] is not "
                + "valid"});
        cases.add(new String[] {"generate.floor_slope=[0, 0.05]", "generate.floor_slope = [0.0, 0.05] is not valid"});
        cases.add(new String[] {"generate.first_valley=-1", "generate.first_valley"});
        for (String[] c : cases) {
            CliRun r = CliRun.igm("generate", params.toString(), "--set", folder, "--set", c[0]);
            assertEquals(1, r.code(), c[0] + ": " + r.stdout() + r.stderr());
            assertTrue(r.stderr().contains(c[1]), c[0] + ": " + r.stderr());
        }
        assertFalse(Files.exists(dir.resolve("never").resolve("runs.csv")));
    }

    @Test
    void aLaterGenerationAddsOtherValleysThatTrainingReadsTogether() throws IOException {
        Path params = tinyParameters();
        Path root = dir.resolve("data");
        List<String> common = List.of("--set", "generate.terrain_crops=0", "--set",
                "generate.sliding_coefficients=[0]", "--set", "generate.advance_years=4", "--set",
                "generate.retreat_years=2");
        CliRun first = CliRun.igm(withArgs(List.of("generate", params.toString(), "--set", "generate.folder=" + root),
                common));
        assertEquals(0, first.code(), first.stdout() + first.stderr());
        CliRun later = CliRun.igm(withArgs(List.of("generate", params.toString(), "--set", "generate.folder="
                + root.resolve("more"), "--set", "generate.first_valley=1", "--set",
                "generate.floor_slope=[0.03, 0.05]"),
                common));
        assertEquals(0, later.code(), later.stdout() + later.stderr());
        assertEquals(List.of("synthetic-001-c0.nc"), runFiles(root.resolve("more")));
        InstructorRunData d = InstructorSnapshotReader.read(root.resolve("more").resolve("synthetic-001-c0.nc"));
        assertEquals("synthetic-001", d.metadata().get("valley"));

        List<InstructorRunFile> runs = InstructorRunTree.read(root, "train.data", System.out);
        assertEquals(List.of("synthetic-001-c0", "synthetic-000-c0"), runs.stream().map(InstructorRunFile::id)
                .toList());

        // the same valley name from another seed is another valley: refused
        CliRun clash = CliRun.igm(withArgs(List.of("generate", params.toString(), "--set", "generate.folder="
                + root.resolve("clash"), "--set", "run.seed=8"), common));
        assertEquals(0, clash.code(), clash.stdout() + clash.stderr());
        igm.InputException e = org.junit.jupiter.api.Assertions.assertThrows(igm.InputException.class,
                () -> InstructorRunTree.read(root, "train.data", System.out));
        assertTrue(e.getMessage().contains("name their valley 'synthetic-000' but describe different valleys"),
                e.getMessage());

        // runs of another instructor may share the names (evaluate reads the held-out runs of all instructors)
        Files.walk(root.resolve("clash")).sorted(java.util.Comparator.reverseOrder())
                .forEach(f -> f.toFile().delete());
        CliRun other = CliRun.igm(withArgs(List.of("generate", params.toString(), "--set", "generate.folder="
                + root.resolve("hybrid"), "--set", "run.seed=8", "--set", "iceflow.method=hybrid"), common));
        assertEquals(0, other.code(), other.stdout() + other.stderr());
        assertEquals(3, InstructorRunTree.read(root, "evaluate.data", System.out).size());
    }

    private static String[] withArgs(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all.toArray(String[]::new);
    }

    @Test
    void theGenerateParametersFollowTheRunParameters() {
        List<String> components = ParameterRegistry.standard().components();
        assertEquals(List.of("run", "generate"), components.subList(0, 2));
    }

    @ParameterizedTest
    @CsvSource({"generate/hybrid.yaml, hybrid", "generate/blatter.yaml, blatter",
            "generate/blatter-large.yaml, blatter", "generate/hybrid-large.yaml, hybrid",
            "generate/blatter-slow.yaml, blatter", "generate/blatter-large-slow.yaml, blatter",
            "generate/hybrid-slow.yaml, hybrid", "generate/hybrid-large-slow.yaml, hybrid",
            "evaluate/generate-hybrid.yaml, hybrid",
            "evaluate/generate-blatter.yaml, blatter"})
    void theShippedExamplesReadAndPlan(String file, String instructor) throws IOException {
        Path example = Path.of("examples").resolve(file);
        Path out = dir.resolve("example-" + file.replace('/', '-'));
        CliRun r = CliRun.igm("generate", example.toString(), "--set", "generate.folder=" + out, "--set",
                "generate.advance_years=1", "--set", "generate.retreat_years=1", "--set",
                "generate.snapshot_interval=1", "--runs", "1");
        assertEquals(0, r.code(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("instructor " + instructor), r.stdout());
        assertEquals(1, runFiles(out).size());
    }
}
