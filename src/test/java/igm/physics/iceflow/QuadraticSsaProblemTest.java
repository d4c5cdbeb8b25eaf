package igm.physics.iceflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import igm.grid.Grid2D;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The biquadratic-element SSA: its interpolation to the lattice, its derivatives, its ice margins, its warm start. */
class QuadraticSsaProblemTest {

    private static final int NX = 7;
    private static final int NY = 6;
    private static final double DX = 1000;
    private static final double DY = 700;

    /** The cubic midpoints reproduce a cubic polynomial exactly, inside and next to both ends. */
    @Test
    void midpointsOfACubicAreExact() {
        int n = 7;
        double[] values = new double[n];
        boolean[] usable = new boolean[n];
        for (int i = 0; i < n; i++) {
            values[i] = cubic(i);
            usable[i] = true;
        }
        double[] out = new double[2 * n - 1];
        boolean[] usableOut = new boolean[2 * n - 1];
        QuadraticSsaProblem.refineLine(values, usable, n, false, false, out, usableOut);
        for (int m = 0; m < out.length; m++) {
            assertEquals(cubic(0.5 * m), out[m], 1e-12, "lattice node " + m);
            assertTrue(usableOut[m]);
        }
    }

    private static double cubic(double t) {
        return 2 - 3 * t + 0.5 * t * t - 0.25 * t * t * t;
    }

    /**
     * Where a stencil node is not usable (no ice) the midpoint is the mean of its two nodes, and not usable itself
     * when one of them is not; a non-negative field whose cubic would dip below zero takes the mean too.
     */
    @Test
    void midpointsFallBackToTheMeanAtMarginsAndForNegativeCubics() {
        double[] thickness = {0, 0, 100, 400, 500, 520};
        boolean[] ice = {false, false, true, true, true, true};
        double[] out = new double[11];
        boolean[] usableOut = new boolean[11];
        QuadraticSsaProblem.refineLine(thickness, ice, 6, false, true, out, usableOut);
        assertEquals(0, out[1]);
        assertFalse(usableOut[1]);
        assertEquals(50, out[3]);
        assertFalse(usableOut[3]);
        assertEquals(250, out[5], "the stencil reaches the ice-free node 1");
        assertTrue(usableOut[5]);
        assertEquals((-100 + 9 * 400 + 9 * 500 - 520) / 16.0, out[7], 1e-12, "a full stencil: the cubic");
        double[] dip = {10, 0.1, 0.1, 10};
        QuadraticSsaProblem.refineLine(dip, new boolean[]{true, true, true, true}, 4, false, true, out,
                usableOut);
        assertEquals(0.1, out[3], 1e-15, "the cubic (−10 + 0.9 + 0.9 − 10)/16 < 0 gives way to the mean");
    }

    /** A glacier-like problem: ice with margins, varying hardness and Weertman sliding, a no-slip node at (0, 1). */
    private static QuadraticSsaProblem problem(ShallowShelfFlow.Options options) {
        Grid2D grid = Grid2D.of(NX, NY, DX);
        int n = grid.size();
        double[] h = new double[n];
        double[] tx = new double[n];
        double[] ty = new double[n];
        double[] b = new double[n];
        double[] c = new double[n];
        for (int j = 0; j < NY; j++) {
            for (int i = 0; i < NX; i++) {
                int k = grid.index(i, j);
                h[k] = i < NX - 1 && j > 0 ? 300 + 40 * i - 25 * j * j : 0;
                if (h[k] > 0) {
                    tx[k] = 0.08 + 0.01 * j;
                    ty[k] = -0.03 + 0.005 * i;
                    b[k] = GlenLaw.hardness(78) * (1 + 0.1 * i);
                }
                c[k] = i == 0 && j == 1 ? 0 : 2 + 0.5 * j;
            }
        }
        return new QuadraticSsaProblem(grid, DY, h, tx, ty, b, new WeertmanSliding(c, 1e-3),
                ShallowShelfFlow.Boundary.none(), options.strainRateRegularisation());
    }

    /** The gradient is the derivative of the energy (central differences at a random velocity of the unknowns). */
    @Test
    void gradientIsTheDerivativeOfTheEnergy() {
        QuadraticSsaProblem p = problem(ShallowShelfFlow.Options.defaults());
        double[] x = randomVelocity(p, 1);
        double[] g = new double[x.length];
        p.linearise(x, false, true, g, false);
        double step = 1e-3;
        for (int k : p.matrix().free()) {
            for (int c = 0; c < 2; c++) {
                int d = 2 * k + c;
                double[] plus = x.clone();
                double[] minus = x.clone();
                plus[d] += step;
                minus[d] -= step;
                double fd = (p.energy(plus) - p.energy(minus)) / (2 * step);
                assertEquals(fd, g[d], 1e-6 * Math.abs(g[d]) + 1e-9, "lattice unknown " + d);
            }
        }
    }

