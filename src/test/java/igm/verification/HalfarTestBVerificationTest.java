package igm.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Verification of the coupled SIA and thickness update against the Halfar similarity solution, test B of Bueler et
 * al. (2005), through {@link HalfarTestBCase} (see there for the set-up: from t0 = 422.45 a for 25 000 a on a square
 * of half-width 1500 km).
 *
 * <p><b>Errors</b> at the end: the relative volume error |V − V_exact|/V_exact (V_exact = (3π/2) H0 R0² B(3/2, 10/7)
 * = 3.99794e15 m³; with no SMB and no outflow it measures the sampling of the initial state plus the clipping, which
 * is zero here) and the relative dome-height error |H(0) − H_exact(0)|/H_exact(0). Observed orders are the slopes
 * of least-squares fits of log(error) over log(Δx).
 */
@Tag("verification")
class HalfarTestBVerificationTest {

    @Test
    void exactSolutionMatchesThePublishedConstants() {
        SiaDomeSolution exact = SiaDomeSolution.testB();
        assertEquals(422.45, exact.t0(), 0.01);
        assertEquals(1.0 / 9, exact.alpha(), 1e-15);
        assertEquals(1.0 / 18, exact.beta(), 1e-15);
        assertEquals(3.99794e15, exact.volume(exact.t0()), 1e10);
        assertEquals(exact.volume(exact.t0()), exact.volume(10 * exact.t0()), 1e-12 * exact.volume(exact.t0()), "test B keeps its volume");
    }

    @Test
    void testBErrorsFallWithRefinement() {
        HalfarTestBCase testB = new HalfarTestBCase();
        SiaDomeCase.Result result = testB.compute(false);
        VerificationReport report = testB.report(result);
        System.out.println(report.toMarkdown());

        double[] dxKm = testB.gridsKm(false);
        assertEquals(List.of(100.0, 50.0, 25.0, 12.5), java.util.Arrays.stream(dxKm).boxed().toList());
        // Bounds ≈ 1.1 × the errors measured with this scheme (SIA safety factor 0.5, CFL 0.3).
        double[] volumeBound = {6.9e-3, 3.0e-3, 1.0e-3, 3.0e-4};
        double[] domeBound = {3.9e-3, 3.6e-3, 1.9e-3, 9.7e-4};
        for (int g = 0; g < dxKm.length; g++) {
            SiaDomeRun r = result.runs().get(g);
            assertEquals(0.0, r.budget().outflowVolume(), "ice reached the domain edge at dx=" + dxKm[g]);
            assertTrue(r.budget().relativeResidual() < 1e-13, r.budget().toString());
            assertTrue(r.volumeError() <= volumeBound[g], "volume error " + r.volumeError() + " at dx=" + dxKm[g]);
            assertTrue(r.domeError() <= domeBound[g], "dome error " + r.domeError() + " at dx=" + dxKm[g]);
            assertTrue(r.growthError() < 1e-12, "without SMB the volume is kept: " + r.growthError());
        }
        // Measured: volume 1.5, dome 0.70 (0.1 from 100 to 50 km, then 0.95), mean |H error| 0.74.
        assertTrue(result.volumeOrder() >= 1.3, "volume-error order " + result.volumeOrder());
        assertTrue(result.domeOrder() >= 0.6, "dome-error order " + result.domeOrder());
        assertTrue(result.meanOrder() >= 0.6, "mean-thickness-error order " + result.meanOrder());
        assertEquals(4, report.rows().size());
        assertTrue(Double.isNaN(result.growthOrder()));
    }

    /** The 6.25 km grid (481², about a minute on one core). */
    @Test
    @Tag("slow")
    void testBFineGrid() {
        HalfarTestBCase testB = new HalfarTestBCase();
        SiaDomeRun r = SiaDomeRun.run(testB.solution(), 6.25e3, testB.halfWidth(), testB.startTime(),
                testB.endTime());
        System.out.printf("test B, 6.25 km: volume error %.3e, dome error %.3e%n", r.volumeError(), r.domeError());
        assertEquals(0.0, r.budget().outflowVolume());
        assertTrue(r.volumeError() <= 3.7e-5, "volume error " + r.volumeError());
        assertTrue(r.domeError() <= 5.0e-4, "dome error " + r.domeError());
    }
}
