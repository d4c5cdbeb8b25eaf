package igm.physics.iceflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import igm.grid.Grid2D;
import igm.physics.transport.ThicknessTransport;
import org.junit.jupiter.api.Test;

class HybridIceFlowTest {

    private static final ShallowShelfFlow.Options OPTIONS = ShallowShelfFlow.Options.defaults().withTolerance(1e-9)
            .withLinearTolerance(1e-9);

    /** Without sliding (c = 0) the SSA velocity is zero and the hybrid is the SIA, bit for bit. */
    @Test
    void withoutSlidingTheHybridIsTheSia() {
        IceFlowInput g = ShallowShelfFlowTest.glacier();
        IceFlowInput in = new IceFlowInput(g.grid(), g.thickness(), g.surface(), new double[g.grid().size()],
                g.rateFactor());
        HybridIceFlow hybrid = new HybridIceFlow(new ShallowIceFlow(), new ShallowShelfFlow(OPTIONS));
        IceFlowResult h = hybrid.solve(in);
        IceFlowResult s = new ShallowIceFlow().solve(in);
        double[][] a = fields(h);
        double[][] b = fields(s);
        for (int f = 0; f < a.length; f++) {
            for (int k = 0; k < a[f].length; k++) {
                assertEquals(b[f][k], a[f][k], 0.0, "field " + f + " at " + k);
            }
        }
        assertEquals(s.maxStableTimeStep(), h.maxStableTimeStep(), 0.0);
        assertEquals(0, hybrid.lastReport().nonlinearIterations());
    }

