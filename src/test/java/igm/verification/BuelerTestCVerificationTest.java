package igm.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import igm.InputException;
import igm.grid.Grid2D;

/**
 * Verification of the coupled SIA, thickness update and accumulation M = 5H/t against the growing dome of Bueler et
 * al. (2005) test C, through {@link BuelerTestCCase} (from the exact thickness at 0.75 t0 = 11 406 a to
 * t0 = 15 208 a on a square of half-width 1200 km).
 *
 * <p>Measured on the small grids (Δx = 100, 50, 25, 12.5 km): relative volume error 1.0e-2, 1.8e-3, 1.5e-3,
 * 6.9e-5 (dominated by the sampling of the initial dome on the grid, whose sign alternates), volume-growth error
 * 8.7e-3, 2.2e-3, 5.5e-4, 1.4e-4 (order 2 in Δx: the explicit accumulation is first order in Δt ∝ Δx²), dome-height
 * error 4.2e-3, 2.8e-3, 2.0e-3, 9.7e-4 (order 0.7, as test B), mean |H error| 34, 23, 14, 7.6 m (order 0.7).
 * The bounds below are about 1.1 times these.
 */
@Tag("verification")
class BuelerTestCVerificationTest {

    @Test
    void exactSolutionMatchesThePublishedConstants() {
        SiaDomeSolution exact = SiaDomeSolution.testC();
        assertEquals(-1.0, exact.alpha(), 1e-15);
        assertEquals(2.0, exact.beta(), 1e-15);
        assertEquals(15208.0, exact.t0(), 1.0, "Bueler et al. (2005): t0 = 15 208 a");
        assertEquals(3600, exact.domeHeight(exact.t0()), 1e-9);
        assertEquals(750e3, exact.marginRadius(exact.t0()), 1e-6);
        // The volume grows as (t/t0)^5, exactly what M = 5H/t adds: dV/dt = 5V/t.
        double t = 0.8 * exact.t0();
        double dt = 1e-3 * t;
        double dvdt = (exact.volume(t + dt) - exact.volume(t - dt)) / (2 * dt);
        assertEquals(5 * exact.volume(t) / t, dvdt, 1e-5 * dvdt, "central difference: relative error about 3e-6");
    }

    /**
     * The similarity solution satisfies the SIA continuity equation ∂H/∂t = (1/r) ∂/∂r (r Γ H^(n+2) |∂H/∂r|^(n−1)
     * ∂H/∂r) + λH/t, checked by finite differences at interior radii (independent of the scheme under test).
     */
    @Test
    void exactSolutionSatisfiesTheContinuityEquation() {
        SiaDomeSolution exact = SiaDomeSolution.testC();
        double gamma = 2 * exact.rateFactorPa3() * Math.pow(910 * 9.81, 3) / 5;
        double t = exact.t0();
        for (double r : new double[] {100e3, 300e3, 500e3, 650e3}) {
            double dt = 1;
            double dhdt = (exact.thickness(r, t + dt) - exact.thickness(r, t - dt)) / (2 * dt);
            double dr = 100;
            double fluxOut = radialFlux(exact, gamma, r + dr / 2, t);
            double fluxIn = radialFlux(exact, gamma, r - dr / 2, t);
            double divergence = ((r + dr / 2) * fluxOut - (r - dr / 2) * fluxIn) / (r * dr);
            double rhs = -divergence + exact.accumulation(exact.thickness(r, t), t);
            assertEquals(dhdt, rhs, 1e-4 * Math.abs(dhdt) + 1e-9, "at r = " + r);
        }
    }

    /** q = −Γ H^(n+2) |∂H/∂r|^(n−1) ∂H/∂r (flat bed, so s = H). */
    private static double radialFlux(SiaDomeSolution exact, double gamma, double r, double t) {
        double d = 1;
        double h = exact.thickness(r, t);
        double dh = (exact.thickness(r + d, t) - exact.thickness(r - d, t)) / (2 * d);
        return -gamma * Math.pow(h, 5) * dh * dh * dh;
    }

