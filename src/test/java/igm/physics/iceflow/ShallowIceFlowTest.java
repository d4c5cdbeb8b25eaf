package igm.physics.iceflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import igm.InputException;
import igm.grid.Grid2D;
import igm.physics.PhysicalConstants;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

class ShallowIceFlowTest {

    private static final ShallowIceFlow SIA = new ShallowIceFlow();

    @Test
    void nameIsSia() {
        assertEquals("sia", SIA.name());
        assertThrows(InputException.class, () -> new ShallowIceFlow(0));
        assertThrows(InputException.class, () -> new ShallowIceFlow(1.5));
    }

    /** Uniform slab of thickness H on a plane of slope (αx, αy): every velocity is known in closed form. */
    @Test
    void inclinedSlabMatchesAnalyticVelocities() {
        Grid2D grid = new Grid2D(9, 7, 100, 5000, -300);
        int n = grid.size();
        double thickness = 200;
        double slopeX = 0.03;
        double slopeY = -0.04;
        double rate = 78;
        double sliding = 0.5;
        double[] h = new double[n];
        double[] s = new double[n];
        for (int j = 0; j < grid.ny(); j++) {
            for (int i = 0; i < grid.nx(); i++) {
                int k = grid.index(i, j);
                h[k] = thickness;
                s[k] = 2500 + slopeX * grid.x(i) + slopeY * grid.y(j);
            }
        }
        IceFlowResult r = SIA.solve(new IceFlowInput(grid, h, s, filled(n, sliding), filled(n, rate)));

        double slope = Math.hypot(slopeX, slopeY);
        double tau = PhysicalConstants.ICE_WEIGHT_MPA_PER_M * thickness * slope;
        double basal = 1000 * sliding * tau * tau * tau;
        double mean = basal + 2.0 / 5.0 * rate * tau * tau * tau * thickness;
        double surface = basal + 2.0 / 4.0 * rate * tau * tau * tau * thickness;
        double ex = -slopeX / slope;
        double ey = -slopeY / slope;
        double tol = 1e-12 * surface;
        for (int k = 0; k < n; k++) {
            assertEquals(mean * ex, r.ubar()[k], tol);
            assertEquals(mean * ey, r.vbar()[k], tol);
            assertEquals(surface * ex, r.uSurface()[k], tol);
            assertEquals(surface * ey, r.vSurface()[k], tol);
            assertEquals(basal * ex, r.uBase()[k], tol);
            assertEquals(basal * ey, r.vBase()[k], tol);
        }
        int nx = grid.nx();
        for (int j = 1; j < grid.ny() - 1; j++) {
            for (int i = 1; i < nx; i++) {
                assertEquals(mean * ex, r.staggered().uEdge()[j * (nx + 1) + i], tol);
            }
        }
        for (int j = 1; j < grid.ny(); j++) {
            for (int i = 1; i < nx - 1; i++) {
                assertEquals(mean * ey, r.staggered().vEdge()[j * nx + i], tol);
            }
        }
        // Diffusivity of the slab D = ū·H/|∇s| and the documented limit.
        double diffusivity = mean * thickness / slope;
        assertTrue(r.maxStableTimeStep() <= SIA.safetyFactor() * 100 * 100 / (4 * diffusivity) * (1 + 1e-12));
        assertTrue(r.maxStableTimeStep() > 0);
    }

    @Test
    void zeroVelocityWithoutIce() {
        Grid2D grid = Grid2D.of(6, 5, 50);
        int n = grid.size();
        double[] s = new double[n];
        for (int k = 0; k < n; k++) {
            s[k] = 1000 + 37.0 * (k % 7) - 11.0 * k;
        }
        IceFlowResult r = SIA.solve(new IceFlowInput(grid, new double[n], s, filled(n, 1), filled(n, 78)));
        for (double[] a : new double[][] {r.ubar(), r.vbar(), r.uSurface(), r.vSurface(), r.uBase(), r.vBase(),
            r.staggered().uEdge(), r.staggered().vEdge()}) {
            for (double x : a) {
                assertEquals(0.0, x);
            }
        }
        assertEquals(Double.POSITIVE_INFINITY, r.maxStableTimeStep());
    }

