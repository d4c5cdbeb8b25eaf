package igm.physics.iceflow.blatter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import igm.grid.Grid2D;
import igm.physics.PhysicalConstants;
import igm.physics.iceflow.BlatterPattynFlow;
import igm.physics.iceflow.LinearSliding;
import igm.physics.iceflow.SlidingLaw;
import igm.physics.iceflow.WeertmanSliding;

/**
 * A parallel-sided slab of thickness H on a plane of slope t = tan α (periodic, 4×4 grid). In the first-order
 * approximation (horizontal coordinates, H measured vertically) the velocity depends only on the height above the
 * bed ζ; since u_x = t u_ζ, the stress balance and the stress-free surface give η u_ζ (1 + 4t²) = ρg t (H − ζ), hence
 * <pre>
 *   u(ζ) = ρg t H / β² + 2A (ρg t)³ / ((n+1)(1 + 4t²)²) · (H⁴ − (H − ζ)⁴)
 * </pre>
 * (no slip: without the first term). This is the brief's 2A(ρg sin α)ⁿ/(n+1)·(H^(n+1) − (H − z)^(n+1)) to O(α²).
 * The largest nodal error must fall with the number of levels at second order.
 */
@Tag("verification")
class SlabVerificationTest {

    private static final double SLOPE = Math.tan(Math.toRadians(3));
    private static final double H = 500;
    private static final double A = 100;

    static double exact(double zeta, double betaSquared) {
        double rg = PhysicalConstants.ICE_WEIGHT_MPA_PER_M;
        double tau = rg * SLOPE;
        double sliding = betaSquared > 0 ? tau * H / betaSquared : 0;
        return sliding + 2 * A * tau * tau * tau / (4 * Math.pow(1 + 4 * SLOPE * SLOPE, 2))
                * (Math.pow(H, 4) - Math.pow(H - zeta, 4));
    }

    /** Largest nodal error over the levels of one column, m/a. */
    static double[] slabErrors(int[] levels, double betaSquared) {
        double[] errors = new double[levels.length];
        for (int l = 0; l < levels.length; l++) {
            Grid2D g = Grid2D.of(4, 4, 1000);
            int n = g.size();
            double[] bed = new double[n];
            double[] h = new double[n];
            double[] a = new double[n];
            Arrays.fill(h, H);
            Arrays.fill(a, A);
            double[] b2 = new double[n];
            Arrays.fill(b2, betaSquared);
            SlidingLaw law = betaSquared > 0 ? new LinearSliding(b2) : new WeertmanSliding(new double[n]);
            BlatterProblem p = new BlatterProblem(g, bed, h, a, law, true, -SLOPE, 0);
            BlatterOptions o = BlatterOptions.defaults().withLevels(levels[l]).withTolerance(1e-9);
            BlatterSolution s = new BlatterPattynFlow(o).solve(p);
            double worst = 0;
            for (int c = 0; c < n; c++) {
                for (int k = 0; k < levels[l]; k++) {
                    double ex = exact(H * s.zeta()[k], betaSquared);
                    worst = Math.max(worst, Math.abs(s.u()[c * levels[l] + k] - ex));
                    worst = Math.max(worst, Math.abs(s.v()[c * levels[l] + k]));
                }
            }
            errors[l] = worst;
            System.out.printf(Locale.ROOT, "slab N_z=%d beta2=%g: surface u=%.6f exact %.6f, max error %.3e m/a, %s%n",
                    levels[l], betaSquared, s.u()[levels[l] - 1], exact(H, betaSquared), worst, s.report());
        }
        return errors;
    }

    @Test
    void noSlipSlabConvergesAtSecondOrder() {
        int[] levels = {5, 9, 17, 33};
        double[] e = slabErrors(levels, 0);
        check(levels, e, exact(H, 0));
    }

    @Test
    void slidingSlabConvergesAtSecondOrder() {
        int[] levels = {5, 9, 17, 33};
        double beta2 = 1e-3; // 1000 Pa a m⁻¹
        double[] e = slabErrors(levels, beta2);
        check(levels, e, exact(H, beta2));
    }

    private static void check(int[] levels, double[] e, double scale) {
        double[] lx = new double[levels.length];
        double[] ly = new double[levels.length];
        for (int l = 0; l < levels.length; l++) {
            lx[l] = Math.log(1.0 / (levels[l] - 1));
            ly[l] = Math.log(e[l]);
        }
        double order = slope(lx, ly);
        System.out.printf(Locale.ROOT, "observed order %.3f%n", order);
        assertTrue(order > 1.8, "convergence order " + order);
        assertTrue(e[levels.length - 1] < 1e-3 * scale, "finest error " + e[levels.length - 1]);
    }

    static double slope(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElseThrow();
        double my = Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxy / sxx;
    }
}
