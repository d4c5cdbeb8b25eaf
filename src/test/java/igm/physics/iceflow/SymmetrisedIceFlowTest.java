package igm.physics.iceflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import igm.grid.Grid2D;

/** The average over the grid's symmetries: the identity for a model that is already equivariant. */
class SymmetrisedIceFlowTest {

    /** An asymmetric glacier on a grid that is not square, so that the transposed symmetries change the grid. */
    private static IceFlowInput glacier() {
        Grid2D g = Grid2D.of(23, 17, 100);
        int n = g.size();
        double[] h = new double[n];
        double[] s = new double[n];
        double[] c = new double[n];
        double[] a = new double[n];
        for (int j = 0; j < g.ny(); j++) {
            for (int i = 0; i < g.nx(); i++) {
                int k = g.index(i, j);
                double r2 = Math.pow((i - 12.3) / 8.0, 2) + Math.pow((j - 7.6) / 5.5, 2);
                h[k] = r2 < 1 ? 180 * Math.sqrt(1 - r2) : 0;
                s[k] = 2500 + 0.08 * g.x(i) - 0.05 * g.y(j) + 30 * Math.sin(i * 0.7) * Math.cos(j * 0.4) + h[k];
                c[k] = 2 + 0.1 * i;
                a[k] = 78 - j;
            }
        }
        return new IceFlowInput(g, h, s, c, a);
    }

    @Test
    void symmetrisedSiaIsTheSia() {
        IceFlowInput in = glacier();
        IceFlowResult sia = new ShallowIceFlow().solve(in);
        IceFlowResult avg = new SymmetrisedIceFlow(new ShallowIceFlow()).solve(in);
        double max = 0;
        for (double v : sia.surfaceSpeed()) {
            max = Math.max(max, v);
        }
        assertTrue(max > 10, "the glacier flows: " + max + " m/a");
        double[][] a = {sia.ubar(), sia.vbar(), sia.uSurface(), sia.vSurface(), sia.uBase(), sia.vBase()};
        double[][] b = {avg.ubar(), avg.vbar(), avg.uSurface(), avg.vSurface(), avg.uBase(), avg.vBase()};
        for (int f = 0; f < a.length; f++) {
            for (int k = 0; k < a[f].length; k++) {
                assertEquals(a[f][k], b[f][k], 1e-12 * max, "field " + f + " cell " + k);
            }
        }
        assertEquals(sia.maxStableTimeStep(), avg.maxStableTimeStep(), 1e-12 * sia.maxStableTimeStep());
        assertNull(avg.staggered());
        assertEquals("sia", new SymmetrisedIceFlow(new ShallowIceFlow()).name());
    }
}
