package igm.physics.iceflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.IntBinaryOperator;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

import igm.grid.Grid2D;

/**
 * The contract every {@link IceFlowModel} keeps, as an abstract test: one subclass per model. On a small square grid
 * holding an asymmetric glacier on a sloping, bumpy bed:
 * <ul>
 *   <li>no ice gives exactly zero velocity everywhere, and ice-free cells of a glacier have exactly zero velocity;</li>
 *   <li>rotating the input by 90° and reflecting it in x rotates / reflects the solution, velocity components
 *       transformed (to {@link #symmetryTolerance()} of the largest speed), on {@link #symmetryGlacier()} (by default
 *       the synthetic glacier; a model may supply a real one);</li>
 *   <li>raising every elevation by 1000 m changes nothing (to the same tolerance);</li>
 *   <li>a flat slab (uniform thickness, flat surface, covering the grid) does not move
 *       (to {@link #flatSlabTolerance()});</li>
 *   <li>a steep glacier (bed slope 35°) gives finite velocities.</li>
 * </ul>
 */
public abstract class IceFlowModelContract {

    /** Cells along each side of the test grid. */
    protected static final int N = 24;
    /** Cell size, m (the resolution the f15 emulator was trained at). */
    protected static final double DX = 100;

    /** A fresh model to test (it may keep a warm start between the solves of one test). */
    protected abstract IceFlowModel model();

    /**
     * Largest allowed difference of a transformed solution: as a fraction of the largest speed, or with
     * {@link #symmetryInMeanNorm()} the mean absolute difference as a fraction of the mean speed over the ice.
     */
    protected abstract double symmetryTolerance();

    /** Whether symmetry is measured in the mean (relative L1, the paper's fidelity measure) rather than the max norm. */
    protected boolean symmetryInMeanNorm() {
        return false;
    }

    /** The sliding coefficient c of the test glaciers, km MPa⁻³ a⁻¹ (non-zero, so that sliding models slide). */
    protected double slidingCoefficient() {
        return 5.0;
    }

    /**
     * The glacier of the rotation and reflection tests, on a square grid: by default {@link #glacier}(0.1, 0). A
     * model whose symmetry holds only approximately, on the inputs it was made for (a trained emulator), supplies a
     * realistic one.
     */
    protected IceFlowInput symmetryGlacier() {
        return glacier(0.1, 0);
    }

    protected static Grid2D grid() {
        return Grid2D.of(N, N, DX);
    }

    /** An asymmetric glacier: an off-centre elliptic cap on a bed sloping to the south-west with bumps. */
    protected IceFlowInput glacier(double bedSlope, double shift) {
        Grid2D g = grid();
        int n = g.size();
        double[] h = new double[n];
        double[] s = new double[n];
        double[] c = new double[n];
        double[] a = new double[n];
        for (int j = 0; j < N; j++) {
            for (int i = 0; i < N; i++) {
                int k = g.index(i, j);
                double x = g.x(i);
                double y = g.y(j);
                double bed = 2500 + shift + bedSlope * (0.8 * x + 0.5 * y) + 40 * Math.sin(x / 300.0)
                        * Math.cos(y / 450.0);
                double r2 = sq((i - 13.2) / 8.5) + sq((j - 10.7) / 6.0) + 0.3 * (i - 13.2) * (j - 10.7) / 51.0;
                h[k] = r2 < 1 ? 220 * Math.sqrt(1 - r2) : 0;
                s[k] = bed + h[k];
                c[k] = slidingCoefficient();
                a[k] = 78;
            }
        }
        return new IceFlowInput(g, h, s, c, a);
    }

    private static double sq(double v) {
        return v * v;
    }

    @Test
    void noIceGivesZeroVelocity() {
        IceFlowInput in = glacier(0.1, 0);
        Arrays.fill(in.thickness(), 0);
        IceFlowResult r = model().solve(new IceFlowInput(in.grid(), in.thickness(), in.surface(),
                in.slidingCoefficient(), in.rateFactor()));
        for (double[] f : fields(r)) {
            for (double v : f) {
                assertEquals(0.0, v, 0.0);
            }
        }
    }

