package igm.physics.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import igm.InputException;
import igm.grid.Grid2D;
import igm.physics.iceflow.IceFlowInput;
import igm.physics.iceflow.IceFlowResult;
import igm.physics.iceflow.ShallowIceFlow;
import igm.physics.iceflow.StaggeredVelocity;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

class ThicknessTransportTest {

    /** An SIA ice cap far from the edges of a box, no SMB: volume changes only by clipping, nothing leaves. */
    @Test
    void closedBoxConservesVolume() {
        Grid2D grid = Grid2D.of(41, 35, 1000);
        int n = grid.size();
        double[] h = new double[n];
        for (int j = 0; j < grid.ny(); j++) {
            for (int i = 0; i < grid.nx(); i++) {
                double r = Math.hypot(i - 20, j - 17) * 1000;
                h[grid.index(i, j)] = r < 8000 ? 600 * Math.sqrt(1 - r / 8000) : 0;
            }
        }
        double[] a = filled(n, 78);
        double[] c = filled(n, 0.2);
        ShallowIceFlow sia = new ShallowIceFlow();
        ThicknessTransport transport = new ThicknessTransport(grid, 0.3, 1.0);
        MassBudget budget = new MassBudget();
        double v0 = sum(h) * grid.cellArea();
        for (int step = 0; step < 300; step++) {
            IceFlowResult flow = sia.solve(new IceFlowInput(grid, h, h, c, a));
            budget.add(transport.step(h, flow, null, transport.stableTimeStep(flow)));
        }
        assertEquals(0.0, budget.outflowVolume());
        assertEquals(0.0, budget.smbVolume());
        assertEquals(v0, budget.initialVolume(), 1e-12 * v0);
        assertEquals(budget.clippedVolume(), budget.volumeChange(), 1e-12 * v0);
        assertTrue(budget.clippedVolume() < 1e-6 * v0, budget.toString());
        assertTrue(budget.relativeResidual() < 1e-13, budget.toString());
        assertTrue(budget.elapsedYears() > 1, budget.toString());
        for (double x : h) {
            assertTrue(x >= 0);
        }
    }

    /**
     * The row-split step gives the same thickness, bit for bit, and the same budget on 1, 2 and 3 threads, with
     * ice leaving through the boundary, clipping, SMB, and both the staggered and the centre-averaged velocities;
     * the budget's per-row sums agree with plain sums over the grid to round-off.
     */
    @Test
    void threadedStepEqualsSingleThreaded() {
        Grid2D grid = Grid2D.of(130, 100, 100);
        int n = grid.size();
        double[] h0 = new double[n];
        double[] bed = new double[n];
        double[] smb = new double[n];
        for (int j = 0; j < grid.ny(); j++) {
            for (int i = 0; i < grid.nx(); i++) {
                int k = grid.index(i, j);
                double r = Math.hypot((i - 20) / 60.0, (j - 50) / 45.0);
                h0[k] = r < 1 ? 300 * Math.sqrt(1 - r * r) : 0;
                bed[k] = 3000 - 8 * i + 2 * j;
                smb[k] = (bed[k] + h0[k] - 2800) * 0.01;
            }
        }
        double[] a = filled(n, 78);
        double[] c = filled(n, 0.2);
        for (boolean staggered : new boolean[] {true, false}) {
            double[][] h = new double[3][];
            ThicknessTransport[] transports = new ThicknessTransport[3];
            ShallowIceFlow[] sia = new ShallowIceFlow[3];
            for (int t = 0; t < 3; t++) {
                h[t] = h0.clone();
                transports[t] = new ThicknessTransport(grid, 0.3, 1.0, t + 1);
                sia[t] = new ShallowIceFlow(0.5, t + 1);
                assertEquals(t + 1, transports[t].threads());
            }
            for (int step = 0; step < 60; step++) {
                StepBudget expected = null;
                for (int t = 0; t < 3; t++) {
                    double[] s = new double[n];
                    for (int k = 0; k < n; k++) {
                        s[k] = bed[k] + h[t][k];
                    }
                    IceFlowResult flow = sia[t].solve(new IceFlowInput(grid, h[t], s, c, a));
                    if (!staggered) {
                        flow = new IceFlowResult(grid, flow.ubar(), flow.vbar(), flow.uSurface(), flow.vSurface(),
                                flow.uBase(), flow.vBase(), null, flow.maxStableTimeStep());
                    }
                    double dt = transports[t].stableTimeStep(flow);
                    double[] before = h[t].clone();
                    StepBudget b = transports[t].step(h[t], flow, smb, dt);
                    if (t == 0) {
                        expected = b;
                        double plainBefore = 0;
                        double plainAfter = 0;
                        for (int k = 0; k < n; k++) {
                            plainBefore += before[k];
                            plainAfter += h[t][k];
                        }
                        assertEquals(plainBefore * grid.cellArea(), b.volumeBefore(), 1e-12 * b.volumeBefore());
                        assertEquals(plainAfter * grid.cellArea(), b.volumeAfter(), 1e-12 * b.volumeAfter());
                        assertTrue(Math.abs(b.residual()) < 1e-12 * b.volumeBefore(), b.toString());
                    } else {
                        assertEquals(expected, b, "step " + step + " on " + (t + 1) + " threads");
                        assertTrue(Arrays.equals(h[0], h[t]), "step " + step + " on " + (t + 1) + " threads");
                    }
                }
                if (step == 59) {
                    assertTrue(expected.outflowVolume() > 0 && expected.clippedVolume() > 0, expected.toString());
                }
            }
        }
        assertThrows(InputException.class, () -> new ThicknessTransport(grid, 0.3, 1.0, 0));
    }

