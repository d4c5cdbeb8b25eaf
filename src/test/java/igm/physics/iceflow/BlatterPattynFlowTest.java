package igm.physics.iceflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import igm.InputException;
import igm.grid.Grid2D;
import igm.physics.iceflow.blatter.BlatterOptions;
import igm.physics.iceflow.blatter.BlatterProblem;
import igm.physics.iceflow.blatter.BlatterSolution;

/** The Blatter–Pattyn model's own behaviour: warm starts, ice-free columns, its outputs and bad input. */
class BlatterPattynFlowTest {

    /** A valley glacier on a 20×14 grid: a parabolic cross-section on a bed sloping along x, ice-free margins. */
    private static IceFlowInput valley(double thin) {
        return valley(thin, 20, 14);
    }

    /** The valley glacier on an nx × ny grid. */
    private static IceFlowInput valley(double thin, int nx, int ny) {
        Grid2D g = Grid2D.of(nx, ny, 100);
        int n = g.size();
        double[] h = new double[n];
        double[] s = new double[n];
        double[] c = new double[n];
        double[] a = new double[n];
        for (int j = 0; j < g.ny(); j++) {
            for (int i = 0; i < g.nx(); i++) {
                int k = g.index(i, j);
                double across = (j - (ny - 1) / 2.0) / ((ny - 4) / 2.0);
                double along = (i - (nx - 1) / 2.0) / ((nx - 3) / 2.0);
                double depth = 1 - across * across - along * along * along * along;
                h[k] = depth > 0 ? 180 * depth * thin : 0;
                double bed = 2000 - 0.3 * g.x(i) + 30 * across * across;
                s[k] = bed + h[k];
                c[k] = 0.5;
                a[k] = 78;
            }
        }
        return new IceFlowInput(g, h, s, c, a);
    }

    private static BlatterOptions options() {
        return BlatterOptions.defaults().withLevels(6).withTolerance(1e-7);
    }

    @Test
    void warmStartTakesFewerIterationsForTheSameAnswer() {
        BlatterPattynFlow flow = new BlatterPattynFlow(options());
        flow.solve(valley(1));
        assertFalse(flow.lastReport().warmStart());
        IceFlowResult warm = flow.solve(valley(1.01));
        SolverReport warmReport = flow.lastReport();
        assertTrue(warmReport.warmStart());
        assertTrue(warmReport.converged(), warmReport.toString());
        flow.forgetWarmStart();
        IceFlowResult cold = flow.solve(valley(1.01));
        SolverReport coldReport = flow.lastReport();
        assertFalse(coldReport.warmStart());
        assertTrue(coldReport.converged(), coldReport.toString());
        assertTrue(warmReport.nonlinearIterations() < coldReport.nonlinearIterations(),
                "warm " + warmReport.nonlinearIterations() + " vs cold " + coldReport.nonlinearIterations());
        double max = Arrays.stream(cold.surfaceSpeed()).max().orElseThrow();
        assertTrue(max > 1, "the glacier flows: " + max);
        for (int k = 0; k < cold.ubar().length; k++) {
            assertEquals(cold.uSurface()[k], warm.uSurface()[k], 1e-5 * max, "surface u at " + k);
            assertEquals(cold.vbar()[k], warm.vbar()[k], 1e-5 * max, "v̄ at " + k);
        }
    }

    @Test
    void iceFreeColumnsHaveZeroVelocityAtEveryLevelAndOutputsAreConsistent() {
        BlatterPattynFlow flow = new BlatterPattynFlow(options());
        IceFlowInput in = valley(1);
        IceFlowResult r = flow.solve(in);
        BlatterSolution s = flow.lastSolution();
        assertNull(r.staggered());
        assertEquals(Double.POSITIVE_INFINITY, r.maxStableTimeStep());
        Grid2D g = in.grid();
        int top = s.levels() - 1;
        double meanU = 0;
        for (int j = 0; j < g.ny(); j++) {
            for (int i = 0; i < g.nx(); i++) {
                int k = g.index(i, j);
                if (in.thickness()[k] == 0) {
                    for (int l = 0; l < s.levels(); l++) {
                        assertEquals(0.0, s.u(i, j, l), 0.0);
                        assertEquals(0.0, s.v(i, j, l), 0.0);
                    }
                    continue;
                }
                assertEquals(s.u(i, j, top), r.uSurface()[k], 0.0);
                assertEquals(s.u(i, j, 0), r.uBase()[k], 0.0);
                assertEquals(s.v(i, j, top), r.vSurface()[k], 0.0);
                // down-glacier flow away from the thin edges, the mean between base and surface
                meanU += r.uSurface()[k];
                if (in.thickness()[k] > 50) {
                    assertTrue(Math.abs(r.ubar()[k]) <= Math.abs(r.uSurface()[k])
                                    && Math.abs(r.ubar()[k]) >= Math.abs(r.uBase()[k]),
                            "|ū| between basal and surface speed at " + k);
                }
            }
        }
        assertTrue(meanU > 0, "the glacier flows down the bed slope, towards +x");
    }