    @Test
    void iceFreeCellsHaveZeroVelocityAndIceMoves() {
        IceFlowInput in = glacier(0.1, 0);
        IceFlowResult r = model().solve(in);
        double max = 0;
        for (int k = 0; k < in.grid().size(); k++) {
            for (double[] f : fields(r)) {
                assertTrue(Double.isFinite(f[k]), "finite velocity at " + k);
                if (in.thickness()[k] == 0) {
                    assertEquals(0.0, f[k], 0.0, "velocity in ice-free cell " + k);
                }
            }
            max = Math.max(max, Math.hypot(r.ubar()[k], r.vbar()[k]));
        }
        assertTrue(max > 1, "the glacier flows (max |ū| = " + max + " m/a)");
    }

    @Test
    void rotatingTheInputRotatesTheSolution() {
        // (x, y) → (−y, x): cell (i, j) goes to (n−1−j, i); (u, v) → (−v, u)
        assertEquivariant(n -> (i, j) -> n - 1 - j, n -> (i, j) -> i, new double[]{0, -1, 1, 0});
    }

    @Test
    void reflectingTheInputReflectsTheSolution() {
        // x → −x: cell (i, j) goes to (n−1−i, j); (u, v) → (−u, v)
        assertEquivariant(n -> (i, j) -> n - 1 - i, n -> (i, j) -> j, new double[]{-1, 0, 0, 1});
    }

    /**
     * Solves {@link #symmetryGlacier()} and its transform (cell (i, j) moved to (ti, tj), for a square grid of side n)
     * with the same model, started cold both times, and compares the transformed solution (velocity matrix m).
     */
    private void assertEquivariant(IntFunction<IntBinaryOperator> ti, IntFunction<IntBinaryOperator> tj, double[] m) {
        IceFlowInput in = symmetryGlacier();
        int n = squareSide(in);
        IntBinaryOperator toI = ti.apply(n);
        IntBinaryOperator toJ = tj.apply(n);
        IceFlowModel model = model();
        IceFlowResult r = model.solve(in);
        coldStart(model);
        IceFlowResult rr = model.solve(transform(in, toI, toJ));
        compare(r, rr, toI, toJ, m);
    }

    /**
     * Makes an iterative model start its next solve cold, so that the transformed input is solved along the transformed
     * path of the first solve rather than from its (untransformed) solution.
     */
    private static void coldStart(IceFlowModel model) {
        if (model instanceof IterativeIceFlow iterative) {
            iterative.forgetWarmStart();
        }
    }

    private static int squareSide(IceFlowInput in) {
        assertEquals(in.grid().nx(), in.grid().ny(), "the symmetry glacier must be on a square grid");
        return in.grid().nx();
    }

    @Test
    void raisingAllElevationsChangesNothing() {
        IceFlowResult r = model().solve(glacier(0.1, 0));
        IceFlowResult rr = model().solve(glacier(0.1, 1000));
        compare(r, rr, (i, j) -> i, (i, j) -> j, new double[]{1, 0, 0, 1});
    }

    /**
     * Largest speed allowed on a flat slab (no surface slope, so no driving stress), m a⁻¹: zero for the instructor
     * solvers, which have no other source of motion.
     */
    protected double flatSlabTolerance() {
        return 0;
    }

    /** A slab of uniform thickness with a flat surface covering the whole grid does not move: its mass stays put. */
    @Test
    void flatSlabStaysPut() {
        Grid2D g = grid();
        int n = g.size();
        double[] h = new double[n];
        double[] s = new double[n];
        double[] c = new double[n];
        double[] a = new double[n];
        java.util.Arrays.fill(h, 300);
        java.util.Arrays.fill(s, 2800);
        java.util.Arrays.fill(c, slidingCoefficient());
        java.util.Arrays.fill(a, 78);
        IceFlowResult r = model().solve(new IceFlowInput(g, h, s, c, a));
        double max = 0;
        for (double[] f : fields(r)) {
            for (double v : f) {
                assertTrue(Double.isFinite(v), "finite velocity on a flat slab");
                max = Math.max(max, Math.abs(v));
            }
        }
        System.out.printf("%s: largest velocity component on a flat slab %.3g m/a%n", getClass().getSimpleName(), max);
        assertTrue(max <= flatSlabTolerance(), "a flat slab moves at up to " + max + " m/a");
    }