    /** A flat slab surrounded by ice-free cells does not move: every velocity is zero and h is unchanged. */
    @Test
    void flatSlabStaysPut() {
        Grid2D grid = Grid2D.of(12, 10, 100);
        int n = grid.size();
        double[] bed = new double[n];
        double[] h = new double[n];
        double[] s = new double[n];
        for (int j = 0; j < grid.ny(); j++) {
            for (int i = 0; i < grid.nx(); i++) {
                int k = grid.index(i, j);
                boolean slab = i >= 3 && i <= 8 && j >= 2 && j <= 7;
                h[k] = slab ? 250 : 0;
                bed[k] = slab ? 1000 : 1250;
                s[k] = bed[k] + h[k];
            }
        }
        double[] before = h.clone();
        ShallowIceFlow sia = new ShallowIceFlow();
        ThicknessTransport transport = new ThicknessTransport(grid);
        for (int step = 0; step < 10; step++) {
            IceFlowResult flow = sia.solve(new IceFlowInput(grid, h, s, filled(n, 1), filled(n, 78)));
            assertEquals(0.0, transport.maxEdgeSpeed(flow));
            StepBudget b = transport.step(h, flow, null, transport.stableTimeStep(flow));
            assertEquals(0.0, b.volumeChange());
        }
        assertTrue(Arrays.equals(before, h));
    }

    /** Centre velocities without a staggered field: averaged to the edges; a uniform flow carries ice out. */
    @Test
    void uniformFlowCarriesIceOutOfTheDomain() {
        Grid2D grid = Grid2D.of(5, 3, 1000);
        int n = grid.size();
        double[] h = new double[n];
        for (int j = 0; j < 3; j++) {
            h[grid.index(4, j)] = 10;
            h[grid.index(0, j)] = 20;
        }
        double[] u = filled(n, 100);
        double[] zero = new double[n];
        IceFlowResult flow = new IceFlowResult(grid, u, zero, u, zero, zero, zero, null, Double.POSITIVE_INFINITY);
        ThicknessTransport transport = new ThicknessTransport(grid, 0.3, 5.0);
        assertEquals(100.0, transport.maxEdgeSpeed(flow));
        assertEquals(3.0, transport.stableTimeStep(flow), 1e-12);
        StepBudget b = transport.step(h, flow, null, 1.0);
        // East column loses u·h·Δt/Δx = 1 m; west column loses 2 m to its neighbour; nothing enters from the west.
        assertEquals(9.0, h[grid.index(4, 1)], 1e-12);
        assertEquals(18.0, h[grid.index(0, 1)], 1e-12);
        assertEquals(2.0, h[grid.index(1, 1)], 1e-12);
        assertEquals(3 * 100 * 10 * 1000.0, b.outflowVolume(), 1e-6);
        assertEquals(-b.outflowVolume(), b.volumeChange(), 1e-6);
        assertEquals(0.0, b.clippedVolume());
    }

    @Test
    void timeStepIsTheSmallestLimit() {
        Grid2D grid = Grid2D.of(4, 4, 200);
        int n = grid.size();
        double[] zero = new double[n];
        StaggeredVelocity edges = new StaggeredVelocity(new double[5 * 4], new double[4 * 5]);
        edges.vEdge()[7] = -50;
        IceFlowResult flow = new IceFlowResult(grid, zero, zero, zero, zero, zero, zero, edges, 0.7);
        assertEquals(0.7, new ThicknessTransport(grid, 0.3, 10).stableTimeStep(flow));
        assertEquals(0.5, new ThicknessTransport(grid, 0.3, 0.5).stableTimeStep(flow));
        IceFlowResult loose = new IceFlowResult(grid, zero, zero, zero, zero, zero, zero, edges, 100);
        assertEquals(0.3 * 200 / 50, new ThicknessTransport(grid, 0.3, 10).stableTimeStep(loose), 1e-12);
        IceFlowResult still = new IceFlowResult(grid, zero, zero, zero, zero, zero, zero, null,
                Double.POSITIVE_INFINITY);
        assertEquals(10.0, new ThicknessTransport(grid, 0.3, 10).stableTimeStep(still));
    }

