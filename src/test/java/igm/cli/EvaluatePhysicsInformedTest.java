package igm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import igm.evaluation.EvaluationPipeline;
import igm.emulator.EmulatorTraining;
import igm.physics.iceflow.blatter.BlatterOptions;
import igm.physics.iceflow.blatter.PhysicsInformedNetwork;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code igm evaluate} with a physics-informed emulator beside the instructed ones: it is measured against the
 * converged blatter solve on snapshots of tiny held-out blatter runs, frozen and after a warm-up on each state, and the
 * warm-up brings it closer to the solver (eq. 7 and the energy gap); as the glacier-comparison emulator, it is
 * measured on the blatter run's states and run with the retraining of the parameters and with IGM's.
 */
class EvaluatePhysicsInformedTest {

    @TempDir
    Path dir;

    @Test
    void evaluateMeasuresAPhysicsInformedEmulatorAgainstTheConvergedSolver() throws IOException {
        Path generation = dir.resolve("gen.yaml");
        Files.writeString(generation, """
                run:
                  seed: 4
                iceflow:
                  method: blatter
                  blatter_levels: 5
                generate:
                  folder: %s
                  dx: 200
                  synthetic_valleys: 1
                  valley_cells: [20, 28]
                  sliding_coefficients: [6]
                  advance_years: 12
                  retreat_years: 2
                  snapshot_interval: 4
                """.formatted(dir.resolve("gen")));
        CliRun g = CliRun.igm("generate", generation.toString());
        assertEquals(0, g.code(), g.stdout() + g.stderr());
        Path emulators = dir.resolve("library");
        PhysicsInformedNetwork net = PhysicsInformedNetwork.initialise(2, 8, 3, new double[] {200, 0.5, 0.5, 100, 25},
                50, BlatterOptions.defaults().withLevels(5), 5);
        net.write(emulators.resolve("pinn"), "pinn", "a tiny untrained network", 200, Map.of(),
                new EmulatorTraining(0, 1, 1e-3, 0, PhysicsInformedNetwork.LOSS, 0, 0), 5, Map.of());
        Path reports = dir.resolve("reports");
        CliRun e = CliRun.igm("evaluate", Path.of("examples/aletsch/params.yaml").toAbsolutePath().toString(),
                "--set", "evaluate.folder=" + reports, "--set", "evaluate.emulators=" + emulators,
                "--set", "evaluate.data=" + dir.resolve("gen"), "--set", "evaluate.timing_calls=1",
                "--set", "evaluate.physics_states=2", "--set", "evaluate.warmup_iterations=200",
                "--set", "evaluate.warmup_learning_rate=0.003", "--set", "iceflow.blatter_levels=5",
                "--set", "evaluate.aletsch_emulator=" + emulators.resolve("pinn"), "--set", "input.coarsen=2",
                "--set", "time.end=2002", "--set", "evaluate.track_interval=1",
                "--set", "iceflow.emulator_warmup_iterations=20", "--set", "iceflow.emulator_retrain_interval=2",
                "--set", "iceflow.emulator_learning_rate=0.001");
        assertEquals(0, e.code(), e.stdout() + e.stderr());
        String md = Files.readString(reports.resolve(EvaluationPipeline.REPORT_FILE));
        assertTrue(md.contains("## Physics-informed emulator pinn against the converged blatter solve"), md);
        assertFalse(md.contains("Table 1 analog"), "no instructed emulator, no Table 1: " + md);
        List<String> rows = md.lines().filter(l -> l.startsWith("| frozen |") || l.startsWith("| after 200 "))
                .toList();
        assertEquals(4, rows.size(), "held-out states, then the glacier's: " + md);
        double frozen = percent(rows.get(0), 2);
        double warmed = percent(rows.get(1), 2);
        double frozenGap = Double.parseDouble(rows.get(0).split("\\|")[8].trim());
        double warmedGap = Double.parseDouble(rows.get(1).split("\\|")[8].trim());
        assertTrue(warmed < 0.5 * frozen, "the warm-up brings the network closer to the solver: " + rows);
        assertTrue(warmedGap < frozenGap && warmedGap > -1e-3, "energy gap falls and stays above the minimum: "
                + rows);
        assertTrue(md.contains("blatter run's states of 2000, 2002"), "the network on the glacier's blatter states: "
                + md);
        assertTrue(md.contains("instructor against emulator (warm-up 20 iterations, 1 iteration(s) every 2 steps,"
                + " learning rate 0.001)"), md);
        assertTrue(md.contains("instructor against emulator (IGM's retraining: warm-up 1 iterations, 1 iteration(s)"
                + " every 10 steps, learning rate 0.00002)"), md);
        for (String f : List.of("aletsch_timeseries.png", "aletsch_timeseries_igm_retraining.png",
                "aletsch_thickness_difference_igm_retraining.png", "aletsch_timeseries_igm_retraining.csv")) {
            assertTrue(Files.size(reports.resolve(f)) > 0, f);
        }
    }

    private static double percent(String row, int column) {
        return Double.parseDouble(row.split("\\|")[column].trim().replace(" %", ""));
    }
}
