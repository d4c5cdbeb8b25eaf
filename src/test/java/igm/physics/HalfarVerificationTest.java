package igm.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import igm.physics.iceflow.ShallowIceFlow;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/**
 * Verification of the coupled SIA ({@code ShallowIceFlow}) and thickness update ({@code ThicknessTransport})
 * against the Halfar similarity solution, test B of Bueler et al. (2005): n = 3, H0 = 3600 m, R0 = 750 km,
 * A = 1e-16 Pa⁻³ a⁻¹ (100 MPa⁻³ a⁻¹), flat bed, no SMB, no sliding.
 *
 * <p><b>Time.</b> The exact solution is singular at t = 0, so the run starts from the exact H at t0 = 422.45 a and
 * lasts 25 000 a, ending at t = t0 + 25 000 a (as a run of length 25 ka in PISM's verification); ending at
 * t = 25 000 a instead would shorten the run by 1.7 %.
 *
 * <p><b>Domain.</b> The margin grows from R0 to R0 (t/t0)^β = 941.7 km at the end, and the numerical margin of this
 * first-order scheme lies a few cells further out (1217 km at Δx = 100 km). The "1500 km square" is taken
 * as a square of half-width 1500 km (3000 km side) centred on the dome, which sits on a cell centre: the ice never
 * reaches the edge (asserted: no outflow).
 *
 * <p><b>Errors</b> at the end: the relative volume error |V − V_exact|/V_exact (V_exact = (3π/2) H0 R0² B(3/2, 10/7)
 * = 3.99794e15 m³; with no SMB and no outflow it measures the sampling of the initial state plus the clipping,
 * which is zero here) and the relative dome-height error |H(0) − H_exact(0)|/H_exact(0). Observed orders are the
 * slopes of least-squares fits of log(error) over log(Δx).
 */
@Tag("verification")
class HalfarVerificationTest {

    private static final double HALF_WIDTH = 1500e3;
    private static final double DURATION = 25_000;

    @Test
    void testBErrorsFallWithRefinement() {
        HalfarSolution exact = HalfarSolution.testB();
        assertEquals(422.45, exact.t0, 0.01);
        assertEquals(3.99794e15, exact.volume(), 1e10);

        double[] dxKm = {100, 50, 25, 12.5};
        // Bounds ≈ 1.1 × the errors measured with this scheme (SIA safety factor 0.5, CFL 0.3).
        double[] volumeBound = {6.9e-3, 3.0e-3, 1.0e-3, 3.0e-4};
        double[] domeBound = {3.9e-3, 3.6e-3, 1.9e-3, 9.7e-4};
        List<HalfarRun> runs = new ArrayList<>();
        for (double d : dxKm) {
            runs.add(HalfarRun.run(exact, d * 1e3, HALF_WIDTH, DURATION, ShallowIceFlow.DEFAULT_SAFETY_FACTOR));
        }
        double volumeOrder = order(runs, HalfarRun::volumeError);
        double domeOrder = order(runs, HalfarRun::domeError);
        double meanOrder = order(runs, HalfarRun::meanThicknessError);
        printTable(exact, runs, volumeOrder, domeOrder, meanOrder);

        for (int g = 0; g < runs.size(); g++) {
            HalfarRun r = runs.get(g);
            assertEquals(0.0, r.budget().outflowVolume(), "ice reached the domain edge at dx=" + dxKm[g]);
            assertTrue(r.budget().relativeResidual() < 1e-13, r.budget().toString());
            assertTrue(r.volumeError() <= volumeBound[g], "volume error " + r.volumeError() + " at dx=" + dxKm[g]);
            assertTrue(r.domeError() <= domeBound[g], "dome error " + r.domeError() + " at dx=" + dxKm[g]);
        }
        // Measured: volume 1.5, dome 0.73 (0.1 from 100 to 50 km, then 0.95), mean |H error| 0.72.
        assertTrue(volumeOrder >= 1.3, "volume-error order " + volumeOrder);
        assertTrue(domeOrder >= 0.6, "dome-error order " + domeOrder);
        assertTrue(meanOrder >= 0.6, "mean-thickness-error order " + meanOrder);
    }

    /** The 6.25 km grid (481², about a minute on one core). */
    @Test
    @Tag("slow")
    void testBFineGrid() {
        HalfarSolution exact = HalfarSolution.testB();
        HalfarRun r = HalfarRun.run(exact, 6.25e3, HALF_WIDTH, DURATION, ShallowIceFlow.DEFAULT_SAFETY_FACTOR);
        printTable(exact, List.of(r), Double.NaN, Double.NaN, Double.NaN);
        assertEquals(0.0, r.budget().outflowVolume());
        assertTrue(r.volumeError() <= 3.7e-5, "volume error " + r.volumeError());
        assertTrue(r.domeError() <= 5.0e-4, "dome error " + r.domeError());
    }

    private static double order(List<HalfarRun> runs, java.util.function.ToDoubleFunction<HalfarRun> error) {
        int n = runs.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (HalfarRun r : runs) {
            double x = Math.log(r.dx());
            double y = Math.log(error.applyAsDouble(r));
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }

    private static void printTable(HalfarSolution exact, List<HalfarRun> runs, double volumeOrder, double domeOrder,
                                   double meanOrder) {
        double tEnd = exact.t0 + DURATION;
        System.out.printf("Halfar / Bueler test B: t0 = %.2f a, end t = %.2f a, exact dome %.2f m, margin %.1f km,"
                + " volume %.5e m³%n", exact.t0, tEnd, exact.domeHeight(tEnd), exact.marginRadius(tEnd) / 1e3,
                exact.volume());
        System.out.println("  dx [km]    nx  steps   time [s]  vol. err   dome err  max|dH| [m]  mean|dH| [m]"
                + "  margin [km]");
        for (HalfarRun r : runs) {
            System.out.printf("  %7.2f  %4d  %5d  %9.2f  %.3e  %.3e  %11.1f  %12.2f  %11.0f%n", r.dx() / 1e3, r.nx(),
                    r.steps(), r.seconds(), r.volumeError(), r.domeError(), r.maxThicknessError(),
                    r.meanThicknessError(), r.marginRadiusNumerical() / 1e3);
        }
        if (!Double.isNaN(volumeOrder)) {
            System.out.printf("  observed order (least squares): volume %.2f, dome %.2f, mean |dH| %.2f%n",
                    volumeOrder, domeOrder, meanOrder);
        }
    }
}