    @Test
    void ablationBelowZeroIsClippedAndCounted() {
        Grid2D grid = Grid2D.of(3, 2, 100);
        int n = grid.size();
        double[] h = {1, 0, 5, 0, 2, 0};
        double[] smb = {-3, -1, 2, 0, -1, 0};
        double[] zero = new double[n];
        IceFlowResult flow = new IceFlowResult(grid, zero, zero, zero, zero, zero, zero, null,
                Double.POSITIVE_INFINITY);
        StepBudget b = new ThicknessTransport(grid).step(h, flow, smb, 1.0);
        assertEquals(0.0, h[0]);
        assertEquals(0.0, h[1]);
        assertEquals(7.0, h[2]);
        assertEquals(1.0, h[4]);
        // cell 1 holds no ice and receives none: its ablation is ice-free, not SMB on ice given back as clipping
        assertEquals(-2.0 * 1e4, b.smbVolume(), 1e-9);
        assertEquals(2.0 * 1e4, b.clippedVolume(), 1e-9);
        assertEquals(-1.0 * 1e4, b.iceFreeAblationVolume(), 1e-9);
        assertEquals(0.0, b.volumeChange(), 1e-9);
        assertEquals(0.0, b.residual(), 1e-9);
    }

    /**
     * Ice flowing east into an ice-free region under ablation: the cell it flows into is ice over the step (its
     * melt-through is clipping), the cells beyond are ice-free ground (their ablation is counted apart), and the
     * budget closes to round-off over many steps.
     */
    @Test
    void ablationOfIceFreeGroundIsCountedApartAndTheBudgetStillCloses() {
        Grid2D grid = Grid2D.of(8, 1, 100);
        double[] h = {200, 150, 100, 0, 0, 0, 0, 0};
        double[] smb = {1, 0.5, -2, -4, -5, -6, -7, -8};
        double[] zero = new double[grid.size()];
        double[] uEdge = new double[9];
        Arrays.fill(uEdge, 0, 4, 20);
        StaggeredVelocity edges = new StaggeredVelocity(uEdge, new double[8 * 2]);
        IceFlowResult flow = new IceFlowResult(grid, zero, zero, zero, zero, zero, zero, edges, 1.0);
        ThicknessTransport transport = new ThicknessTransport(grid);
        MassBudget budget = new MassBudget();
        StepBudget first = transport.step(h, flow, smb, 1.0);
        // cell 3 received 20·100·1/100 = 20 m and lost 4: ice; cells 4-7 are ice-free: −(5+6+7+8) m
        assertEquals(16.0, h[3], 1e-12);
        assertEquals(-26.0 * 1e4, first.iceFreeAblationVolume(), 1e-9);
        assertEquals((1 + 0.5 - 2 - 4) * 1e4, first.smbVolume(), 1e-9);
        assertEquals(0.0, first.clippedVolume());
        budget.add(first);
        for (int step = 0; step < 200; step++) {
            budget.add(transport.step(h, flow, smb, 1.0));
        }
        assertTrue(budget.clippedVolume() > 0, "cell 3 melts through some steps: " + budget);
        assertTrue(budget.iceFreeAblationVolume() <= -26.0 * 1e4 * 201 + 1e-6, budget.toString());
        assertTrue(budget.clippedVolume() < 0.05 * -budget.iceFreeAblationVolume(), "clipping is only ice that "
                + "melted through, far below the ice-free ablation: " + budget);
        assertTrue(budget.relativeResidual() < 1e-14, budget.toString());
    }

    @Test
    void rejectsBadParameters() {
        Grid2D grid = Grid2D.of(3, 3, 100);
        assertThrows(InputException.class, () -> new ThicknessTransport(grid, 0));
        assertThrows(InputException.class, () -> new ThicknessTransport(grid, 1.2));
        assertThrows(InputException.class, () -> new ThicknessTransport(grid, 0.3, -1));
    }

    static double[] filled(int n, double value) {
        double[] a = new double[n];
        Arrays.fill(a, value);
        return a;
    }

    static double sum(double[] a) {
        double s = 0;
        for (double x : a) {
            s += x;
        }
        return s;
    }
}