    /**
     * With sliding: ū = ū_SIA(c = 0) + u_SSA, u_s likewise, u_b = u_SSA; edges: the SIA's plus the mean SSA velocity
     * of the two cells (the inner cell's on the domain boundary); the SIA's time-step limit.
     */
    @Test
    void slidingAddsTheSsaVelocityAtCentresAndEdges() {
        IceFlowInput in = ShallowShelfFlowTest.glacier();
        Grid2D grid = in.grid();
        int nx = grid.nx();
        int ny = grid.ny();
        IceFlowResult h = new HybridIceFlow(new ShallowIceFlow(), new ShallowShelfFlow(OPTIONS)).solve(in);
        IceFlowResult sia = new ShallowIceFlow().solve(new IceFlowInput(grid, in.thickness(), in.surface(),
                new double[grid.size()], in.rateFactor()));
        IceFlowResult ssa = new ShallowShelfFlow(OPTIONS).solve(in);
        double maxSliding = 0;
        for (int k = 0; k < grid.size(); k++) {
            assertEquals(sia.ubar()[k] + ssa.ubar()[k], h.ubar()[k], 1e-12 * (1 + Math.abs(h.ubar()[k])));
            assertEquals(sia.vbar()[k] + ssa.vbar()[k], h.vbar()[k], 1e-12 * (1 + Math.abs(h.vbar()[k])));
            assertEquals(sia.uSurface()[k] + ssa.ubar()[k], h.uSurface()[k], 1e-12 * (1 + Math.abs(h.uSurface()[k])));
            assertEquals(sia.vSurface()[k] + ssa.vbar()[k], h.vSurface()[k], 1e-12 * (1 + Math.abs(h.vSurface()[k])));
            assertEquals(ssa.ubar()[k], h.uBase()[k], 0.0);
            assertEquals(ssa.vbar()[k], h.vBase()[k], 0.0);
            maxSliding = Math.max(maxSliding, Math.hypot(ssa.ubar()[k], ssa.vbar()[k]));
        }
        assertTrue(maxSliding > 1, "the glacier slides: " + maxSliding + " m/a");
        double[] ue = h.staggered().uEdge();
        double[] se = sia.staggered().uEdge();
        double[] u = ssa.ubar();
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i <= nx; i++) {
                double mean = i == 0 ? u[j * nx] : i == nx ? u[j * nx + nx - 1]
                        : 0.5 * (u[j * nx + i - 1] + u[j * nx + i]);
                int e = j * (nx + 1) + i;
                assertEquals(se[e] + mean, ue[e], 1e-12 * (1 + Math.abs(ue[e])));
            }
        }
        double[] ve = h.staggered().vEdge();
        double[] te = sia.staggered().vEdge();
        double[] v = ssa.vbar();
        for (int j = 0; j <= ny; j++) {
            for (int i = 0; i < nx; i++) {
                double mean = j == 0 ? v[i] : j == ny ? v[(ny - 1) * nx + i]
                        : 0.5 * (v[(j - 1) * nx + i] + v[j * nx + i]);
                int e = j * nx + i;
                assertEquals(te[e] + mean, ve[e], 1e-12 * (1 + Math.abs(ve[e])));
            }
        }
        assertEquals(sia.maxStableTimeStep(), h.maxStableTimeStep(), 0.0);
        // the transport takes the hybrid's edges: its advective limit sees the sliding too
        ThicknessTransport transport = new ThicknessTransport(grid, 0.3, 1.0);
        assertTrue(transport.stableTimeStep(h) <= transport.stableTimeStep(sia));
    }

    /** An icefield that covers the whole grid, so that ice leaves through every domain edge: a finite solution. */
    @Test
    void icefieldReachingTheDomainEdgesSolves() {
        Grid2D grid = Grid2D.of(16, 12, 100);
        int n = grid.size();
        double[] h = new double[n];
        double[] s = new double[n];
        for (int j = 0; j < grid.ny(); j++) {
            for (int i = 0; i < grid.nx(); i++) {
                int k = grid.index(i, j);
                h[k] = 150 + 60 * Math.cos(i / 4.0) * Math.sin(j / 3.0);
                s[k] = 2000 - 0.08 * grid.x(i) + 0.03 * grid.y(j) + h[k];
            }
        }
        HybridIceFlow hybrid = new HybridIceFlow(new ShallowIceFlow(), new ShallowShelfFlow(OPTIONS));
        IceFlowResult r = hybrid.solve(new IceFlowInput(grid, h, s, ShallowShelfFlowTest.filled(n, 5),
                ShallowShelfFlowTest.filled(n, 78)));
        assertTrue(hybrid.lastReport().converged(), hybrid.lastReport().toString());
        double min = Double.POSITIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            assertTrue(Double.isFinite(r.ubar()[k]) && Double.isFinite(r.vbar()[k]));
            min = Math.min(min, r.ubar()[k]);
        }
        assertTrue(min > 0, "all the ice flows down the x slope: min ū = " + min);
        for (double e : r.staggered().uEdge()) {
            assertTrue(Double.isFinite(e));
        }
    }

    /**
     * The hybrid in a time loop with the thickness transport: twenty steps of the sliding glacier (in the middle of a
     * larger grid) without mass balance stay finite and conserve the ice volume, and every solve after the first
     * starts warm and needs fewer iterations, in total, than cold solves of the same states.
     */
    @Test
    void timeLoopWithTheTransportConservesIceAndStartsWarm() {
        IceFlowInput small = ShallowShelfFlowTest.glacier();
        Grid2D grid = Grid2D.of(40, 30, 100);
        int n = grid.size();
        double[] h = new double[n];
        double[] bed = new double[n];
        for (int j = 0; j < grid.ny(); j++) {
            for (int i = 0; i < grid.nx(); i++) {
                int k = grid.index(i, j);
                bed[k] = 2800 - 0.12 * grid.x(i) + 0.0004 * (grid.y(j) - 1450) * (grid.y(j) - 1450);
                int ii = i - 10;
                int jj = j - 8;
                if (ii >= 0 && ii < small.grid().nx() && jj >= 0 && jj < small.grid().ny()) {
                    h[k] = small.thickness()[small.grid().index(ii, jj)];
                }
            }
        }
        double[] c = ShallowShelfFlowTest.filled(n, 3);
        double[] a = ShallowShelfFlowTest.filled(n, 78);
        HybridIceFlow hybrid = new HybridIceFlow(new ShallowIceFlow(), new ShallowShelfFlow());
        ThicknessTransport transport = new ThicknessTransport(grid, 0.3, 1.0);
        double volume0 = java.util.Arrays.stream(h).sum();
        int warmIterations = 0;
        int coldIterations = 0;
        for (int step = 0; step < 20; step++) {
            double[] s = new double[n];
            for (int k = 0; k < n; k++) {
                s[k] = bed[k] + h[k];
            }
            IceFlowInput state = new IceFlowInput(grid, h.clone(), s, c, a);
            IceFlowResult flow = hybrid.solve(state);
            SolverReport report = hybrid.lastReport();
            assertTrue(report.converged(), "step " + step + ": " + report);
            assertEquals(step > 0, report.warmStart());
            if (step > 0) {
                HybridIceFlow fresh = new HybridIceFlow(new ShallowIceFlow(), new ShallowShelfFlow());
                fresh.solve(state);
                warmIterations += report.nonlinearIterations();
                coldIterations += fresh.lastReport().nonlinearIterations();
            }
            double dt = transport.stableTimeStep(flow);
            assertTrue(dt > 0 && Double.isFinite(dt));
            var budget = transport.step(h, flow, null, dt);
            assertEquals(0.0, budget.outflowVolume(), 0.0, "no ice reaches the domain edge");
        }
        assertTrue(warmIterations < coldIterations, "warm " + warmIterations + ", cold " + coldIterations);
        double volume = java.util.Arrays.stream(h).sum();
        assertEquals(volume0, volume, 1e-9 * volume0);
    }

    /**
     * Lagged sliding: within the threshold the SSA velocity of the last solve is reused (zero where the ice went),
     * beyond it the SSA is solved again; the SIA part is always fresh.
     */
    @Test
    void laggedSlidingReusesTheSsaVelocityWithinTheThreshold() {
        IceFlowInput in = ShallowShelfFlowTest.glacier();
        Grid2D grid = in.grid();
        int n = grid.size();
        HybridIceFlow lagged = new HybridIceFlow(new ShallowIceFlow(), new ShallowShelfFlow(OPTIONS), 0.5);
        IceFlowResult first = lagged.solve(in);
        SolverReport firstReport = lagged.lastReport();
        assertEquals(1, lagged.ssaSolves());

        // thinner by 0.3 m everywhere, and one ice cell emptied: the sliding is reused
        double[] h = in.thickness().clone();
        int emptied = -1;
        for (int k = 0; k < n; k++) {
            if (h[k] > 0) {
                if (emptied < 0 && h[k] < 0.4) {
                    emptied = k;
                }
                h[k] = Math.max(0, h[k] - 0.3);
            }
        }
        double[] s = in.surface().clone();
        for (int k = 0; k < n; k++) {
            s[k] -= in.thickness()[k] - h[k];
        }
        IceFlowInput thinner = new IceFlowInput(grid, h, s, in.slidingCoefficient(), in.rateFactor());
        IceFlowResult second = lagged.solve(thinner);
        assertEquals(1, lagged.ssaSolves(), "no new SSA solve within 0.5 m");
        assertTrue(lagged.lastReport() == firstReport, "the report of the reused solve");
        IceFlowResult sia = new ShallowIceFlow().solve(new IceFlowInput(grid, h, s, new double[n],
                in.rateFactor()));
        for (int k = 0; k < n; k++) {
            double expected = h[k] > 0 ? first.uBase()[k] : 0;
            assertEquals(expected, second.uBase()[k], 0.0);
            assertEquals(sia.ubar()[k] + second.uBase()[k], second.ubar()[k], 1e-12 * (1 + Math.abs(second.ubar()[k])));
        }

        // one cell thicker by 1 m more than the threshold allows: solved again, as an unlagged hybrid would
        double[] h2 = in.thickness().clone();
        double[] s2 = in.surface().clone();
        int thick = 0;
        for (int k = 0; k < n; k++) {
            if (h2[k] > h2[thick]) {
                thick = k;
            }
        }
        h2[thick] += 1;
        s2[thick] += 1;
        IceFlowInput thicker = new IceFlowInput(grid, h2, s2, in.slidingCoefficient(), in.rateFactor());
        IceFlowResult third = lagged.solve(thicker);
        assertEquals(2, lagged.ssaSolves());
        IceFlowResult every = new HybridIceFlow(new ShallowIceFlow(), new ShallowShelfFlow(OPTIONS)).solve(thicker);
        for (int k = 0; k < n; k++) {
            assertEquals(every.uBase()[k], third.uBase()[k], 1e-6 * (1 + Math.abs(every.uBase()[k])));
        }
        assertThrows(igm.InputException.class,
                () -> new HybridIceFlow(new ShallowIceFlow(), new ShallowShelfFlow(), -1));
    }

    private static double[][] fields(IceFlowResult r) {
        return new double[][]{r.ubar(), r.vbar(), r.uSurface(), r.vSurface(), r.uBase(), r.vBase(),
                r.staggered().uEdge(), r.staggered().vEdge()};
    }
}
