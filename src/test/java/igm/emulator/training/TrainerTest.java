package igm.emulator.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import igm.InputException;
import igm.emulator.EmulatorField;
import igm.emulator.data.ChannelLayout;
import igm.emulator.data.FieldScales;
import igm.emulator.data.Patch;
import igm.emulator.data.PatchSampler;
import igm.emulator.data.PatchSet;
import igm.emulator.data.Snapshot;
import igm.grid.Grid2D;
import igm.operator.SurfaceSlope;
import igm.physics.iceflow.IceFlowInput;
import igm.physics.iceflow.IceFlowResult;
import igm.physics.iceflow.ShallowIceFlow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training on patches of SIA glaciers with a small network: the loss falls, a resumed training equals the
 * uninterrupted one bit for bit, and the data selection keeps a run that teaches something new (ice four times
 * softer: new inputs, faster flow) and leaves out a run the pool already holds.
 */
class TrainerTest {

    private static final int SIZE = 12;
    private static final Architecture SMALL = Architecture.of(5, 6, 2, 8, 3);

    /** Patches of an SIA ice cap on a sloping bed; {@code factor} scales the ice thickness. */
    private static PatchSet patches(String source, double factor, int count, long seed) {
        return patches(source, factor, 78, count, seed);
    }

    /**
     * The same with rate factor {@code rate}, MPa⁻³ a⁻¹, normalised for every run by the typical values of the
     * reference cap (factor 1, A = 78).
     */
    private static PatchSet patches(String source, double factor, double rate, int count, long seed) {
        ChannelLayout layout = ChannelLayout.standard();
        Snapshot reference = snapshot("reference", 1, 78);
        List<EmulatorField> in = FieldScales.typical(List.of(reference), layout.inputs());
        List<EmulatorField> out = FieldScales.typical(List.of(reference), layout.outputs());
        List<Patch> p = new PatchSampler(layout, in, out, SIZE).sample(snapshot(source, factor, rate), count,
                new SplittableRandom(seed));
        return new PatchSet(layout, SIZE).addAll(p);
    }

    private static Snapshot snapshot(String source, double factor, double rate) {
        Grid2D grid = Grid2D.of(24, 20, 100);
        int n = grid.size();
        double[] bed = new double[n];
        double[] h = new double[n];
        double[] c = new double[n];
        double[] a = new double[n];
        double[] s = new double[n];
        for (int j = 0; j < 20; j++) {
            for (int i = 0; i < 24; i++) {
                int k = grid.index(i, j);
                bed[k] = 2000 - 5.0 * i + 2.0 * j;
                double r2 = Math.pow((i - 11.5) / 10, 2) + Math.pow((j - 9.5) / 8, 2);
                h[k] = r2 < 1 ? factor * 120 * (1 - r2) : 0;
                c[k] = 10;
                a[k] = rate;
                s[k] = bed[k] + h[k];
            }
        }
        IceFlowResult r = new ShallowIceFlow().solve(new IceFlowInput(grid, h, s, c, a));
        double[][] slope = SurfaceSlope.gradient(grid, s);
        Map<String, double[]> f = new HashMap<>(Map.of("thk", h, "slopsurfx", slope[0], "slopsurfy", slope[1],
                "arrhenius", a, "slidingco", c, "ubar", r.ubar(), "vbar", r.vbar()));
        f.putAll(Map.of("uvelsurf", r.uSurface(), "vvelsurf", r.vSurface(), "uvelbase", r.uBase(),
                "vvelbase", r.vBase()));
        return new Snapshot(source, 0, grid, f);
    }

    private static TrainingOptions options(long seed, int threads) {
        return new TrainingOptions(8, 3e-3, 1.0, true, seed, threads);
    }