    /** The Newton matrix is the derivative of the gradient: A·d against central differences of g along d. */
    @Test
    void newtonMatrixIsTheDerivativeOfTheGradient() {
        QuadraticSsaProblem p = problem(ShallowShelfFlow.Options.defaults());
        double[] x = randomVelocity(p, 2);
        double[] direction = randomVelocity(p, 3);
        double[] g = new double[x.length];
        p.linearise(x, false, true, g, true);
        double[] product = new double[x.length];
        p.matrix().multiply(direction, product);
        double step = 1e-4;
        double[] plus = x.clone();
        double[] minus = x.clone();
        for (int k : p.matrix().free()) {
            for (int c = 0; c < 2; c++) {
                plus[2 * k + c] += step * direction[2 * k + c];
                minus[2 * k + c] -= step * direction[2 * k + c];
            }
        }
        double[] gp = new double[x.length];
        double[] gm = new double[x.length];
        p.linearise(plus, false, true, gp, false);
        p.linearise(minus, false, true, gm, false);
        double scale = 0;
        for (double value : product) {
            scale = Math.max(scale, Math.abs(value));
        }
        for (int k : p.matrix().free()) {
            for (int c = 0; c < 2; c++) {
                int d = 2 * k + c;
                assertEquals((gp[d] - gm[d]) / (2 * step), product[d], 1e-6 * scale, "lattice unknown " + d);
            }
        }
    }

    private static double[] randomVelocity(QuadraticSsaProblem p, long seed) {
        Random random = new Random(seed);
        double[] x = p.fixedVelocity();
        for (int k : p.matrix().free()) {
            x[2 * k] = 50 + 30 * random.nextDouble();
            x[2 * k + 1] = 20 * random.nextDouble() - 10;
        }
        return x;
    }

    /**
     * Ice-free and no-slip grid nodes, and every lattice node between one of them and another node, have zero
     * velocity; the other nodes of the ice are unknown, and the solve converges with finite velocities there.
     */
    @Test
    void marginsAndNoSlipNodesHoldTheIceStill() {
        ShallowShelfFlow.Options options = ShallowShelfFlow.Options.defaults().withTolerance(1e-9)
                .withLinearTolerance(1e-9);
        QuadraticSsaProblem p = problem(options);
        int mx = 2 * NX - 1;
        boolean[] unknown = new boolean[mx * (2 * NY - 1)];
        for (int m : p.matrix().free()) {
            unknown[m] = true;
        }
        assertFalse(unknown[2 * mx + 0], "grid node (0, 1) does not slide");
        assertFalse(unknown[2 * mx + 1], "the midpoint next to it");
        assertFalse(unknown[3 * mx + 1], "the element centre next to it");
        assertTrue(unknown[2 * mx + 2], "grid node (1, 1)");
        assertFalse(unknown[2 * mx + 11], "the midpoint between grid nodes (5, 1) with ice and (6, 1) without");
        assertTrue(unknown[2 * mx + 9], "the midpoint between grid nodes (4, 1) and (5, 1), both with ice");
        assertFalse(unknown[1 * mx + 4], "the midpoint between (2, 0) without ice and (2, 1)");

        Grid2D grid = Grid2D.of(NX, NY, DX);
        ShallowShelfFlow ssa = new ShallowShelfFlow(ShallowShelfFlow.Elements.QUADRATIC, options);
        IceFlowResult r = ssa.solve(input(grid));
        assertTrue(ssa.lastReport().converged(), ssa.lastReport().toString());
        for (int k = 0; k < grid.size(); k++) {
            assertTrue(Double.isFinite(r.ubar()[k]) && Double.isFinite(r.vbar()[k]));
        }
    }

    /** A second solve of the same problem starts warm and converges at once to the same velocity. */
    @Test
    void aSecondSolveStartsWarm() {
        Grid2D grid = Grid2D.of(NX, NY, DX);
        ShallowShelfFlow ssa = new ShallowShelfFlow(ShallowShelfFlow.Elements.QUADRATIC, ShallowShelfFlow.Options.defaults()
                .withTolerance(1e-8).withLinearTolerance(1e-9));
        IceFlowResult first = ssa.solve(input(grid));
        SolverReport cold = ssa.lastReport();
        IceFlowResult second = ssa.solve(input(grid));
        SolverReport warm = ssa.lastReport();
        assertFalse(cold.warmStart());
        assertTrue(warm.warmStart());
        assertTrue(warm.nonlinearIterations() < cold.nonlinearIterations(), cold + " then " + warm);
        assertArrayEquals(first.ubar(), second.ubar(), 1e-5);
        ssa.forgetWarmStart();
        ssa.solve(input(grid));
        assertFalse(ssa.lastReport().warmStart());
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
                h[k] = i > 0 && i < grid.nx() - 1 && j > 0 && j < grid.ny() - 1 ? 200 + 30 * j : 0;
                s[k] = 2000 - 80 * i + h[k] * 0.1;
                c[k] = 3;
                a[k] = 78;
            }
        }
        return new IceFlowInput(grid, h, s, c, a);
    }
}
