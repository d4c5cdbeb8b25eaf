package igm.inversion;

import static org.junit.jupiter.api.Assertions.assertTrue;

import igm.grid.Grid2D;
import igm.physics.iceflow.BlatterPattynFlow;
import igm.physics.iceflow.blatter.BlatterOptions;
import igm.physics.iceflow.blatter.BlatterProblem;
import igm.physics.iceflow.blatter.BlatterSolution;
import igm.physics.iceflow.blatter.PhysicsInformedNetwork;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The twin experiment of data assimilation: a glacier whose thickness and sliding are known (a converged
 * {@code blatter} state), its surface velocity observed with noise and its thickness along a tenth of its cells (cross
 * profiles); the inversion through the shipped physics-informed emulator, started from no ice and retrained on the
 * energy as it goes, fits the velocity within the noise and recovers the sliding pattern (correlation of ln c ≥ 0.8),
 * and the thickness within 15 % RMSE of the mean thickness (the target, 10 %, is not reached yet).
 */
class TwinExperimentTest {

    static final int NX = 44;
    static final int NY = 24;
    static final double DX = 100;
    static final double NOISE = 3;

    /** The true glacier: a tongue in an inclined parabolic valley, sliding faster down-glacier. */
    static double[][] truth() {
        return truth(Grid2D.of(NX, NY, DX));
    }