    @Test
    void lossFallsAndValidationIsRecorded() {
        PatchSet train = patches("a", 1, 32, 1);
        PatchSet valid = patches("b", 0.9, 8, 2);
        try (Trainer t = new Trainer(TrainableNetwork.initialise(SMALL, 3), options(5, 2))) {
            double before = t.loss(train);
            for (int e = 0; e < 15; e++) {
                t.epoch(train, valid);
            }
            double after = t.loss(train);
            assertTrue(after < 0.5 * before, "training loss " + before + " → " + after);
            EpochRecord last = t.history().get(14);
            assertEquals(15, last.epoch());
            assertEquals(32, last.samples());
            assertTrue(Double.isFinite(last.validationLoss()) && last.samplesPerSecond() > 0);
        }
    }

    @Test
    void resumedTrainingEqualsTheUninterruptedOneAndCheckpointsRoundTrip(@TempDir Path dir) {
        PatchSet train = patches("a", 1, 20, 1);
        float[] whole;
        try (Trainer t = new Trainer(TrainableNetwork.initialise(SMALL, 3), options(9, 1))) {
            for (int e = 0; e < 4; e++) {
                t.epoch(train, null);
            }
            whole = t.network().parameters();
        }
        Path file = dir.resolve("training.ckpt");
        try (Trainer t = new Trainer(TrainableNetwork.initialise(SMALL, 3), options(9, 2))) {
            t.epoch(train, null);
            t.epoch(train, null);
            t.checkpoint().write(file);
        }
        Checkpoint c = Checkpoint.read(file);
        assertEquals(2, c.epochsDone());
        assertEquals(2, c.history().size());
        try (Trainer t = Trainer.resume(c, options(9, 3))) {
            t.epoch(train, null);
            t.epoch(train, null);
            assertEquals(4, t.epochsDone());
            assertArrayEquals(whole, t.network().parameters());
        }
        assertThrows(IllegalArgumentException.class, () -> Trainer.resume(c, options(10, 1)));
    }

    @Test
    void badCheckpointsAreRejected(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.ckpt");
        Files.writeString(junk, "not a checkpoint");
        InputException e = assertThrows(InputException.class, () -> Checkpoint.read(junk));
        assertTrue(e.getMessage().contains("junk.ckpt"), e.getMessage());
        Path file = dir.resolve("t.ckpt");
        try (Trainer t = new Trainer(TrainableNetwork.initialise(SMALL, 3), options(9, 1))) {
            t.checkpoint().write(file);
        }
        byte[] bytes = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.ckpt");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        e = assertThrows(InputException.class, () -> Checkpoint.read(cut));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void selectionKeepsWhatTeachesSomethingNewOnly() {
        PatchSet base = patches("big", 1, 24, 1);
        PatchSet copy = new PatchSet(base.layout(), SIZE);
        for (Patch p : base.patches()) {
            copy.addAll(List.of(new Patch("copy", p.time(), p.i0(), p.j0(), SIZE, p.inputs(), p.outputs())));
        }
        PatchSet soft = patches("soft", 1, 4 * 78, 24, 4);
        List<DataSelection.Run> runs = List.of(new DataSelection.Run("soft", 1e8, soft),
                new DataSelection.Run("copy", 2e8, copy), new DataSelection.Run("big", 3e8, base));
        List<DataSelection.Decision> seen = new ArrayList<>();
        try (Trainer t = new Trainer(TrainableNetwork.initialise(SMALL, 3), options(2, 2))) {
            DataSelection.Result r = DataSelection.select(t, runs, 3, null, e -> { }, seen::add);
            assertEquals(List.of("big", "copy", "soft"), r.decisions().stream().map(DataSelection.Decision::source)
                    .toList(), "largest first");
            DataSelection.Decision copyDecision = r.decisions().get(1);
            assertEquals(copyDecision.trainingLoss(), copyDecision.testLoss(), 0.0,
                    "the same patches, the same loss");
            assertFalse(copyDecision.kept());
            DataSelection.Decision softDecision = r.decisions().get(2);
            assertTrue(softDecision.testLoss() > softDecision.trainingLoss(), softDecision.toString());
            assertEquals(List.of("big", "soft"), r.kept());
            assertEquals(48, r.pool().count());
            assertEquals(r.decisions(), seen);
            assertEquals(6, t.epochsDone());
        }
    }
}
