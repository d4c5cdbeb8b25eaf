package igm.physics.iceflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import igm.InputException;
import igm.grid.Grid2D;
import igm.physics.PhysicalConstants;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

class ShallowShelfFlowTest {

    private static final ShallowShelfFlow.Options TIGHT = ShallowShelfFlow.Options.defaults().withTolerance(1e-10)
            .withLinearTolerance(1e-10).withMaxIterations(500);

    @Test
    void nameIsSsa() {
        assertEquals("ssa", new ShallowShelfFlow().name());
        assertEquals("hybrid", new HybridIceFlow().name());
    }

    /**
     * A uniform slab on an inclined plane with linear drag: no strain, so the drag balances the driving stress in
     * every node, u = −ρgH ∇s / β², whatever the viscosity (free domain edges are stress-free, which the uniform
     * solution satisfies).
     */
    @Test
    void uniformSlabWithLinearDragSlidesAtDrivingStressOverDrag() {
        Grid2D grid = new Grid2D(9, 7, 100, 5000, -300);
        int n = grid.size();
        double thickness = 300;
        double slopeX = 0.02;
        double slopeY = -0.03;
        double betaSquared = 2e-4; // MPa a m⁻¹
        double[] h = filled(n, thickness);
        double[] s = new double[n];
        for (int j = 0; j < grid.ny(); j++) {
            for (int i = 0; i < grid.nx(); i++) {
                s[grid.index(i, j)] = 1000 + slopeX * grid.x(i) + slopeY * grid.y(j);
            }
        }
        double[][] tau = ShallowShelfFlow.drivingStress(grid, h, s);
        ShallowShelfFlow ssa = new ShallowShelfFlow(TIGHT);
        ShallowShelfFlow.Solution sol = ssa.solve(grid, h, tau[0], tau[1], filled(n, GlenLaw.hardness(78)),
                new LinearSliding(filled(n, betaSquared)), ShallowShelfFlow.Boundary.none());
        double weight = PhysicalConstants.ICE_WEIGHT_MPA_PER_M * thickness;
        double expectedU = -weight * slopeX / betaSquared;
        double expectedV = -weight * slopeY / betaSquared;
        for (int k = 0; k < n; k++) {
            assertEquals(expectedU, sol.u()[k], 1e-8 * Math.abs(expectedU));
            assertEquals(expectedV, sol.v()[k], 1e-8 * Math.abs(expectedV));
        }
        assertTrue(sol.report().converged());
    }

    /** The same slab with Weertman sliding through the IceFlowModel form: u_b = 1000 c τ³ (ε-regularised). */
    @Test
    void uniformSlabWithWeertmanSlidingMatchesTheSlidingLaw() {
        Grid2D grid = Grid2D.of(8, 8, 100);
        int n = grid.size();
        double thickness = 200;
        double slope = 0.05;
        double c = 2.0;
        double[] s = new double[n];
        for (int j = 0; j < grid.ny(); j++) {
            for (int i = 0; i < grid.nx(); i++) {
                s[grid.index(i, j)] = 3000 - slope * grid.x(i);
            }
        }
        IceFlowResult r = new ShallowShelfFlow(TIGHT).solve(new IceFlowInput(grid, filled(n, thickness), s,
                filled(n, c), filled(n, 78)));
        double tau = PhysicalConstants.ICE_WEIGHT_MPA_PER_M * thickness * slope;
        double expected = 1000 * c * tau * tau * tau;
        for (int k = 0; k < n; k++) {
            assertEquals(expected, r.ubar()[k], 1e-6 * expected);
            assertEquals(0.0, r.vbar()[k], 1e-9 * expected);
            assertEquals(r.ubar()[k], r.uSurface()[k], 0.0);
            assertEquals(r.ubar()[k], r.uBase()[k], 0.0);
        }
        assertEquals(Double.POSITIVE_INFINITY, r.maxStableTimeStep());
        assertEquals(null, r.staggered());
    }

    /**
     * The Picard fixed point is the stationary point of the discrete energy (Gauss-quadrature Glen dissipation, lumped
     * sliding potential, consistent load), computed independently of the assembled matrix: its directional
     * derivatives there vanish, while at 0.9 times the solution they do not. On square cells and on rectangular ones
     * (Δy = 0.6 Δx and 1.7 Δx).
     */
    @Test
    void convergedVelocityIsAStationaryPointOfTheDiscreteEnergy() {
        for (double ratio : new double[]{1, 0.6, 1.7}) {
            assertStationary(ratio);
        }
    }