    @Test
    void zeroInIceFreeCellsAndFiniteOnFlatIce() {
        Grid2D grid = Grid2D.of(5, 5, 100);
        int n = grid.size();
        double[] h = filled(n, 300);
        h[grid.index(2, 2)] = 0;
        double[] s = filled(n, 1800);
        IceFlowResult flat = SIA.solve(new IceFlowInput(grid, h, s, filled(n, 1), filled(n, 78)));
        for (int k = 0; k < n; k++) {
            assertEquals(0.0, flat.ubar()[k]);
            assertEquals(0.0, flat.vSurface()[k]);
        }
        double[] bumpy = s.clone();
        for (int k = 0; k < n; k++) {
            bumpy[k] += 5 * k;
        }
        IceFlowResult r = SIA.solve(new IceFlowInput(grid, h, bumpy, filled(n, 1), filled(n, 78)));
        int centre = grid.index(2, 2);
        assertEquals(0.0, r.ubar()[centre]);
        assertEquals(0.0, r.vbar()[centre]);
        assertEquals(0.0, r.uSurface()[centre]);
        assertEquals(0.0, r.uBase()[centre]);
        for (double x : r.staggered().uEdge()) {
            assertTrue(Double.isFinite(x));
        }
        assertTrue(r.ubar()[grid.index(1, 1)] != 0);
    }