    @Test
    void badInputIsRejectedWithTheValue() {
        Grid2D g = Grid2D.of(3, 3, 100);
        double[] ok = new double[9];
        Arrays.fill(ok, 100);
        double[] negative = ok.clone();
        negative[4] = -1;
        WeertmanSliding law = new WeertmanSliding(new double[9]);
        InputException e = assertThrows(InputException.class,
                () -> new BlatterProblem(g, ok, negative, ok, law, false, 0, 0));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        double[] nan = ok.clone();
        nan[2] = Double.NaN;
        assertThrows(InputException.class, () -> new BlatterProblem(g, nan, ok, ok, law, false, 0, 0));
        double[] zeroA = ok.clone();
        zeroA[0] = 0;
        e = assertThrows(InputException.class, () -> new BlatterProblem(g, ok, ok, zeroA, law, false, 0, 0));
        assertTrue(e.getMessage().contains("rate factor"), e.getMessage());
        assertThrows(InputException.class, () -> new BlatterProblem(g, new double[8], ok, ok, law, false, 0, 0));
        assertThrows(InputException.class, () -> new BlatterProblem(g, ok, ok, ok, null, false, 0, 0));
        e = assertThrows(InputException.class, () -> BlatterOptions.defaults().withLevels(1));
        assertTrue(e.getMessage().contains("1"), e.getMessage());
        assertThrows(InputException.class, () -> BlatterOptions.defaults().withTolerance(0));
        assertThrows(InputException.class, () -> BlatterOptions.defaults().withThreads(0));
        double[] negThk = ok.clone();
        negThk[1] = -5;
        IceFlowInput in = new IceFlowInput(g, negThk, ok, new double[9], ok);
        assertThrows(InputException.class, () -> new BlatterPattynFlow().solve(in));
        double[] negC = new double[9];
        negC[3] = -1;
        e = assertThrows(InputException.class,
                () -> new BlatterPattynFlow().solve(new IceFlowInput(g, ok, ok, negC, ok)));
        assertTrue(e.getMessage().contains("sliding coefficient"), e.getMessage());
    }

    @Test
    void levelsAreRefinedTowardsTheBed() {
        double[] z = BlatterOptions.defaults().levelHeights();
        assertEquals(10, z.length);
        assertEquals(0, z[0], 0);
        assertEquals(1, z[9], 0);
        for (int k = 1; k < 9; k++) {
            assertTrue(z[k + 1] - z[k] > z[k] - z[k - 1], "layers thicken upwards");
        }
        // layer k is in proportion to 1 + t_k + t_(k+1)
        assertEquals((1 + 17.0 / 9) / (1 + 1.0 / 9), (z[9] - z[8]) / (z[1] - z[0]), 1e-12);
    }

    @Test
    void resultsAreTheSameBitForBitOnAnyNumberOfThreads() {
        IceFlowInput in = valley(1, 50, 30); // about 5000 elements: split into chunks
        IceFlowResult one = new BlatterPattynFlow(options().withThreads(1)).solve(in);
        IceFlowResult two = new BlatterPattynFlow(options().withThreads(2)).solve(in);
        assertArrayEquals(one.ubar(), two.ubar(), "same ū bit for bit on 1 and 2 threads");
        assertArrayEquals(one.vSurface(), two.vSurface());
        IceFlowResult again = new BlatterPattynFlow(options().withThreads(2)).solve(in);
        assertArrayEquals(two.uSurface(), again.uSurface(), "a repeated solve gives the same result bit for bit");
    }
}