    private static void assertStationary(double ratio) {
        IceFlowInput in = glacier();
        Grid2D grid = in.grid();
        double dy = ratio * grid.dx();
        int n = grid.size();
        double[][] tau = ShallowShelfFlow.drivingStress(grid, in.thickness(), in.surface());
        double[] hardness = new double[n];
        for (int k = 0; k < n; k++) {
            hardness[k] = GlenLaw.hardness(in.rateFactor()[k]);
        }
        SlidingLaw sliding = new WeertmanSliding(in.slidingCoefficient());
        ShallowShelfFlow.Solution sol = new ShallowShelfFlow(TIGHT).solve(grid, dy, in.thickness(), tau[0], tau[1],
                hardness, sliding, ShallowShelfFlow.Boundary.none());
        assertTrue(sol.report().converged());
        Random random = new Random(7);
        double maxSpeed = 0;
        for (int k = 0; k < n; k++) {
            maxSpeed = Math.max(maxSpeed, Math.hypot(sol.u()[k], sol.v()[k]));
        }
        for (int trial = 0; trial < 3; trial++) {
            double[] du = new double[n];
            double[] dv = new double[n];
            for (int k = 0; k < n; k++) {
                if (in.thickness()[k] > 0) {
                    du[k] = random.nextGaussian();
                    dv[k] = random.nextGaussian();
                }
            }
            double t = 1e-6 * maxSpeed; // small: J is far from quadratic where the strain rate is small
            double atSolution = derivative(grid, dy, in, tau, hardness, sliding, sol.u(), sol.v(), du, dv, t, 1.0);
            double offSolution = derivative(grid, dy, in, tau, hardness, sliding, sol.u(), sol.v(), du, dv, t, 0.9);
            assertTrue(Math.abs(offSolution) > 0);
            assertTrue(Math.abs(atSolution) < 1e-6 * Math.abs(offSolution), "Δy/Δx = " + ratio
                    + ": dJ at the solution " + atSolution + ", at 0.9 × the solution " + offSolution);
        }
    }

    private static double derivative(Grid2D grid, double dy, IceFlowInput in, double[][] tau, double[] hardness,
                                     SlidingLaw sliding, double[] u, double[] v, double[] du, double[] dv, double t,
                                     double scale) {
        int n = grid.size();
        double[] up = new double[n];
        double[] vp = new double[n];
        double[] um = new double[n];
        double[] vm = new double[n];
        for (int k = 0; k < n; k++) {
            up[k] = scale * u[k] + t * du[k];
            vp[k] = scale * v[k] + t * dv[k];
            um[k] = scale * u[k] - t * du[k];
            vm[k] = scale * v[k] - t * dv[k];
        }
        double jp = ShallowShelfFlow.discreteEnergy(grid, dy, in.thickness(), tau[0], tau[1], hardness, sliding,
                ShallowShelfFlow.Boundary.none(), TIGHT, up, vp);
        double jm = ShallowShelfFlow.discreteEnergy(grid, dy, in.thickness(), tau[0], tau[1], hardness, sliding,
                ShallowShelfFlow.Boundary.none(), TIGHT, um, vm);
        return (jp - jm) / (2 * t);
    }