    @Test
    void steepGlacierGivesFiniteVelocity() {
        IceFlowInput in = glacier(Math.tan(Math.toRadians(35)), 0);
        IceFlowResult r = model().solve(in);
        for (double[] f : fields(r)) {
            for (double v : f) {
                assertTrue(Double.isFinite(v), "finite velocity on a 35° bed");
            }
        }
    }

    private static double[][] fields(IceFlowResult r) {
        return new double[][]{r.ubar(), r.vbar(), r.uSurface(), r.vSurface(), r.uBase(), r.vBase()};
    }

    /** The input with cell (i, j) moved to (ti(i, j), tj(i, j)). */
    private static IceFlowInput transform(IceFlowInput in, IntBinaryOperator ti, IntBinaryOperator tj) {
        Grid2D g = in.grid();
        return new IceFlowInput(g, move(g, in.thickness(), ti, tj), move(g, in.surface(), ti, tj),
                move(g, in.slidingCoefficient(), ti, tj), move(g, in.rateFactor(), ti, tj));
    }

    private static double[] move(Grid2D g, double[] f, IntBinaryOperator ti, IntBinaryOperator tj) {
        double[] out = new double[f.length];
        for (int j = 0; j < g.ny(); j++) {
            for (int i = 0; i < g.nx(); i++) {
                out[g.index(ti.applyAsInt(i, j), tj.applyAsInt(i, j))] = f[g.index(i, j)];
            }
        }
        return out;
    }

    /**
     * Checks that {@code moved} at the moved cell is the matrix m = {m00, m01, m10, m11} times {@code r}'s velocity,
     * for each of the three velocity pairs.
     */
    private void compare(IceFlowResult r, IceFlowResult moved, IntBinaryOperator ti, IntBinaryOperator tj,
                         double[] m) {
        Grid2D g = r.grid();
        double[][] a = fields(r);
        double[][] b = fields(moved);
        double max = 0;
        for (int k = 0; k < g.size(); k++) {
            for (int p = 0; p < 3; p++) {
                max = Math.max(max, Math.hypot(a[2 * p][k], a[2 * p + 1][k]));
            }
        }
        double worst = 0;
        double sumDiff = 0;
        double sumSpeed = 0;
        for (int j = 0; j < g.ny(); j++) {
            for (int i = 0; i < g.nx(); i++) {
                int k = g.index(i, j);
                int km = g.index(ti.applyAsInt(i, j), tj.applyAsInt(i, j));
                for (int p = 0; p < 3; p++) {
                    double u = a[2 * p][k];
                    double v = a[2 * p + 1][k];
                    double d = Math.hypot(b[2 * p][km] - (m[0] * u + m[1] * v),
                            b[2 * p + 1][km] - (m[2] * u + m[3] * v));
                    worst = Math.max(worst, d);
                    sumDiff += d;
                    sumSpeed += Math.hypot(u, v);
                }
            }
        }
        System.out.printf("%s: symmetry difference %.3g of the mean speed (mean norm), %.3g of the largest speed"
                + " (max norm)%n", getClass().getSimpleName(), sumDiff / sumSpeed, worst / max);
        if (symmetryInMeanNorm()) {
            double relative = sumDiff / sumSpeed;
            assertTrue(relative <= symmetryTolerance(), "mean difference is " + relative
                    + " of the mean speed, above " + symmetryTolerance());
            return;
        }
        assertTrue(worst <= symmetryTolerance() * max, "largest difference " + worst + " m/a exceeds "
                + symmetryTolerance() + " of the largest speed " + max + " m/a");
    }
}
