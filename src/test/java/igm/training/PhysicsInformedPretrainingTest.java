package igm.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import igm.InputException;
import igm.emulator.EmulatorManifest;
import igm.instruct.GenerationPipeline;
import igm.instruct.GenerationSettings;
import igm.params.ParameterFile;
import igm.params.ParameterRegistry;
import igm.params.Parameters;
import igm.physics.iceflow.blatter.PhysicsInformedNetwork;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The physics-informed pretraining on tiny glaciers grown by shallow-ice runs (three valleys of 24 × 32 cells of
 * 200 m, one held out) with a tiny network: the weights are bit-identical for one and two threads and after a resume;
 * the learning curves and the emulator folder are written; the held-out relative L1 against the converged
 * {@code blatter} solver falls with training; a bad range, or the data selection of the L1 training, is one clear
 * error.
 */
class PhysicsInformedPretrainingTest {

    @TempDir
    static Path data;

    @TempDir
    Path dir;

    @BeforeAll
    static void generate() {
        Parameters g = ParameterFile.load(ParameterRegistry.standard(), """
                run:
                  seed: 3
                generate:
                  folder: gen
                  dx: 200
                  synthetic_valleys: 3
                  valley_cells: [24, 32]
                  sliding_coefficients: [0]
                  advance_years: 40
                  retreat_years: 10
                  snapshot_interval: 10
                  parallel_runs: 1
                iceflow:
                  method: sia
                """, "gen.yaml", data, List.of());
        GenerationSettings generation = GenerationSettings.from(g);
        new GenerationPipeline(g, generation, false).run(generation.runs(), quiet());
    }

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    }

    private PretrainingSettings settings(String work, int threads, int epochs, String extra) {
        Parameters p = ParameterFile.load(ParameterRegistry.standard(), String.format(Locale.ROOT, """
                run:
                  seed: 5
                iceflow:
                  blatter_levels: 4
                train:
                  loss: blatter_energy
                  data: %s
                  emulator: %s-emulator
                  work_folder: %s
                  layers: 2
                  filters: 8
                  epochs: %d
                  batch_size: 4
                  learning_rate: 0.003
                  patch_size: 16
                  patches_per_snapshot: 2
                  validation_valleys: synthetic-002
                  held_out_states: 2
                  reference_tolerance: 1e-8
                  threads: %d
                %s""", data.resolve("gen"), work, work, epochs, threads, extra), "test.yaml", dir, List.of());
        return PretrainingSettings.from(p, dir.resolve("test.yaml"));
    }

    @Test
    void weightsAreBitIdenticalForAnyThreadCountAndAfterAResume() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PhysicsInformedPretraining.Result straight = new PhysicsInformedPretraining(settings("a", 1, 2, ""), false)
                .run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("held out: synthetic-002"), out);
        assertTrue(out.contains("epoch    2: energy"), out);
        new PhysicsInformedPretraining(settings("b", 2, 1, ""), false).run(quiet());
        PhysicsInformedPretraining.Result resumed = new PhysicsInformedPretraining(settings("b", 2, 2, ""), true)
                .run(quiet());
        assertArrayEquals(straight.network().parameters(), resumed.network().parameters(),
                "one thread in one go = two threads, interrupted and resumed");
        assertEquals(3, resumed.epochs().size(), "epochs 0, 1 (read back from the curve) and 2");
        for (int k = 0; k < 3; k++) {
            PhysicsInformedPretraining.Epoch x = straight.epochs().get(k);
            PhysicsInformedPretraining.Epoch y = resumed.epochs().get(k);
            assertEquals(x.heldOutRelativeL1(), y.heldOutRelativeL1(), 1e-5 * x.heldOutRelativeL1(), "epoch " + k);
            if (k > 0) {
                assertEquals(x.energy(), y.energy(), 1e-9 * Math.abs(x.energy()), "epoch " + k);
            }
        }
        for (String f : List.of(PhysicsInformedPretraining.CURVE_CSV, PhysicsInformedPretraining.ENERGY_PNG,
                PhysicsInformedPretraining.HELD_OUT_PNG, HeldOutReference.FILE, TrainingWorkFolder.CHECKPOINT_FILE)) {
            assertTrue(Files.isRegularFile(dir.resolve("a").resolve(f)), f);
        }
        EmulatorManifest m = EmulatorManifest.read(dir.resolve("a-emulator").resolve(EmulatorManifest.FILE_NAME));
        assertEquals(PhysicsInformedNetwork.INSTRUCTOR, m.instructor().name());
        assertEquals(2, m.training().epochs());
        assertTrue(m.validationScores().containsKey("held_out_relative_l1_ubar"), m.validationScores().toString());
        PhysicsInformedNetwork loaded = PhysicsInformedNetwork.load(dir.resolve("a-emulator"), 200,
                straight.network().options());
        assertArrayEquals(straight.network().parameters(), loaded.parameters(), "the emulator folder's weights");
    }

    /**
     * Samples weighted by their shallow-ice scale: bit-identical for any thread count, other weights than without the
     * weighting, the energy reported in units of the scales, and the weighting recorded in the manifest.
     */
    @Test
    void weightedSamplesAreReproducibleAndRecorded() throws java.io.IOException {
        String weighting = "  energy_weighting: shallow_ice\n";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PhysicsInformedPretraining.Result one = new PhysicsInformedPretraining(settings("w1", 1, 2, weighting), false)
                .run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        PhysicsInformedPretraining.Result two = new PhysicsInformedPretraining(settings("w2", 2, 2, weighting), false)
                .run(quiet());
        PhysicsInformedPretraining.Result plain = new PhysicsInformedPretraining(settings("w3", 2, 2, ""), false)
                .run(quiet());
        assertArrayEquals(one.network().parameters(), two.network().parameters(), "one thread = two threads");
        assertFalse(Arrays.equals(one.network().parameters(), plain.network().parameters()),
                "the weighting changes the training");
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("samples weighted: shallow_ice") && out.contains("shallow-ice scales"), out);
        String manifest = Files.readString(dir.resolve("w1-emulator").resolve(EmulatorManifest.FILE_NAME));
        assertTrue(manifest.contains("\"energy_weighting\" : \"shallow_ice\""), manifest);
    }

    /**
     * A network continued with the slab velocity inputs starts as the network it continues (its held-out error before the
     * first epoch is the one the first training ended with), is written with seven inputs, and cannot be continued
     * without them.
     */
    @Test
    void slabVelocityInputsAreAddedToAnInitialEmulator() {
        PhysicsInformedPretraining.Result plain = new PhysicsInformedPretraining(settings("s0", 2, 1, ""), false)
                .run(quiet());
        String sia = "  slab_velocity_inputs: true\n";
        PhysicsInformedPretraining.Result wide = new PhysicsInformedPretraining(settings("s1", 2, 1,
                sia + "  initial_emulator: s0-emulator\n"), false).run(quiet());
        double before = plain.epochs().getLast().heldOutRelativeL1();
        assertEquals(before, wide.epochs().getFirst().heldOutRelativeL1(), 1e-5 * before,
                "the widened network is the network it was widened from");
        assertTrue(wide.network().slabVelocityInputs());
        EmulatorManifest m = EmulatorManifest.read(dir.resolve("s1-emulator").resolve(EmulatorManifest.FILE_NAME));
        assertEquals(PhysicsInformedNetwork.SLAB_INPUT_NAMES,
                m.inputs().stream().map(igm.emulator.EmulatorField::name).toList());
        assertEquals(Boolean.TRUE, m.trainingData().get("slab_velocity_inputs"));
        InputException e = assertThrows(InputException.class, () -> new PhysicsInformedPretraining(
                settings("s2", 2, 1, "  initial_emulator: s1-emulator\n"), false).run(quiet()));
        assertTrue(e.getMessage().contains("train.slab_velocity_inputs = false"), e.getMessage());
    }

    @Test
    void heldOutErrorAgainstTheConvergedSolverFallsWithTraining() {
        PhysicsInformedPretraining.Result r = new PhysicsInformedPretraining(settings("c", 2, 60, ""), false)
                .run(quiet());
        PhysicsInformedPretraining.Epoch first = r.epochs().getFirst();
        PhysicsInformedPretraining.Epoch last = r.epochs().getLast();
        System.out.printf(Locale.ROOT, "held-out relative L1 of ū: %.4f before, %.4f after %d epochs; energy gap "
                        + "%.4g → %.4g; training energy %.5g → %.5g MPa m/a%n", first.heldOutRelativeL1(),
                last.heldOutRelativeL1(), last.epoch(), first.heldOutEnergyGap(), last.heldOutEnergyGap(),
                r.epochs().get(1).energy(), last.energy());
        // 300 Adam steps of a 2×8 network on 20 patches an epoch: far from converged, but clearly on its way
        assertTrue(last.heldOutRelativeL1() < 0.85 * first.heldOutRelativeL1(), "relative L1 falls: "
                + first.heldOutRelativeL1() + " → " + last.heldOutRelativeL1());
        assertTrue(last.heldOutEnergyGap() < 0.8 * first.heldOutEnergyGap(), "energy gap falls: "
                + first.heldOutEnergyGap() + " → " + last.heldOutEnergyGap());
        assertTrue(last.energy() < r.epochs().get(1).energy() && last.energy() < 0, "training energy falls below"
                + " that at rest (0)");
    }

    @Test
    void aBadSettingIsOneClearError() {
        InputException e = assertThrows(InputException.class,
                () -> settings("d", 1, 1, "  rate_factor_range: [100, 50]\n"));
        assertTrue(e.getMessage().contains("train.rate_factor_range = [100.0, 50.0]")
                && e.getMessage().contains("lowest ≤ highest"), e.getMessage());
        InputException selection = assertThrows(InputException.class,
                () -> settings("d", 1, 1, "  selection: true\n"));
        assertTrue(selection.getMessage().contains("train.selection = true"), selection.getMessage());
    }
}