    /**
     * Rotating the input by 90° counter-clockwise rotates the velocities: at the rotated cell, (u', v') = (−v, u),
     * on the centres and on the edges.
     */
    @Test
    void symmetricUnderRotation() {
        int m = 13;
        Grid2D grid = Grid2D.of(m, m, 200);
        int n = grid.size();
        Random random = new Random(42);
        double[] h = new double[n];
        double[] s = new double[n];
        double[] a = new double[n];
        double[] c = new double[n];
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < m; i++) {
                int k = grid.index(i, j);
                double bed = 1000 + 30 * i - 12 * j + 5 * random.nextDouble();
                double r2 = (i - 5.3) * (i - 5.3) + (j - 7.1) * (j - 7.1);
                h[k] = Math.max(0, 400 - 12 * r2) + (i == m - 1 ? 50 : 0);
                s[k] = bed + h[k];
                a[k] = 50 + 40 * random.nextDouble();
                c[k] = random.nextDouble();
            }
        }
        IceFlowResult r = SIA.solve(new IceFlowInput(grid, h, s, c, a));
        IceFlowResult q = SIA.solve(new IceFlowInput(grid, rotate(h, m), rotate(s, m), rotate(c, m),
                rotate(a, m)));
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < m; i++) {
                int k = j * m + i;
                int kr = i * m + (m - 1 - j);
                assertClose(-r.vbar()[k], q.ubar()[kr]);
                assertClose(r.ubar()[k], q.vbar()[kr]);
                assertClose(-r.vSurface()[k], q.uSurface()[kr]);
                assertClose(r.uSurface()[k], q.vSurface()[kr]);
                assertClose(-r.vBase()[k], q.uBase()[kr]);
                assertClose(r.uBase()[k], q.vBase()[kr]);
            }
        }
        // y-edge (i, j) between (i, j−1) and (i, j) maps to the x-edge between (m−j, i) and (m−1−j, i):
        // edge index m−j in row i, with the normal reversed.
        for (int j = 0; j <= m; j++) {
            for (int i = 0; i < m; i++) {
                assertClose(-r.staggered().vEdge()[j * m + i], q.staggered().uEdge()[i * (m + 1) + (m - j)]);
            }
        }
        for (int j = 0; j < m; j++) {
            for (int i = 0; i <= m; i++) {
                assertClose(r.staggered().uEdge()[j * (m + 1) + i], q.staggered().vEdge()[i * m + (m - 1 - j)]);
            }
        }
        assertEquals(r.maxStableTimeStep(), q.maxStableTimeStep(), 1e-12 * r.maxStableTimeStep());
    }

    /** Mirroring the input east–west (x → −x) mirrors the velocities: u' = −u, v' = v. */
    @Test
    void symmetricUnderReflection() {
        Grid2D grid = Grid2D.of(11, 8, 300);
        int nx = grid.nx();
        int ny = grid.ny();
        int n = grid.size();
        Random random = new Random(7);
        double[] h = new double[n];
        double[] s = new double[n];
        double[] a = filled(n, 78);
        double[] c = new double[n];
        for (int k = 0; k < n; k++) {
            h[k] = random.nextDouble() < 0.2 ? 0 : 100 + 300 * random.nextDouble();
            s[k] = 2000 + 40 * random.nextDouble() + h[k];
            c[k] = random.nextDouble();
        }
        IceFlowResult r = SIA.solve(new IceFlowInput(grid, h, s, c, a));
        IceFlowResult q = SIA.solve(new IceFlowInput(grid, mirror(h, nx, ny), mirror(s, nx, ny),
                mirror(c, nx, ny), a));
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                int k = j * nx + i;
                int km = j * nx + (nx - 1 - i);
                assertClose(-r.ubar()[k], q.ubar()[km]);
                assertClose(r.vbar()[k], q.vbar()[km]);
                assertClose(-r.uSurface()[k], q.uSurface()[km]);
                assertClose(r.vBase()[k], q.vBase()[km]);
            }
            for (int i = 0; i <= nx; i++) {
                assertClose(-r.staggered().uEdge()[j * (nx + 1) + i], q.staggered().uEdge()[j * (nx + 1) + nx - i]);
            }
        }
        for (int j = 0; j <= ny; j++) {
            for (int i = 0; i < nx; i++) {
                assertClose(r.staggered().vEdge()[j * nx + i], q.staggered().vEdge()[j * nx + nx - 1 - i]);
            }
        }
    }

    private static double[] mirror(double[] f, int nx, int ny) {
        double[] g = new double[f.length];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                g[j * nx + (nx - 1 - i)] = f[j * nx + i];
            }
        }
        return g;
    }

    /** f'(i', j') = f(i, j) with i' = m−1−j, j' = i. */
    private static double[] rotate(double[] f, int m) {
        double[] g = new double[f.length];
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < m; i++) {
                g[i * m + (m - 1 - j)] = f[j * m + i];
            }
        }
        return g;
    }

    /**
     * The row-split solve, which visits only the span of each row between its first and last cell with ice, equals
     * the plain whole-grid reference bit for bit on any number of threads: ice touching every boundary, rows
     * without ice, isolated cells, zero and negative thickness, one-row and one-column grids.
     */
    @Test
    void splitSolveEqualsReferenceBitForBitOnAnyThreadCount() {
        Random random = new Random(11);
        for (Grid2D grid : new Grid2D[] {Grid2D.of(120, 90, 100), Grid2D.of(70, 161, 50), Grid2D.of(1, 40, 100),
                Grid2D.of(37, 1, 100), Grid2D.of(9, 7, 200)}) {
            int nx = grid.nx();
            int ny = grid.ny();
            int n = grid.size();
            double[] h = new double[n];
            double[] s = new double[n];
            double[] a = new double[n];
            double[] c = new double[n];
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int k = grid.index(i, j);
                    double r = Math.hypot((i - 0.3 * nx) / (0.45 * nx), (j - 0.6 * ny) / (0.5 * ny));
                    double dome = r < 1 ? 350 * Math.sqrt(1 - r * r) : 0;
                    double u = random.nextDouble();
                    h[k] = u < 0.03 ? 20 * random.nextDouble() : u < 0.05 ? -3 : u < 0.07 ? 0 : dome;
                    double bed = 2500 - 3 * i + 7 * j + 5 * random.nextGaussian();
                    s[k] = bed + Math.max(h[k], 0);
                    a[k] = 78 * (0.5 + random.nextDouble());
                    c[k] = 0.3 * random.nextDouble();
                }
            }
            IceFlowInput input = new IceFlowInput(grid, h, s, c, a);
            IceFlowResult expected = ShallowIceFlowReference.solve(input, 0.5);
            for (int threads = 1; threads <= 4; threads++) {
                IceFlowResult r = new ShallowIceFlow(0.5, threads).solve(input);
                String where = grid + " on " + threads + " thread(s)";
                assertTrue(Arrays.equals(expected.ubar(), r.ubar()), where);
                assertTrue(Arrays.equals(expected.vbar(), r.vbar()), where);
                assertTrue(Arrays.equals(expected.uSurface(), r.uSurface()), where);
                assertTrue(Arrays.equals(expected.vSurface(), r.vSurface()), where);
                assertTrue(Arrays.equals(expected.uBase(), r.uBase()), where);
                assertTrue(Arrays.equals(expected.vBase(), r.vBase()), where);
                assertTrue(Arrays.equals(expected.staggered().uEdge(), r.staggered().uEdge()), where);
                assertTrue(Arrays.equals(expected.staggered().vEdge(), r.staggered().vEdge()), where);
                assertEquals(expected.maxStableTimeStep(), r.maxStableTimeStep(), 0.0, where);
            }
        }
        assertThrows(InputException.class, () -> new ShallowIceFlow(0.5, 0));
    }

    /** The worker team splits a large grid on a multi-core machine, runs every chunk once and passes failures on. */
    @Test
    void workerTeamRunsEveryChunkAndRethrows() {
        igm.parallel.ParallelRows team = igm.parallel.ParallelRows.shared();
        if (Runtime.getRuntime().availableProcessors() >= 2) {
            assertEquals(2, team.chunks(2, 120 * 90, 90));
        }
        assertEquals(1, team.chunks(4, 9 * 7, 7));
        int chunks = team.chunks(8, 1 << 20, 1000);
        for (int round = 0; round < 100; round++) {
            java.util.concurrent.atomic.AtomicIntegerArray seen = new java.util.concurrent.atomic.AtomicIntegerArray(
                    chunks);
            team.run(chunks, seen::incrementAndGet);
            for (int t = 0; t < chunks; t++) {
                assertEquals(1, seen.get(t));
            }
        }
        int last = chunks - 1;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> team.run(chunks, t -> {
            if (t == last) {
                throw new IllegalStateException("chunk " + t);
            }
        }));
        assertEquals("chunk " + last, e.getMessage());
        int[] count = new int[1];
        team.run(1, t -> count[0]++);
        assertEquals(1, count[0]);
        // A job that starts another job on the calling thread runs the inner one serially.
        java.util.concurrent.atomic.AtomicInteger inner = new java.util.concurrent.atomic.AtomicInteger();
        team.run(chunks, t -> {
            if (t == 0) {
                team.run(chunks, u -> inner.incrementAndGet());
            }
        });
        assertEquals(chunks, inner.get());
    }

    /** Each solve returns arrays of its own: a later solve does not write the arrays of an earlier result. */
    @Test
    void resultsDoNotShareArrays() {
        Grid2D grid = Grid2D.of(100, 90, 100);
        int n = grid.size();
        double[] h = filled(n, 100);
        double[] s = new double[n];
        for (int k = 0; k < n; k++) {
            s[k] = 2000 + 0.05 * k;
        }
        ShallowIceFlow sia = new ShallowIceFlow(0.5, 2);
        IceFlowResult first = sia.solve(new IceFlowInput(grid, h, s, filled(n, 0.1), filled(n, 78)));
        double[] ubar = first.ubar().clone();
        double[] uEdge = first.staggered().uEdge().clone();
        sia.solve(new IceFlowInput(grid, filled(n, 300), s, filled(n, 0.1), filled(n, 78)));
        assertTrue(Arrays.equals(ubar, first.ubar()));
        assertTrue(Arrays.equals(uEdge, first.staggered().uEdge()));
    }

    private static void assertClose(double expected, double actual) {
        assertEquals(expected, actual, 1e-12 * Math.max(1, Math.abs(expected)));
    }

    private static double[] filled(int n, double value) {
        double[] a = new double[n];
        Arrays.fill(a, value);
        return a;
    }
}
