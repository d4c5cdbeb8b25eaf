package igm.emulator.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import igm.InputException;
import igm.emulator.EmulatorField;
import igm.grid.Grid2D;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class PatchSamplerTest {

    private static final ChannelLayout LAYOUT = new ChannelLayout(List.of("thk", "slopsurfx", "slopsurfy"),
            List.of("ubar", "vbar"));

    /** A 30×20 grid with ice only in the 4×3 block at columns 20–23, rows 5–7; fields equal to simple functions. */
    private static Snapshot snapshot() {
        Grid2D grid = Grid2D.of(30, 20, 100);
        Map<String, double[]> f = new HashMap<>();
        for (String n : LAYOUT.names()) {
            f.put(n, new double[grid.size()]);
        }
        for (int j = 0; j < 20; j++) {
            for (int i = 0; i < 30; i++) {
                int k = grid.index(i, j);
                boolean ice = i >= 20 && i < 24 && j >= 5 && j < 8;
                f.get("thk")[k] = ice ? 100 + i : 0;
                f.get("slopsurfx")[k] = 0.01 * i;
                f.get("slopsurfy")[k] = -0.02 * j;
                f.get("ubar")[k] = ice ? 3 * i : 0;
                f.get("vbar")[k] = ice ? -4 * j : 0;
            }
        }
        return new Snapshot("run-1", 12, grid, f);
    }

    @Test
    void typicalValuesAreQuantilesOverTheIceSharedByVectorComponents() {
        List<EmulatorField> scales = FieldScales.typical(List.of(snapshot()), LAYOUT.names());
        assertEquals("thk", scales.get(0).name());
        assertEquals(130, scales.get(0).scale(), 1e-12, "99 % quantile of 120..123 rounded up to 2 digits");
        assertEquals(scales.get(1).scale(), scales.get(2).scale());
        assertEquals(scales.get(3).scale(), scales.get(4).scale());
        // largest |(ubar, vbar)| over the ice: (69, -28) at (23, 7): 74.46 → 75
        assertEquals(75, scales.get(3).scale(), 1e-12);
        assertEquals(1.0, FieldScales.roundUp(0));
        assertEquals(0.0013, FieldScales.roundUp(0.00121), 1e-15);
        assertEquals(2000, FieldScales.roundUp(2000), 1e-12);
    }

    @Test
    void windowsHoldIceAreNormalisedAndReproducible() {
        Snapshot s = snapshot();
        List<EmulatorField> scales = FieldScales.typical(List.of(s), LAYOUT.names());
        PatchSampler sampler = new PatchSampler(LAYOUT, scales.subList(0, 3), scales.subList(3, 5), 8);
        List<Patch> a = sampler.sample(s, 50, new SplittableRandom(7));
        List<Patch> b = sampler.sample(s, 50, new SplittableRandom(7));
        List<Patch> c = sampler.sample(s, 50, new SplittableRandom(8));
        assertEquals(50, a.size());
        boolean differs = false;
        for (int p = 0; p < a.size(); p++) {
            Patch pa = a.get(p);
            assertArrayEquals(pa.inputs(), b.get(p).inputs());
            differs |= pa.i0() != c.get(p).i0() || pa.j0() != c.get(p).j0();
            assertTrue(pa.i0() >= 0 && pa.i0() + 8 <= 30 && pa.j0() >= 0 && pa.j0() + 8 <= 20);
            boolean ice = false;
            for (int k = 0; k < 64; k++) {
                ice |= pa.inputs()[k * 3] > 0;
            }
            assertTrue(ice, "patch at " + pa.i0() + "," + pa.j0() + " holds ice");
            int i = pa.i0() + 3;
            int j = pa.j0() + 2;
            assertEquals(0.01 * i / scales.get(1).scale(), pa.inputs()[(2 * 8 + 3) * 3 + 1], 1e-6);
            assertEquals(-0.02 * j / scales.get(2).scale(), pa.inputs()[(2 * 8 + 3) * 3 + 2], 1e-6);
        }
        assertTrue(differs, "another seed places other windows");
    }

    @Test
    void iceFreeSnapshotsGiveNoPatchesAndBadDataIsRejected() {
        Snapshot s = snapshot();
        List<EmulatorField> scales = FieldScales.typical(List.of(s), LAYOUT.names());
        PatchSampler sampler = new PatchSampler(LAYOUT, scales.subList(0, 3), scales.subList(3, 5), 8);
        Map<String, double[]> free = new HashMap<>(s.fields());
        free.put("thk", new double[s.grid().size()]);
        assertEquals(0, sampler.sample(new Snapshot("dry", 0, s.grid(), free), 10, new SplittableRandom(1)).size());

        Map<String, double[]> nan = new HashMap<>(s.fields());
        double[] u = s.field("ubar").clone();
        java.util.Arrays.fill(u, Double.NaN);
        nan.put("ubar", u);
        InputException e = assertThrows(InputException.class,
                () -> sampler.sample(new Snapshot("bad-run", 4, s.grid(), nan), 1, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("bad-run") && e.getMessage().contains("ubar")
                && e.getMessage().contains("NaN"), e.getMessage());

        PatchSampler big = new PatchSampler(LAYOUT, scales.subList(0, 3), scales.subList(3, 5), 32);
        e = assertThrows(InputException.class, () -> big.sample(s, 1, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("30×20"), e.getMessage());

        assertThrows(InputException.class, () -> new ChannelLayout(List.of("thk", "slopsurfx"), List.of("ubar", "vbar")));
        List<EmulatorField> unequal = List.of(scales.get(0), scales.get(1), new EmulatorField("slopsurfy", 9));
        assertThrows(IllegalArgumentException.class, () -> new PatchSampler(LAYOUT, unequal, scales.subList(3, 5), 8));
        assertNotEquals(0, scales.get(1).scale());
    }
}
