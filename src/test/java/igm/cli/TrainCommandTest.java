package igm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import igm.emulator.Emulator;
import igm.emulator.EmulatorManifest;
import igm.emulator.training.TrainableNetwork;
import igm.evaluation.EvaluationPipeline;
import igm.params.ParameterFile;
import igm.params.Parameters;
import igm.training.TrainingWorkFolder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick end-to-end of issue 4: {@code igm generate} on tiny synthetic valleys (SIA instructor, 200 m, a few
 * decades), {@code igm train} of a small network for a few epochs (the loss falls, the manifest is valid), the
 * emulator loads and drives {@code igm run}; a training resumed from its checkpoint equals the uninterrupted one, the
 * data selection writes its table, an emulator can be continued in place, and every training of
 * {@code examples/train} starts from nothing or from what another of them writes.
 */
class TrainCommandTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void generate() throws IOException {
        Files.writeString(dir.resolve("gen.yaml"), """
                run:
                  seed: 3
                generate:
                  folder: %s
                  dx: 200
                  synthetic_valleys: 3
                  valley_cells: [40, 48]
                  sliding_coefficients: [0, 12]
                  advance_years: 20
                  retreat_years: 20
                  snapshot_interval: 4
                iceflow:
                  method: sia
                """.formatted(dir.resolve("gen")));
        CliRun g = CliRun.igm("generate", dir.resolve("gen.yaml").toString());
        assertEquals(0, g.code(), g.stdout() + g.stderr());
    }

    private static Path trainParameters(String name, int epochs, boolean selection) throws IOException {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, """
                run:
                  seed: 5
                train:
                  data: %s
                  emulator: %s
                  work_folder: %s
                  layers: 3
                  filters: 8
                  epochs: %d
                  batch_size: 16
                  learning_rate: 0.003
                  learning_rate_decay: 0.9
                  patch_size: 16
                  patches_per_snapshot: 2
                  validation_fraction: 0.34
                  selection: %b
                  selection_epochs: 1
                """.formatted(dir.resolve("gen"), dir.resolve(name + "-emulator"), dir.resolve(name + "-work"),
                epochs, selection));
        return file;
    }

    @Test
    void trainsAnEmulatorThatLoadsAndRuns() throws IOException {
        CliRun t = CliRun.igm("train", trainParameters("quick", 8, false).toString());
        assertEquals(0, t.code(), t.stdout() + t.stderr());
        List<String> curve = Files.readAllLines(dir.resolve("quick-work").resolve(TrainingWorkFolder.CURVE_CSV));
        assertEquals(9, curve.size(), "header and one line per epoch");
        double first = Double.parseDouble(curve.get(1).split(",")[2]);
        double last = Double.parseDouble(curve.get(8).split(",")[2]);
        assertTrue(last < 0.8 * first, "training loss " + first + " → " + last);
        assertTrue(Files.size(dir.resolve("quick-work").resolve(TrainingWorkFolder.CURVE_PNG)) > 0);

        Path folder = dir.resolve("quick-emulator");
        try (Emulator e = Emulator.load(folder, 200, 1)) {
            EmulatorManifest m = e.manifest().orElseThrow();
            assertEquals(200, m.gridSpacing());
            assertEquals("sia", m.instructor().name());
            assertEquals(3, m.architecture().hiddenLayers());
            assertEquals(8, m.training().epochs());
            assertEquals(5, m.seed());
            assertEquals(0.9, ((Number) m.trainingData().get("learning_rate_decay")).doubleValue());
            assertTrue(m.validationScores().get("relative_l1") > 0, m.validationScores().toString());
            List<?> held = (List<?>) m.trainingData().get("validation_runs");
            assertEquals(2, held.size(), "one valley held out, with both its runs: " + held);
            String valley = held.get(0).toString().replace("-c0", "");
            assertEquals(List.of(valley + "-c0", valley + "-c12"), held);
        }

        Path run = dir.resolve("run");
        CliRun r = CliRun.igm("run", Path.of("examples/aletsch/params.yaml").toAbsolutePath().toString(),
                "--set", "iceflow.method=emulator", "--set", "iceflow.emulator=" + folder, "--set",
                "input.coarsen=2", "--set", "time.end=2004", "--set", "output.folder=" + run, "--set",
                "output.plots=false", "--no-progress");
        assertEquals(0, r.code(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("ice flow emulator"), r.stdout());
    }

    @Test
    void evaluateWritesTheTablesAndTheGlacierComparison() throws IOException {
        Path emulators = dir.resolve("library");
        Files.createDirectories(emulators);
        Path small = trainParameters("eval", 2, false);
        CliRun t = CliRun.igm("train", small.toString(), "--set", "train.emulator=" + emulators.resolve("tiny"));
        assertEquals(0, t.code(), t.stdout() + t.stderr());
        CliRun t2 = CliRun.igm("train", small.toString(), "--set", "train.emulator=" + emulators.resolve("wide"),
                "--set", "train.filters=12", "--set", "train.work_folder=" + dir.resolve("eval-work-2"));
        assertEquals(0, t2.code(), t2.stdout() + t2.stderr());
        Path reports = dir.resolve("reports");
        CliRun e = CliRun.igm("evaluate", Path.of("examples/aletsch/params.yaml").toAbsolutePath().toString(),
                "--set", "evaluate.folder=" + reports, "--set", "evaluate.emulators=" + emulators,
                "--set", "evaluate.data=" + dir.resolve("gen"), "--set", "evaluate.aletsch_emulator="
                        + emulators.resolve("tiny"), "--set", "evaluate.timing_calls=2",
                "--set", "input.coarsen=2", "--set", "time.end=2003", "--set", "evaluate.track_interval=1");
        assertEquals(0, e.code(), e.stdout() + e.stderr());
        String md = Files.readString(reports.resolve(EvaluationPipeline.REPORT_FILE));
        List<String> rows = md.lines().filter(l -> l.startsWith("| tiny |") || l.startsWith("| wide |")).toList();
        assertEquals(2, rows.size(), md);
        String[] cells = rows.get(0).split("\\|");
        assertEquals("sia", cells[2].trim());
        assertEquals("3", cells[3].trim(), "N_lay");
        double relative = Double.parseDouble(cells[9].trim().replace(" %", ""));
        assertTrue(relative > 0 && relative < 200, rows.get(0));
        assertTrue(md.contains("| 0 |") && md.contains("| 12 |"), "Table 2 has a row per sliding coefficient: " + md);
        assertTrue(md.contains("Thickness RMSE at the end") && md.contains("half-way"), md);
        String sia = md.lines().filter(l -> l.startsWith("| sia |")).findFirst().orElseThrow();
        assertTrue(sia.split("\\|")[8].trim().equals("1"), "the instructor is the reference of the speed-up: " + sia);
        for (String f : List.of(EvaluationPipeline.TIMESERIES_PNG, EvaluationPipeline.DIFFERENCE_PNG,
                EvaluationPipeline.TIMESERIES_CSV)) {
            assertTrue(Files.size(reports.resolve(f)) > 0, f);
        }
        assertEquals(5, Files.readAllLines(reports.resolve(EvaluationPipeline.TIMESERIES_CSV)).size(),
                "header and the years 2000 to 2003");
        List<String> years = md.lines().filter(l -> l.matches("\\| 200[0-3] \\|.*")).toList();
        assertEquals(4, years.size(), "a row per tracked year: " + md);
        String[] start = years.get(0).split("\\|");
        assertEquals("0.0", start[2].trim(), "both runs start from the same state: " + years.get(0));
        assertEquals(start[3].trim(), start[4].trim(), "the same initial volume: " + years.get(0));
        double onState = Double.parseDouble(start[5].trim().replace(" %", ""));
        assertTrue(onState > 0 && onState < 200, "the emulator on the instructor's state: " + years.get(0));
        assertTrue(Double.parseDouble(years.get(3).split("\\|")[2].trim()) > 0, "the runs drift apart: " + years);
    }

    @Test
    void namedValleysAreHeldOut() throws IOException {
        Path params = trainParameters("named", 1, false);
        CliRun t = CliRun.igm("train", params.toString(), "--set", "train.validation_valleys=synthetic-002");
        assertEquals(0, t.code(), t.stdout() + t.stderr());
        try (Emulator e = Emulator.load(dir.resolve("named-emulator"), 200, 1)) {
            assertEquals(List.of("synthetic-002-c0", "synthetic-002-c12"),
                    e.manifest().orElseThrow().trainingData().get("validation_runs"));
        }
        CliRun unknown = CliRun.igm("train", params.toString(), "--set", "train.validation_valleys=synthetic-009",
                "--set", "train.work_folder=" + dir.resolve("named-work-2"));
        assertEquals(1, unknown.code());
        assertTrue(unknown.stderr().contains("train.validation_valleys names 'synthetic-009'")
                && unknown.stderr().contains("synthetic-000, synthetic-001, synthetic-002"), unknown.stderr());
        CliRun all = CliRun.igm("train", params.toString(), "--set",
                "train.validation_valleys=synthetic-000, synthetic-001,synthetic-002", "--set",
                "train.work_folder=" + dir.resolve("named-work-3"));
        assertEquals(1, all.code());
        assertTrue(all.stderr().contains("holds out every valley"), all.stderr());
    }

    @Test
    void fineTuningStartsFromTheGivenEmulator() throws IOException {
        CliRun base = CliRun.igm("train", trainParameters("base", 6, false).toString());
        assertEquals(0, base.code(), base.stdout() + base.stderr());
        Path tune = trainParameters("tuned", 1, false);
        CliRun t = CliRun.igm("train", tune.toString(), "--set", "train.initial_emulator=" + dir.resolve(
                "base-emulator"), "--set", "train.learning_rate=1e-9");
        assertEquals(0, t.code(), t.stdout() + t.stderr());
        assertTrue(t.stdout().contains("starting from the weights and scales of"), t.stdout());
        float[] before = parameters(dir.resolve("base-emulator"));
        float[] after = parameters(dir.resolve("tuned-emulator"));
        double change = largestChange(before, after);
        assertTrue(change < 1e-5, "a tiny learning rate leaves the starting weights: " + change);
        try (Emulator a = Emulator.load(dir.resolve("base-emulator"), 200, 1);
             Emulator b = Emulator.load(dir.resolve("tuned-emulator"), 200, 1)) {
            assertEquals(a.inputs(), b.inputs(), "the starting emulator's scales");
            assertEquals(dir.resolve("base-emulator").toString(),
                    b.manifest().orElseThrow().trainingData().get("initial_emulator"));
        }
        CliRun wrong = CliRun.igm("train", tune.toString(), "--set", "train.initial_emulator=" + dir.resolve(
                "base-emulator"), "--set", "train.layers=4", "--set", "train.emulator=" + dir.resolve("never"));
        assertEquals(1, wrong.code());
        assertTrue(wrong.stderr().contains("train.initial_emulator") && wrong.stderr().contains("4×8"),
                wrong.stderr());
    }

    @Test
    void anEmulatorContinuedInPlaceIsReplacedByTheContinuedNetwork() throws IOException {
        CliRun first = CliRun.igm("train", trainParameters("in-place", 2, false).toString());
        assertEquals(0, first.code(), first.stdout() + first.stderr());
        Path folder = dir.resolve("in-place-emulator");
        float[] before = parameters(folder);
        CliRun again = CliRun.igm("train", dir.resolve("in-place.yaml").toString(), "--set",
                "train.initial_emulator=" + folder, "--set", "train.epochs=1", "--set", "run.seed=6");
        assertEquals(0, again.code(), again.stdout() + again.stderr());
        float[] after = parameters(folder);
        double change = largestChange(before, after);
        assertTrue(change > 1e-4, "a further epoch changed the weights in the folder: " + change);
        try (Emulator e = Emulator.load(folder, 200, 1)) {
            EmulatorManifest m = e.manifest().orElseThrow();
            assertEquals(folder.toString(), m.trainingData().get("initial_emulator"));
            assertEquals(6L, m.seed());
        }
    }

    @Test
    void theShippedTrainingRecipeIsClosed() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("examples", "train"))) {
            files = s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.size() >= 5, files.toString());
        Map<Path, Parameters> recipe = new LinkedHashMap<>();
        for (Path f : files) {
            recipe.put(f, ParameterFile.load(f, List.of()));
        }
        List<Path> made = recipe.values().stream().map(p -> p.path("train.emulator")).toList();
        for (Map.Entry<Path, Parameters> e : recipe.entrySet()) {
            Path initial = e.getValue().path("train.initial_emulator");
            if (initial != null) {
                assertTrue(made.contains(initial),
                        e.getKey() + " starts from " + initial + ", which no training of " + files + " writes");
            }
        }
    }

    @Test
    void resumedTrainingEqualsTheUninterruptedOne() throws IOException {
        CliRun whole = CliRun.igm("train", trainParameters("whole", 4, false).toString());
        assertEquals(0, whole.code(), whole.stdout() + whole.stderr());
        Path split = trainParameters("split", 2, false);
        CliRun a = CliRun.igm("train", split.toString());
        assertEquals(0, a.code(), a.stdout() + a.stderr());
        CliRun b = CliRun.igm("train", split.toString(), "--resume", "--set", "train.epochs=4");
        assertEquals(0, b.code(), b.stdout() + b.stderr());
        assertTrue(b.stdout().contains("resuming after epoch 2"), b.stdout());
        assertArrayEquals(parameters(dir.resolve("whole-emulator")), parameters(dir.resolve("split-emulator")));

        CliRun changed = CliRun.igm("train", split.toString(), "--resume", "--set", "train.learning_rate=0.01");
        assertEquals(1, changed.code());
        assertTrue(changed.stderr().contains("parameters differ"), changed.stderr());
    }

    @Test
    void dataSelectionWritesItsTable() throws IOException {
        CliRun t = CliRun.igm("train", trainParameters("select", 5, true).toString());
        assertEquals(0, t.code(), t.stdout() + t.stderr());
        List<String> table = Files.readAllLines(dir.resolve("select-work").resolve(TrainingWorkFolder.SELECTION_CSV));
        assertEquals(5, table.size(), "header and the four training runs");
        assertTrue(table.get(1).endsWith(",true"), "the largest run is kept: " + table.get(1));
        assertTrue(t.stdout().contains("selection kept"), t.stdout());
    }

    /** The largest |after − before| over the network's parameters. */
    private static double largestChange(float[] before, float[] after) {
        double change = 0;
        for (int k = 0; k < before.length; k++) {
            change = Math.max(change, Math.abs(after[k] - before[k]));
        }
        return change;
    }

    private static float[] parameters(Path folder) {
        try (Emulator e = Emulator.load(folder, 200, 1)) {
            return TrainableNetwork.fromLayers(e.network().layers(), e.network().leakyAlpha()).parameters();
        }
    }
}