    @Test
    void warmStartTakesFewerIterationsAndGivesTheSameAnswer() {
        ShallowShelfFlow.Options options = ShallowShelfFlow.Options.defaults().withTolerance(1e-8)
                .withLinearTolerance(1e-8);
        ShallowShelfFlow warm = new ShallowShelfFlow(options);
        IceFlowInput first = glacier();
        warm.solve(first);
        SolverReport cold = warm.lastReport();
        assertFalse(cold.warmStart());
        double[] h = first.thickness().clone();
        double[] s = first.surface().clone();
        for (int k = 0; k < h.length; k++) {
            if (h[k] > 0) {
                h[k] += 1; // a metre more ice, as after a time step
                s[k] += 1;
            }
        }
        IceFlowInput second = new IceFlowInput(first.grid(), h, s, first.slidingCoefficient(), first.rateFactor());
        IceFlowResult fromWarm = warm.solve(second);
        SolverReport warmReport = warm.lastReport();
        IceFlowResult fromCold = new ShallowShelfFlow(options).solve(second);
        assertTrue(warmReport.warmStart());
        assertTrue(warmReport.converged());
        assertTrue(warmReport.nonlinearIterations() < cold.nonlinearIterations(), "warm " + warmReport
                + " cold " + cold);
        double max = 0;
        double diff = 0;
        for (int k = 0; k < h.length; k++) {
            max = Math.max(max, Math.hypot(fromCold.ubar()[k], fromCold.vbar()[k]));
            diff = Math.max(diff, Math.hypot(fromCold.ubar()[k] - fromWarm.ubar()[k],
                    fromCold.vbar()[k] - fromWarm.vbar()[k]));
        }
        assertTrue(diff < 1e-6 * max, "warm and cold differ by " + diff + " m/a of " + max);
        warm.forgetWarmStart();
        warm.solve(second);
        assertFalse(warm.lastReport().warmStart());
        // another grid starts cold
        warm.solve(new IceFlowInput(Grid2D.of(3, 3, 100), filled(9, 0), filled(9, 0), filled(9, 1), filled(9, 78)));
        assertFalse(warm.lastReport().warmStart());
    }

    @Test
    void dirichletNodesKeepTheirValues() {
        Grid2D grid = Grid2D.of(6, 5, 100);
        int n = grid.size();
        boolean[] given = new boolean[n];
        double[] gu = new double[n];
        double[] gv = new double[n];
        given[grid.index(0, 2)] = true;
        gu[grid.index(0, 2)] = 12.5;
        gv[grid.index(0, 2)] = -3;
        ShallowShelfFlow.Solution s = new ShallowShelfFlow(TIGHT).solve(grid, filled(n, 100), filled(n, 0),
                filled(n, 0), filled(n, 1), new LinearSliding(filled(n, 1e-3)),
                new ShallowShelfFlow.Boundary(false, given, gu, gv));
        assertEquals(12.5, s.u()[grid.index(0, 2)], 0.0);
        assertEquals(-3, s.v()[grid.index(0, 2)], 0.0);
        assertTrue(s.u()[grid.index(1, 2)] > 0, "the given velocity drags its neighbour");
    }

