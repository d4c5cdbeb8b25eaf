package igm.physics.iceflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import igm.InputException;
import igm.emulator.ConvLayer;
import igm.emulator.ConvNet;
import igm.emulator.Emulator;
import igm.emulator.EmulatorField;
import igm.grid.Grid2D;
import igm.operator.SurfaceSlope;

/** EmulatorIceFlow on a small random network: channel mapping, scaling, masking, and its errors. */
class EmulatorIceFlowTest {

    private static final List<EmulatorField> INPUTS = List.of(new EmulatorField("thk", 2000),
            new EmulatorField("slopsurfx", 1.5), new EmulatorField("slopsurfy", 1.5),
            new EmulatorField("arrhenius", 100), new EmulatorField("slidingco", 100));
    private static final List<EmulatorField> OUTPUTS = List.of(new EmulatorField("uvelbase", 1000),
            new EmulatorField("vvelbase", 1000), new EmulatorField("ubar", 1000), new EmulatorField("vbar", 1000),
            new EmulatorField("uvelsurf", 1000), new EmulatorField("vvelsurf", 1000));

    private static ConvNet network(int cin, int cout) {
        SplittableRandom random = new SplittableRandom(11);
        List<ConvLayer> layers = new ArrayList<>();
        int c = cin;
        for (int l = 0; l < 3; l++) {
            layers.add(layer(random, 3, c, 9, true));
            c = 9;
        }
        layers.add(layer(random, 1, c, cout, false));
        return new ConvNet(layers, 0.01, 2);
    }

    private static ConvLayer layer(SplittableRandom random, int k, int cin, int cout, boolean leaky) {
        float[] w = new float[k * k * cin * cout];
        for (int t = 0; t < w.length; t++) {
            w[t] = (float) random.nextDouble(-0.6, 0.6);
        }
        float[] b = new float[cout];
        for (int t = 0; t < cout; t++) {
            b[t] = (float) random.nextDouble(-0.1, 0.1);
        }
        return new ConvLayer(k, cin, cout, w, b, leaky);
    }

    private static IceFlowInput input(Grid2D grid) {
        int n = grid.size();
        double[] h = new double[n];
        double[] s = new double[n];
        double[] c = new double[n];
        double[] a = new double[n];
        for (int j = 0; j < grid.ny(); j++) {
            for (int i = 0; i < grid.nx(); i++) {
                int k = grid.index(i, j);
                double r = Math.hypot(i - 0.6 * grid.nx(), j - 0.5 * grid.ny());
                h[k] = r < 6 ? 100 * (6 - r) : 0;
                s[k] = 2000 + 0.05 * grid.x(i) + 0.02 * grid.y(j) + h[k];
                c[k] = 5;
                a[k] = 78;
            }
        }
        return new IceFlowInput(grid, h, s, c, a);
    }

    @Test
    void mapsScalesAndMasksLikeTheNetwork() {
        Grid2D grid = Grid2D.of(37, 29, 100);
        ConvNet net = network(5, 6);
        try (EmulatorIceFlow flow = new EmulatorIceFlow(Emulator.of(net, INPUTS, OUTPUTS, 100))) {
            assertEquals("emulator", flow.name());
            IceFlowInput in = input(grid);
            IceFlowResult r = flow.solve(in);
            assertNull(r.staggered());
            assertEquals(Double.POSITIVE_INFINITY, r.maxStableTimeStep());
            assertTrue(flow.lastCallFlops() > 0 && flow.lastCallFlops() < flow.flopsPerCall(grid));

            double[][] slope = SurfaceSlope.gradient(grid, in.surface());
            int n = grid.size();
            float[] x = new float[n * 5];
            for (int k = 0; k < n; k++) {
                x[k * 5] = (float) (in.thickness()[k] / 2000);
                x[k * 5 + 1] = (float) (slope[0][k] / 1.5);
                x[k * 5 + 2] = (float) (slope[1][k] / 1.5);
                x[k * 5 + 3] = (float) (in.rateFactor()[k] / 100);
                x[k * 5 + 4] = (float) (in.slidingCoefficient()[k] / 100);
            }
            float[] y = net.forwardReference(x, grid.nx(), grid.ny());
            double[][] fields = {r.uBase(), r.vBase(), r.ubar(), r.vbar(), r.uSurface(), r.vSurface()};
            double scale = 0;
            for (float v : y) {
                scale = Math.max(scale, 1000.0 * Math.abs(v));
            }
            int ice = 0;
            for (int k = 0; k < n; k++) {
                boolean hasIce = in.thickness()[k] > 0;
                ice += hasIce ? 1 : 0;
                for (int c = 0; c < 6; c++) {
                    double expected = hasIce ? y[k * 6 + c] * 1000.0 : 0.0;
                    assertEquals(expected, fields[c][k], 1e-5 * scale, "output " + c + " at " + k);
                    assertTrue(Double.isFinite(fields[c][k]));
                }
            }
            assertTrue(ice > 50);
        }
    }

    @Test
    void noIceGivesZeroVelocityWithoutEvaluating() {
        Grid2D grid = Grid2D.of(9, 7, 100);
        try (EmulatorIceFlow flow = new EmulatorIceFlow(Emulator.of(network(5, 6), INPUTS, OUTPUTS, 100))) {
            double[] z = new double[grid.size()];
            double[] a = new double[grid.size()];
            java.util.Arrays.fill(a, 78);
            IceFlowResult r = flow.solve(new IceFlowInput(grid, z, z, z, a));
            for (double[] f : new double[][] {r.ubar(), r.vbar(), r.uSurface(), r.vSurface(), r.uBase(), r.vBase()}) {
                for (double v : f) {
                    assertEquals(0.0, v, 0.0);
                }
            }
            assertEquals(0, flow.lastCallFlops());
        }
    }

    @Test
    void unsupportedOrMissingOutputsAreErrors() {
        List<EmulatorField> badOut = List.of(new EmulatorField("ubar", 1000), new EmulatorField("wvel", 1000));
        InputException e = assertThrows(InputException.class,
                () -> new EmulatorIceFlow(Emulator.of(network(5, 2), INPUTS, badOut, 100)));
        assertTrue(e.getMessage().contains("'wvel'") && e.getMessage().contains("ubar, vbar"), e.getMessage());
        List<EmulatorField> noV = List.of(new EmulatorField("ubar", 1000), new EmulatorField("uvelsurf", 1000));
        e = assertThrows(InputException.class,
                () -> new EmulatorIceFlow(Emulator.of(network(5, 2), INPUTS, noV, 100)));
        assertTrue(e.getMessage().contains("vbar"), e.getMessage());
    }

    @Test
    void depthAveragedOnlyEmulatorFillsSurfaceAndBase() {
        Grid2D grid = Grid2D.of(20, 16, 100);
        List<EmulatorField> out = List.of(new EmulatorField("ubar", 1000), new EmulatorField("vbar", 1000));
        List<EmulatorField> in = List.of(new EmulatorField("thk", 2000), new EmulatorField("slopsurfy", 1.5));
        try (EmulatorIceFlow flow = new EmulatorIceFlow(Emulator.of(network(2, 2), in, out, Double.NaN))) {
            IceFlowResult r = flow.solve(input(grid));
            for (int k = 0; k < grid.size(); k++) {
                assertEquals(r.ubar()[k], r.uSurface()[k], 0.0);
                assertEquals(0.0, r.uBase()[k], 0.0);
            }
        }
    }
}