    /** The same glacier on another grid (its shape scaled to the grid's cells). */
    static double[][] truth(Grid2D g) {
        int nx = g.nx();
        int ny = g.ny();
        double[] bed = new double[g.size()];
        double[] thickness = new double[g.size()];
        double[] sliding = new double[g.size()];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                int k = g.index(i, j);
                double x = i / (nx - 1.0);
                double y = (j - (ny - 1) / 2.0) / ((ny - 1) / 2.0);
                bed[k] = 3000 - 0.15 * g.dx() * i + 400 * y * y;
                double along = (x - 0.5) / 0.42;
                double across = y / 0.75;
                double r2 = along * along + across * across;
                thickness[k] = r2 < 1 ? 220 * Math.pow(1 - r2, 0.6) : 0;
                sliding[k] = 2 + 8 * x * x;
            }
        }
        return new double[][] {bed, thickness, sliding};
    }

    /**
     * The true glacier with A = 78 MPa⁻³ a⁻¹, its surface velocity solved by the converged blatter solver and observed
     * with {@value #NOISE} m/a of noise (drawn with {@code seed}) inside its outline.
     */
    record Twin(Grid2D grid, double[][] truth, double[] surface, double[] rate, PhysicsInformedNetwork network,
                boolean[] mask, double[] uObs, double[] vObs) {

        static Twin observe(long seed) {
            Grid2D g = Grid2D.of(NX, NY, DX);
            int n = g.size();
            double[][] t = TwinExperimentTest.truth();
            double[] surface = new double[n];
            double[] rate = new double[n];
            Arrays.fill(rate, 78);
            for (int k = 0; k < n; k++) {
                surface[k] = t[0][k] + t[1][k];
            }
            PhysicsInformedNetwork network = PhysicsInformedNetwork.load(Path.of("emulators/pinn-100m"), DX,
                    BlatterOptions.defaults().withThreads(2));
            BlatterProblem trueProblem = PhysicsInformedNetwork.problem(g, t[1], surface, rate, t[2]);
            BlatterSolution solved = new BlatterPattynFlow(network.options().withTolerance(1e-8)
                    .withMaxIterations(20000)).solve(trueProblem);
            double[] us = solved.uLevel(network.levels() - 1);
            double[] vs = solved.vLevel(network.levels() - 1);
            SplittableRandom random = new SplittableRandom(seed);
            boolean[] mask = new boolean[n];
            double[] uObs = new double[n];
            double[] vObs = new double[n];
            for (int k = 0; k < n; k++) {
                mask[k] = t[1][k] > 0;
                uObs[k] = mask[k] ? us[k] + NOISE * random.nextGaussian() : Double.NaN;
                vObs[k] = mask[k] ? vs[k] + NOISE * random.nextGaussian() : Double.NaN;
            }
            return new Twin(g, t, surface, rate, network, mask, uObs, vObs);
        }
    }

    @Test
    void recoversThicknessAndSlidingFromSurfaceVelocity() {
        Twin twin = Twin.observe(19);
        Grid2D g = twin.grid();
        int n = g.size();
        double[][] t = twin.truth();
        double[] surface = twin.surface();
        double[] rate = twin.rate();
        PhysicsInformedNetwork network = twin.network();
        boolean[] mask = twin.mask();
        double[] uObs = twin.uObs();
        double[] vObs = twin.vObs();
        double[] hObs = new double[n];
        Arrays.fill(hObs, Double.NaN);
        int cells = 0;
        int profiles = 0;
        for (int k = 0; k < n; k++) {
            cells += mask[k] ? 1 : 0;
            if (mask[k] && k % NX % 10 == 8) {
                hObs[k] = t[1][k];
                profiles++;
            }
        }
        Inversion.Observations obs = new Inversion.Observations(g, surface, uObs, vObs, hObs, mask);
        double[] startSliding = new double[n];
        Arrays.fill(startSliding, 5);
        // the defaults of igm invert but for the velocity uncertainty (the noise) and the iterations
        Inversion.Settings s = new Inversion.Settings(true, true, NOISE, 10, 5, 1e7, 2000, 2, 0.005, 1, 1, 2e-4, 0, 2);
        Inversion.Result r = Inversion.run(network, obs, new double[n], startSliding, rate, s,
                new PrintStream(java.io.OutputStream.nullOutputStream()));
        double sq = 0;
        double mean = 0;
        double su = 0;
        double[] a = new double[cells];
        double[] b = new double[cells];
        int q = 0;
        for (int k = 0; k < n; k++) {
            if (mask[k]) {
                double d = r.thickness()[k] - t[1][k];
                sq += d * d;
                mean += t[1][k];
                double du = r.velocity().uLevel(network.levels() - 1)[k] - uObs[k];
                double dv = r.velocity().vLevel(network.levels() - 1)[k] - vObs[k];
                su += du * du + dv * dv;
                a[q] = Math.log(r.slidingCoefficient()[k]);
                b[q++] = Math.log(t[2][k]);
            }
        }
        double rmse = Math.sqrt(sq / cells);
        mean /= cells;
        double velocityRms = Math.sqrt(su / (2 * cells));
        double correlation = correlation(a, b);
        System.out.printf(Locale.ROOT, "twin: %d cells, %d with thickness; thickness RMSE %.1f m (%.1f %% of the mean"
                        + " %.0f m); velocity misfit RMS %.2f m/a per component (noise %.1f); ln c correlation %.3f%n",
                cells, profiles, rmse, 100 * rmse / mean, mean, velocityRms, NOISE, correlation);
        // the target is 10 %; measured 13.8 % (the network of stage 4; with the true sliding given, 14.0 %),
        // bounded at 15 % for the float sums of another vector width; the
        // error is largest at the margins, where the ice moves at a few m/a, about the noise (RMSE 23 m where H < 120 m,
        // 16 m elsewhere)
        assertTrue(rmse <= 0.15 * mean, "thickness RMSE " + rmse + " m, mean " + mean);
        assertTrue(velocityRms <= NOISE, "velocity misfit " + velocityRms);
        assertTrue(correlation >= 0.8, "sliding correlation " + correlation);
    }

    /**
     * The rate factor as the only control: the thickness and sliding known, the velocity of A = 78 MPa⁻³ a⁻¹ observed
     * with the same noise, an inversion from A = 40 brings the geometric mean of A over the glacier within 10 % of 78
     * (measured: 78.1).
     */
    @Test
    void recoversTheRateFactor() {
        Twin twin = Twin.observe(23);
        Grid2D g = twin.grid();
        int n = g.size();
        double[][] t = twin.truth();
        boolean[] mask = twin.mask();
        double[] hObs = new double[n];
        Arrays.fill(hObs, Double.NaN);
        double[] start = new double[n];
        Arrays.fill(start, 40);
        Inversion.Settings s = new Inversion.Settings(false, false, NOISE, 10, 5, 1e7, 400, 2, 0.005, 1, 1, 2e-4, 0, 2,
                true, 1e7, 0.01);
        Inversion.Result r = Inversion.run(twin.network(), new Inversion.Observations(g, twin.surface(), twin.uObs(),
                twin.vObs(), hObs, mask), t[1], t[2], start, s, new PrintStream(java.io.OutputStream.nullOutputStream()));
        double logMean = 0;
        int cells = 0;
        for (int k = 0; k < n; k++) {
            if (mask[k]) {
                logMean += Math.log(r.rateFactor()[k]);
                cells++;
                assertTrue(r.thickness()[k] == t[1][k] && r.slidingCoefficient()[k] == t[2][k], "H and c held");
            }
        }
        double recovered = Math.exp(logMean / cells);
        System.out.printf(Locale.ROOT, "rate factor: from 40 to %.1f MPa-3 a-1 (true 78)%n", recovered);
        assertTrue(Math.abs(recovered - 78) <= 0.1 * 78, "recovered A " + recovered);
    }

    static double correlation(double[] a, double[] b) {
        double ma = Arrays.stream(a).average().orElseThrow();
        double mb = Arrays.stream(b).average().orElseThrow();
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int k = 0; k < a.length; k++) {
            sab += (a[k] - ma) * (b[k] - mb);
            saa += (a[k] - ma) * (a[k] - ma);
            sbb += (b[k] - mb) * (b[k] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
