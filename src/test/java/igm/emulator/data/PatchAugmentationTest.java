package igm.emulator.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import igm.emulator.EmulatorField;
import igm.grid.Grid2D;
import igm.grid.GridSymmetry;
import igm.operator.SurfaceSlope;
import igm.physics.iceflow.IceFlowInput;
import igm.physics.iceflow.IceFlowResult;
import igm.physics.iceflow.ShallowIceFlow;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * An augmented patch is the instructor's answer for the transformed glacier: for each of the eight symmetries, the
 * patch cut from a sliding SIA glacier and transformed equals the patch cut, at the image of the window, from the SIA
 * solution of the transformed glacier (bed and thickness moved, slopes recomputed, velocities solved anew). The SIA
 * is equivariant (its contract test), so any error in moving cells, in exchanging the x and y components or in
 * their signs shows here.
 */
class PatchAugmentationTest {

    private static final int NX = 40;
    private static final int NY = 35;
    private static final int SIZE = 24;
    private static final double DX = 100;

    @Test
    void augmentedPatchIsTheInstructorsAnswerForTheTransformedGlacier() {
        Grid2D grid = Grid2D.of(NX, NY, DX);
        double[] bed = new double[grid.size()];
        double[] thickness = new double[grid.size()];
        double[] sliding = new double[grid.size()];
        for (int j = 0; j < NY; j++) {
            for (int i = 0; i < NX; i++) {
                int k = grid.index(i, j);
                // an asymmetric valley: sloping along x and y, a bump, an off-centre ice cap; sliding varying in space
                bed[k] = 3000 - 30.0 * i - 12.0 * j + 40 * Math.sin(0.3 * i) * Math.cos(0.2 * j);
                double r2 = Math.pow((i - 14.3) / 11.0, 2) + Math.pow((j - 19.1) / 9.0, 2);
                thickness[k] = r2 < 1 ? 250 * Math.sqrt(1 - r2) : 0;
                sliding[k] = 5 + 0.2 * i + 0.1 * j;
            }
        }
        ChannelLayout layout = ChannelLayout.standard();
        Snapshot original = snapshot(grid, bed, thickness, sliding);
        PatchSampler sampler = sampler(layout, original);
        PatchAugmentation augmentation = new PatchAugmentation(SIZE, layout);
        int i0 = 5;
        int j0 = 7;
        Patch patch = sampler.window(original, i0, j0);
        double largest = 0;
        for (float v : patch.outputs()) {
            largest = Math.max(largest, Math.abs(v));
        }
        assertTrue(largest > 0.05, "the window must hold moving ice, largest normalised output " + largest);
        for (GridSymmetry g : GridSymmetry.all()) {
            Grid2D target = g.target(grid);
            Snapshot moved = snapshot(target, g.scalar(grid, bed), g.scalar(grid, thickness),
                    g.scalar(grid, sliding));
            int[] map = g.cellMap(NX, NY);
            int ti0 = Integer.MAX_VALUE;
            int tj0 = Integer.MAX_VALUE;
            for (int j = j0; j < j0 + SIZE; j++) {
                for (int i = i0; i < i0 + SIZE; i++) {
                    int t = map[grid.index(i, j)];
                    ti0 = Math.min(ti0, t % target.nx());
                    tj0 = Math.min(tj0, t / target.nx());
                }
            }
            Patch expected = sampler.window(moved, ti0, tj0);
            Patch augmented = augmentation.transform(patch, g);
            assertClose(expected.inputs(), augmented.inputs(), g + " inputs");
            assertClose(expected.outputs(), augmented.outputs(), g + " outputs");
        }
    }

    @Test
    void identityLeavesThePatchAndTwoRotationsByNinetyMakeOneByOneEighty() {
        ChannelLayout layout = ChannelLayout.standard();
        int size = 5;
        float[] in = new float[size * size * 5];
        float[] out = new float[size * size * 6];
        for (int k = 0; k < in.length; k++) {
            in[k] = (float) Math.sin(1.3 * k);
        }
        for (int k = 0; k < out.length; k++) {
            out[k] = (float) Math.cos(0.7 * k);
        }
        Patch p = new Patch("t", 0, 0, 0, size, in, out);
        PatchAugmentation a = new PatchAugmentation(size, layout);
        assertArrayEquals(in, a.transform(p, GridSymmetry.of(0)).inputs());
        Patch twice = a.transform(a.transform(p, GridSymmetry.of(5)), GridSymmetry.of(5));
        Patch half = a.transform(p, GridSymmetry.of(3));
        assertArrayEquals(half.inputs(), twice.inputs());
        assertArrayEquals(half.outputs(), twice.outputs());
        for (GridSymmetry g : GridSymmetry.all()) {
            if (g.index() != 5 && g.index() != 6) {
                Patch back = a.transform(a.transform(p, g), g);
                assertArrayEquals(out, back.outputs(), g + " is its own inverse");
            }
        }
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length);
        double scale = 0;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], actual[k], 1e-5 * scale, what + " at " + k);
        }
    }

    private static PatchSampler sampler(ChannelLayout layout, Snapshot s) {
        List<EmulatorField> in = FieldScales.typical(List.of(s), layout.inputs());
        List<EmulatorField> out = FieldScales.typical(List.of(s), layout.outputs());
        return new PatchSampler(layout, in, out, SIZE);
    }

    static Snapshot snapshot(Grid2D grid, double[] bed, double[] thickness, double[] sliding) {
        int n = grid.size();
        double[] surface = new double[n];
        double[] rate = new double[n];
        for (int k = 0; k < n; k++) {
            surface[k] = bed[k] + thickness[k];
            rate[k] = 78;
        }
        IceFlowResult r = new ShallowIceFlow().solve(new IceFlowInput(grid, thickness, surface, sliding, rate));
        double[][] slope = SurfaceSlope.gradient(grid, surface);
        Map<String, double[]> f = new HashMap<>();
        f.put("thk", thickness);
        f.put("slopsurfx", slope[0]);
        f.put("slopsurfy", slope[1]);
        f.put("arrhenius", rate);
        f.put("slidingco", sliding);
        f.put("ubar", r.ubar());
        f.put("vbar", r.vbar());
        f.put("uvelsurf", r.uSurface());
        f.put("vvelsurf", r.vSurface());
        f.put("uvelbase", r.uBase());
        f.put("vvelbase", r.vBase());
        return new Snapshot("test", 0, grid, f);
    }
}