    @Test
    void testCErrorsFallWithRefinement() {
        BuelerTestCCase testC = new BuelerTestCCase();
        SiaDomeCase.Result result = testC.compute(false);
        System.out.println(testC.report(result).toMarkdown());

        double[] dxKm = testC.gridsKm(false);
        assertEquals(List.of(100.0, 50.0, 25.0, 12.5), java.util.Arrays.stream(dxKm).boxed().toList());
        double[] volumeBound = {1.1e-2, 2.0e-3, 1.7e-3, 7.6e-5};
        double[] growthBound = {9.6e-3, 2.4e-3, 6.1e-4, 1.5e-4};
        double[] domeBound = {4.7e-3, 3.1e-3, 2.2e-3, 1.07e-3};
        double[] meanBound = {38, 25, 15.2, 8.4};
        for (int g = 0; g < dxKm.length; g++) {
            SiaDomeRun r = result.runs().get(g);
            String at = " at dx = " + dxKm[g] + " km";
            assertEquals(0.0, r.budget().outflowVolume(), "ice reached the domain edge" + at);
            assertEquals(0.0, r.budget().clippedVolume(), "clipping" + at);
            assertTrue(Math.abs(r.budget().relativeResidual()) < 1e-13, r.budget().toString());
            assertTrue(r.volumeError() <= volumeBound[g], "volume error " + r.volumeError() + at);
            assertTrue(r.growthError() <= growthBound[g], "volume-growth error " + r.growthError() + at);
            assertTrue(r.domeError() <= domeBound[g], "dome error " + r.domeError() + at);
            assertTrue(r.meanThicknessError() <= meanBound[g], "mean |H error| " + r.meanThicknessError() + at);
        }
        assertTrue(result.growthOrder() >= 1.8, "volume-growth order " + result.growthOrder());
        assertTrue(result.domeOrder() >= 0.6, "dome-error order " + result.domeOrder());
        assertTrue(result.meanOrder() >= 0.6, "mean-thickness-error order " + result.meanOrder());
        assertTrue(result.volumeOrder() >= 1.5, "volume-error order " + result.volumeOrder());
    }

    /**
     * The 6.25 km grid (385², about 35 s on one core) and the fit over all five grids. Measured: volume error
     * 9.3e-5, growth 3.5e-5, dome 5.4e-4, mean |H error| 4.1 m; orders over 100–6.25 km: growth 1.99, dome 0.75,
     * mean 0.77.
     */
    @Test
    @Tag("slow")
    void testCFineGrid() {
        BuelerTestCCase testC = new BuelerTestCCase();
        SiaDomeCase.Result result = testC.compute(true);
        System.out.println(testC.report(result).toMarkdown());
        SiaDomeRun r = result.runs().getLast();
        assertEquals(6.25e3, r.dx());
        assertEquals(0.0, r.budget().outflowVolume());
        assertTrue(r.volumeError() <= 1.03e-4, "volume error " + r.volumeError());
        assertTrue(r.growthError() <= 3.9e-5, "volume-growth error " + r.growthError());
        assertTrue(r.domeError() <= 6.0e-4, "dome error " + r.domeError());
        assertTrue(r.meanThicknessError() <= 4.6, "mean |H error| " + r.meanThicknessError());
        assertTrue(result.growthOrder() >= 1.9, "volume-growth order " + result.growthOrder());
        assertTrue(result.domeOrder() >= 0.65, "dome-error order " + result.domeOrder());
        assertTrue(result.meanOrder() >= 0.65, "mean-thickness-error order " + result.meanOrder());
    }

    @Test
    void caseWritesItsCsvAndTable(@TempDir Path out) throws Exception {
        VerificationReport report = new BuelerTestCCase().run(false, out);
        assertEquals(BuelerTestCCase.NAME, report.caseName());
        List<String> csv = Files.readAllLines(out.resolve(BuelerTestCCase.NAME + ".csv"));
        assertEquals(5, csv.size(), String.join("\n", csv));
        assertTrue(Files.size(out.resolve(BuelerTestCCase.NAME + "-convergence.png")) > 1000);
        assertTrue(report.toMarkdown().contains("volume growth"), report.toMarkdown());
    }

    @Test
    void accumulationNeedsPositiveTime() {
        ThicknessProportionalMassBalance m = new ThicknessProportionalMassBalance(5);
        Grid2D g = Grid2D.of(2, 1, 10);
        double[] smb = new double[2];
        m.compute(10, g, new double[2], new double[] {100, 0}, smb);
        assertEquals(50, smb[0], 1e-12);
        assertEquals(0, smb[1], 0);
        InputException e = assertThrows(InputException.class, () -> m.compute(0, g, new double[2], new double[2],
                smb));
        assertTrue(e.getMessage().contains("t > 0"), e.getMessage());
    }
}
