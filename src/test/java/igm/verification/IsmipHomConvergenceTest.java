package igm.verification;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import igm.physics.iceflow.BlatterPattynFlow;
import igm.physics.iceflow.blatter.BlatterOptions;
import igm.physics.iceflow.blatter.BlatterSolution;

/**
 * Horizontal self-convergence of the Blatter–Pattyn discretisation on ISMIP-HOM B (L = 20 km, a flowline with a bed
 * bump of half the thickness), the levels fixed: with Q1 elements the surface velocity should converge at second
 * order in Δx, so successive differences of the profile (N = 20, 40, 80, 160 points, compared at the 20 common
 * points) must shrink by about 4. Measured: 0.276, 0.0698, 0.0175 m/a (orders 1.98, 1.99) on a peak of 47 m/a.
 */
@Tag("verification")
class IsmipHomConvergenceTest {

    @Test
    void flowlineSurfaceVelocityConvergesAtSecondOrderInTheGridSpacing() {
        IsmipHomCase b = new IsmipHomCase(IsmipHomCase.Experiment.B);
        int[] points = {20, 40, 80, 160};
        double[][] surface = new double[points.length][];
        for (int p = 0; p < points.length; p++) {
            BlatterPattynFlow flow = new BlatterPattynFlow(BlatterOptions.defaults().withLevels(8)
                    .withTolerance(1e-9));
            BlatterSolution s = flow.solve(b.problem(20, points[p]));
            surface[p] = new double[20];
            for (int i = 0; i < 20; i++) {
                surface[p][i] = s.u(i * points[p] / 20, 0, 7);
            }
        }
        double[] diff = new double[points.length - 1];
        for (int p = 0; p + 1 < points.length; p++) {
            for (int i = 0; i < 20; i++) {
                diff[p] = Math.max(diff[p], Math.abs(surface[p + 1][i] - surface[p][i]));
            }
        }
        for (int p = 0; p + 1 < diff.length; p++) {
            double order = Math.log(diff[p] / diff[p + 1]) / Math.log(2);
            System.out.printf(Locale.ROOT, "N = %d → %d → %d: max differences %.4g, %.4g m/a, order %.3f%n",
                    points[p], points[p + 1], points[p + 2], diff[p], diff[p + 1], order);
            assertTrue(order > 1.8 && order < 2.2, "observed order " + order);
        }
        assertTrue(diff[diff.length - 1] < 0.03, "finest difference " + diff[diff.length - 1] + " m/a");
    }
}
