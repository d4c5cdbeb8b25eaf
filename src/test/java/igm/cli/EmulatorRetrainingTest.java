package igm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import igm.SharedData;
import igm.emulator.EmulatorTraining;
import igm.physics.iceflow.blatter.BlatterOptions;
import igm.physics.iceflow.blatter.PhysicsInformedNetwork;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code igm run} with a physics-informed emulator retrained in the run: the run logs the schedule and the energy
 * trend; retraining asked of an instructed emulator (no physics in its manifest) or of IGM's f15 (no manifest) is
 * refused with one line naming the folder and what is missing, exit code 1, and no output.
 */
class EmulatorRetrainingTest {

    @TempDir
    Path dir;

    /** A tiny untrained physics-informed emulator (2 layers of 8 filters, 3 levels) written into {@code folder}. */
    static Path tinyPhysicsInformedEmulator(Path folder, double gridSpacing) {
        PhysicsInformedNetwork.initialise(2, 8, 3, new double[] {300, 0.3, 0.3, 100, 25}, 50,
                BlatterOptions.defaults().withLevels(3).withThreads(1), 4).write(folder, "tiny-pinn",
                "an untrained network for tests", gridSpacing, Map.of("geometries", "none"),
                new EmulatorTraining(0, 1, 1e-3, 0, PhysicsInformedNetwork.LOSS, 0, 0), 4, Map.of());
        return folder;
    }

    private CliRun run(String... sets) {
        List<String> args = new ArrayList<>(List.of("run", RunCommandTest.EXAMPLE.toString(), "--no-progress",
                "--set", "output.folder=" + dir.resolve("output"), "--set", "input.crop=[50, 80, 48, 48]", "--set",
                "time.end=2001", "--set", "output.plots=false"));
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        return CliRun.igm(args.toArray(String[]::new));
    }

    @Test
    void aRetrainedRunLogsItsScheduleAndEnergyTrend() {
        Path emulator = tinyPhysicsInformedEmulator(dir.resolve("pinn"), 100);
        CliRun r = run("iceflow.emulator=" + emulator, "iceflow.emulator_warmup_iterations=20",
                "iceflow.emulator_retrain_interval=1", "iceflow.emulator_learning_rate=0.002");
        assertEquals(0, r.code(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("physics-informed emulator " + emulator + ": " ), r.stdout());
        assertTrue(r.stdout().contains("warm-up 20 iterations, retrained every 1 steps with 1 iteration"), r.stdout());
        String summary = r.stdout().lines().filter(l -> l.startsWith("emulator training: ")).findFirst()
                .orElseThrow(() -> new AssertionError(r.stdout()));
        assertTrue(summary.matches("emulator training: warm-up 20 iterations, energy per area \\S+ → \\S+ MPa m/a; "
                + "\\d+ retrainings \\(\\d+ iterations\\), energy per area before → after: first \\S+ → \\S+, last "
                + "\\S+ → \\S+ MPa m/a; time in training \\S+ s \\(\\d+%\\)"), summary);
    }

    @Test
    void retrainingAnInstructedEmulatorIsRefused() {
        Path emulator = Path.of("emulators", "blatter-100m").toAbsolutePath();
        assertRefused(run("iceflow.emulator=" + emulator, "iceflow.emulator_retrain_interval=10"), emulator,
                "iceflow.emulator_retrain_interval = 10", "names the instructor 'blatter'", "'blatter-energy'");
        assertRefused(run("iceflow.emulator=" + emulator, "iceflow.emulator_warmup_iterations=5"), emulator,
                "iceflow.emulator_warmup_iterations = 5", "'blatter-energy'");
    }

    @Test
    void retrainingIgmsF15IsRefused() {
        Path f15 = SharedData.f15EmulatorFolder();
        Assumptions.assumeTrue(f15 != null, "IGM's f15 emulator not found in ../shared/data: skipped");
        assertRefused(run("iceflow.emulator=" + f15.toAbsolutePath(), "iceflow.emulator_retrain_interval=10"),
                f15.toAbsolutePath(), "it has no manifest", "'blatter-energy'");
    }

    @Test
    void retrainingASymmetrisedEmulatorIsRefused() {
        Path emulator = tinyPhysicsInformedEmulator(dir.resolve("pinn"), 100);
        assertRefused(run("iceflow.emulator=" + emulator, "iceflow.emulator_retrain_interval=10",
                "iceflow.emulator_symmetrise=true"), emulator, "iceflow.emulator_symmetrise = true");
    }

    private void assertRefused(CliRun r, Path folder, String... parts) {
        String message = r.stderr().strip();
        assertEquals(1, r.code(), r.stdout() + message);
        assertEquals(1, message.lines().count(), "one line: " + message);
        assertTrue(message.contains(folder.toString()), message);
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "message should contain «" + part + "»: " + message);
        }
        assertTrue(Files.notExists(dir.resolve("output")), "no output for a run that could not start");
    }
}