    @Test
    void badInputIsRejectedWithOneClearException() {
        IceFlowInput good = glacier();
        Grid2D grid = good.grid();
        int n = grid.size();
        int ice = firstIceCell(good);
        ShallowShelfFlow ssa = new ShallowShelfFlow();
        double[] h = good.thickness().clone();
        h[ice] = -1;
        assertMessage(() -> ssa.solve(new IceFlowInput(grid, h, good.surface(), good.slidingCoefficient(),
                good.rateFactor())), "thickness");
        double[] s = good.surface().clone();
        s[3] = Double.NaN;
        assertMessage(() -> ssa.solve(new IceFlowInput(grid, good.thickness(), s, good.slidingCoefficient(),
                good.rateFactor())), "surface");
        double[] a = good.rateFactor().clone();
        a[ice] = 0;
        assertMessage(() -> ssa.solve(new IceFlowInput(grid, good.thickness(), good.surface(),
                good.slidingCoefficient(), a)), "rate factor");
        double[] c = good.slidingCoefficient().clone();
        c[5] = -2;
        assertMessage(() -> ssa.solve(new IceFlowInput(grid, good.thickness(), good.surface(), c,
                good.rateFactor())), "sliding coefficient");
        assertMessage(() -> ssa.solve(grid, good.thickness(), new double[n - 1], new double[n], filled(n, 1),
                new LinearSliding(filled(n, 1)), ShallowShelfFlow.Boundary.none()), "driving stress x");
        assertMessage(() -> ssa.solve(grid, good.thickness(), new double[n], new double[n], filled(n, 1),
                new LinearSliding(filled(n - 2, 1)), ShallowShelfFlow.Boundary.none()), "sliding-law values");
        assertMessage(() -> ssa.solve(grid, good.thickness(), new double[n], new double[n], filled(n, 1),
                new LinearSliding(filled(n, 1)), new ShallowShelfFlow.Boundary(false, new boolean[3], new double[3],
                        new double[3])), "Dirichlet mask");
        assertMessage(() -> new ShallowShelfFlow.Boundary(false, new boolean[n], null, null), "Dirichlet");
        for (double dy : new double[]{0, -100, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertMessage(() -> ssa.solve(grid, dy, good.thickness(), new double[n], new double[n], filled(n, 1),
                    new LinearSliding(filled(n, 1)), ShallowShelfFlow.Boundary.none()), "spacing along y");
        }
        assertMessage(() -> ShallowShelfFlow.Options.defaults().withTolerance(0), "tolerance");
        assertMessage(() -> ShallowShelfFlow.Options.defaults().withThreads(0), "thread");
        assertMessage(() -> ShallowShelfFlow.Options.defaults().withMaxIterations(0), "iterations");
    }

    /**
     * The model's solve on square cells and the rectangular solve given Δy = Δx are the same computation, bit for bit
     * (measured before and after rectangular cells were added: the Aletsch velocity and test I on 61 nodes, both
     * setups, also kept every bit). A warm start is kept per cell shape: another Δy starts cold.
     */
    @Test
    void rectangularSolveWithSquareCellsGivesTheSameBits() {
        IceFlowInput in = glacier();
        Grid2D grid = in.grid();
        int n = grid.size();
        IceFlowResult model = new ShallowShelfFlow().solve(in);
        double[][] tau = ShallowShelfFlow.drivingStress(grid, in.thickness(), in.surface());
        double[] hardness = new double[n];
        for (int k = 0; k < n; k++) {
            hardness[k] = in.thickness()[k] > 0 ? GlenLaw.hardness(in.rateFactor()[k]) : 0;
        }
        ShallowShelfFlow ssa = new ShallowShelfFlow();
        ShallowShelfFlow.Solution square = ssa.solve(grid, grid.dx(), in.thickness(), tau[0], tau[1], hardness,
                new WeertmanSliding(in.slidingCoefficient()), ShallowShelfFlow.Boundary.none());
        assertArrayEquals(model.ubar(), square.u(), 0.0);
        assertArrayEquals(model.vbar(), square.v(), 0.0);
        assertFalse(square.report().warmStart());
        ShallowShelfFlow.Solution stretched = ssa.solve(grid, 1.5 * grid.dx(), in.thickness(), tau[0], tau[1],
                hardness, new WeertmanSliding(in.slidingCoefficient()), ShallowShelfFlow.Boundary.none());
        assertFalse(stretched.report().warmStart(), "another Δy starts cold");
        assertTrue(stretched.report().converged());
    }

    @Test
    void noIceNeedsNoIteration() {
        ShallowShelfFlow ssa = new ShallowShelfFlow();
        IceFlowResult r = ssa.solve(new IceFlowInput(Grid2D.of(4, 4, 100), filled(16, 0), filled(16, 10),
                filled(16, 1), filled(16, 78)));
        assertEquals(0, ssa.lastReport().nonlinearIterations());
        assertTrue(ssa.lastReport().converged());
        assertTrue(Arrays.stream(r.ubar()).allMatch(x -> x == 0));
    }

    private static void assertMessage(Runnable r, String fragment) {
        InputException e = assertThrows(InputException.class, r::run);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    private static int firstIceCell(IceFlowInput in) {
        for (int k = 0; k < in.thickness().length; k++) {
            if (in.thickness()[k] > 0) {
                return k;
            }
        }
        throw new IllegalStateException();
    }

    /** A small glacier in a valley, sliding (c = 3) on a bumpy bed. */
    static IceFlowInput glacier() {
        Grid2D g = Grid2D.of(20, 14, 100);
        int n = g.size();
        double[] h = new double[n];
        double[] s = new double[n];
        for (int j = 0; j < g.ny(); j++) {
            for (int i = 0; i < g.nx(); i++) {
                int k = g.index(i, j);
                double bed = 2800 - 0.12 * g.x(i) + 0.0004 * (g.y(j) - 650) * (g.y(j) - 650)
                        + 20 * Math.sin(g.x(i) / 250.0);
                double r2 = Math.pow((i - 9.5) / 8.0, 2) + Math.pow((j - 6.5) / 5.0, 2);
                h[k] = r2 < 1 ? 180 * Math.sqrt(1 - r2) : 0;
                s[k] = bed + h[k];
            }
        }
        return new IceFlowInput(g, h, s, filled(n, 3), filled(n, 78));
    }

    static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }
}
