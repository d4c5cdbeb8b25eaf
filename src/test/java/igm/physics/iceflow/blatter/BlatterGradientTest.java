package igm.physics.iceflow.blatter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

import igm.grid.Grid2D;
import igm.physics.iceflow.LinearSliding;
import igm.physics.iceflow.SlidingLaw;
import igm.physics.iceflow.WeertmanSliding;

/**
 * The hand-derived gradient of the discrete energy against central finite differences, on a small irregular
 * glacier with ice-free margins, a bumpy tilted bed and random velocities, for Weertman (with no-slip patches) and
 * linear sliding, open and periodic boundaries, and a flowline (ny = 1).
 */
class BlatterGradientTest {

    private static BlatterProblem problem(int nx, int ny, boolean periodic, boolean linear, long seed) {
        Grid2D g = Grid2D.of(nx, ny, 150);
        Random r = new Random(seed);
        int n = g.size();
        double[] bed = new double[n];
        double[] h = new double[n];
        double[] a = new double[n];
        double[] c = new double[n];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                int k = g.index(i, j);
                bed[k] = 1000 + 40 * Math.sin(i * 1.3) * Math.cos(j * 0.7) + 5 * r.nextDouble();
                h[k] = periodic || (i > 0 && i < nx - 1 && (ny == 1 || j > 0 && j < ny - 1))
                        ? 50 + 200 * r.nextDouble() : 0;
                a[k] = 50 + 50 * r.nextDouble();
                c[k] = r.nextDouble() < 0.3 ? 0 : 2 * r.nextDouble();
            }
        }
        SlidingLaw law = linear ? LinearSliding.ofPascal(c.clone()) : new WeertmanSliding(c, 0.1);
        if (linear) {
            for (int k = 0; k < n; k++) {
                ((LinearSliding) law).betaSquared()[k] = 1e-3 * (1 + c[k]);
            }
        }
        return new BlatterProblem(g, bed, h, a, law, periodic, periodic ? -0.05 : 0, periodic ? 0.02 : 0);
    }

    private static void check(BlatterProblem p) {
        BlatterOptions o = BlatterOptions.defaults().withLevels(4).withThreads(1);
        BlatterOperator op = new BlatterOperator(p, o);
        Random r = new Random(3);
        double[] x = new double[2 * op.n];
        for (int i = 0; i < x.length; i++) {
            x[i] = op.fixed[i % op.n] ? 0 : 20 * r.nextGaussian() + 10;
        }
        double[] g = new double[x.length];
        double[] scratch = new double[x.length];
        op.evaluate(x, g, null);
        double worst = 0;
        double scale = 0;
        int checked = 0;
        for (int i = 0; i < x.length; i++) {
            if (op.fixed[i % op.n]) {
                assertEquals(0.0, g[i], 0.0, "gradient at fixed node " + i);
                continue;
            }
            double step = 1e-4;
            double keep = x[i];
            x[i] = keep + step;
            double fp = op.evaluate(x, scratch, null);
            x[i] = keep - step;
            double fm = op.evaluate(x, scratch, null);
            x[i] = keep;
            double fd = (fp - fm) / (2 * step);
            worst = Math.max(worst, Math.abs(fd - g[i]));
            scale = Math.max(scale, Math.abs(g[i]));
            checked++;
        }
        assertTrue(checked > 10, "free nodes checked: " + checked);
        assertTrue(worst < 1e-6 * scale, "largest gradient error " + worst + " of largest entry " + scale);
    }

    @Test
    void inverseCubeRootIsAccurateOverTheRangeOfStrainRates() {
        double[] q = new double[8];
        double[] out = new double[8];
        Random r = new Random(11);
        double worst = 0;
        for (int t = 0; t < 2000; t++) {
            for (int i = 0; i < 8; i++) {
                q[i] = Math.pow(10, -14 + 20 * r.nextDouble());
            }
            BlatterOperator.inverseCubeRoot(jdk.incubator.vector.DoubleVector.fromArray(
                    jdk.incubator.vector.DoubleVector.SPECIES_512, q, 0)).intoArray(out, 0);
            for (int i = 0; i < 8; i++) {
                worst = Math.max(worst, Math.abs(out[i] * Math.cbrt(q[i]) - 1));
            }
        }
        assertTrue(worst < 1e-15, "largest relative error " + worst);
    }

    @Test
    void vectorKernelEqualsScalarKernel() {
        BlatterProblem p = problem(9, 7, false, false, 5);
        BlatterOptions o = BlatterOptions.defaults().withLevels(5).withThreads(1);
        BlatterOperator scalar = new BlatterOperator(p, o, false);
        BlatterOperator vector = new BlatterOperator(p, o, true);
        Random r = new Random(7);
        double[] x = new double[2 * scalar.n];
        for (int i = 0; i < x.length; i++) {
            x[i] = scalar.fixed[i % scalar.n] ? 0 : 30 * r.nextGaussian();
        }
        double[] gs = new double[x.length];
        double[] gv = new double[x.length];
        double[] ps = new double[4 * scalar.n];
        double[] pv = new double[4 * scalar.n];
        double es = scalar.evaluate(x, gs, ps);
        double ev = vector.evaluate(x, gv, pv);
        assertEquals(es, ev, 1e-12 * Math.abs(es));
        double pScale = 0;
        for (double q : ps) {
            pScale = Math.max(pScale, Math.abs(q));
        }
        for (int i = 0; i < ps.length; i++) {
            assertEquals(ps[i], pv[i], 1e-12 * pScale, "preconditioner entry " + i);
        }
        double scale = 0;
        for (double g : gs) {
            scale = Math.max(scale, Math.abs(g));
        }
        for (int i = 0; i < x.length; i++) {
            assertEquals(gs[i], gv[i], 1e-12 * scale, "gradient entry " + i);
        }
    }

    /**
     * The energy and its gradient do not depend on the elevation of the bed (raised by 3500 m here), also where
     * columns are only a few millimetres thick (now: changes of 5e-16 and 2e-13). Regression: ∂z/∂ζ taken from the
     * node elevations lost the thin columns' edge lengths to rounding at the scale of the elevation (here the energy
     * changed by 1.2e-10 and gradient entries by 4e-9; at 1e-12 m the sign was lost, the volume negative, the
     * energy unbounded below).
     */
    @Test
    void energyAndGradientDoNotDependOnTheBedElevationEvenForMillimetreColumns() {
        BlatterProblem low = problem(9, 7, false, false, 5);
        // a band of millimetre films along two edges of the ice, next to the ice-free margin: the elements between
        // them and the margin have no thicker corner
        double[] h = low.thickness();
        int nx = low.grid().nx();
        int thin = 0;
        for (int k = 0; k < h.length; k++) {
            if (h[k] > 0 && (k % nx == 1 || k / nx == 1)) {
                h[k] = 1.5e-3 + 1e-4 * (k % 7);
                thin++;
            }
        }
        assertTrue(thin > 5, thin + " thin columns");
        double[] raised = low.bed().clone();
        for (int k = 0; k < raised.length; k++) {
            raised[k] += 3500;
        }
        BlatterProblem high = new BlatterProblem(low.grid(), raised, h, low.rateFactor(), low.sliding(), false, 0, 0);
        for (boolean vector : new boolean[] {false, true}) {
            BlatterOptions o = BlatterOptions.defaults().withLevels(5).withThreads(1);
            BlatterOperator a = new BlatterOperator(low, o, vector);
            BlatterOperator b = new BlatterOperator(high, o, vector);
            Random r = new Random(9);
            double[] x = new double[2 * a.n];
            for (int i = 0; i < x.length; i++) {
                x[i] = a.fixed[i % a.n] ? 0 : 30 * r.nextGaussian();
            }
            double[] ga = new double[x.length];
            double[] gb = new double[x.length];
            double ea = a.evaluate(x, ga, null);
            double eb = b.evaluate(x, gb, null);
            assertEquals(ea, eb, 1e-12 * Math.abs(ea), "energy");
            double scale = 0;
            for (double g : ga) {
                scale = Math.max(scale, Math.abs(g));
            }
            double worst = 0;
            for (int i = 0; i < x.length; i++) {
                worst = Math.max(worst, Math.abs(ga[i] - gb[i]) / Math.max(Math.abs(ga[i]), 1e-6 * scale));
            }
            System.out.printf(java.util.Locale.ROOT, "bed raised 3500 m, %d millimetre columns, %s kernel: energy"
                    + " change %.2e (relative), largest gradient change %.2e%n", thin, vector ? "vector" : "scalar",
                    Math.abs(eb - ea) / Math.abs(ea), worst);
            assertTrue(worst < 1e-11, (vector ? "vector" : "scalar") + " kernel: largest relative change of a gradient"
                    + " entry " + worst + " (relative to the entry, at least 1e-6 of the largest " + scale + ")");
        }
    }

    @Test
    void gradientMatchesFiniteDifferencesOnAGlacierWithMargins() {
        check(problem(7, 6, false, false, 1));
    }

    @Test
    void gradientMatchesFiniteDifferencesOnAPeriodicTiltedDomain() {
        check(problem(5, 4, true, true, 2));
    }

    @Test
    void gradientMatchesFiniteDifferencesOnAFlowline() {
        check(problem(9, 1, false, true, 4));
    }
}
