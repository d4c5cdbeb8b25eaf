package igm.inversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import igm.grid.Grid2D;
import igm.physics.iceflow.blatter.BlatterOptions;
import igm.physics.iceflow.blatter.PhysicsInformedNetwork;
import igm.physics.iceflow.blatter.PhysicsInformedTrainer;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The inversion's cost and its gradient with respect to the thickness, ln c and ln A: every term together (the
 * network's surface-velocity misfit through its backward pass to the inputs and the chain rule to H, c and A, the
 * thickness misfit, the three smoothness terms) against central differences of the cost, for networks with and
 * without the slab velocity inputs.
 */
class InversionCostTest {

    @Test
    void gradientMatchesCentralDifferences() {
        Grid2D g = Grid2D.of(14, 10, 100);
        int n = g.size();
        double[][] truth = TwinExperimentTest.truth(g);
        double[] surface = new double[n];
        double[] rate = new double[n];
        Arrays.fill(rate, 78);
        boolean[] mask = new boolean[n];
        SplittableRandom random = new SplittableRandom(3);
        double[] u = new double[n];
        double[] v = new double[n];
        double[] h = new double[n];
        Arrays.fill(h, Double.NaN);
        double[] thickness = new double[n];
        double[] sliding = new double[n];
        for (int k = 0; k < n; k++) {
            surface[k] = truth[0][k] + truth[1][k];
            mask[k] = truth[1][k] > 0;
            u[k] = mask[k] ? random.nextDouble(-50, 150) : Double.NaN;
            v[k] = mask[k] ? random.nextDouble(-50, 50) : Double.NaN;
            h[k] = mask[k] && k % 3 == 0 ? truth[1][k] + random.nextDouble(-30, 30) : Double.NaN;
            thickness[k] = mask[k] ? truth[1][k] * random.nextDouble(0.7, 1.3) : 0;
            sliding[k] = mask[k] ? random.nextDouble(1, 10) : 5;
            rate[k] = random.nextDouble(50, 100);
        }
        Inversion.Observations obs = new Inversion.Observations(g, surface, u, v, h, mask);
        Inversion.Settings s = new Inversion.Settings(true, true, 5, 10, 20, 1e6, 1, 1, 0.01, 0, 0, 1e-4, 0, 1, true,
                3e6, 0.01);
        PhysicsInformedNetwork plain = PhysicsInformedNetwork.initialise(2, 8, 3,
                new double[] {300, 0.3, 0.3, 78, 25}, 100, BlatterOptions.defaults().withLevels(4).withThreads(1), 9);
        for (PhysicsInformedNetwork net : new PhysicsInformedNetwork[] {plain, plain.withSlabVelocityInputs(10)}) {
            Inversion.Cost cost = new Inversion.Cost(net, obs, s);
            try (PhysicsInformedTrainer trainer = new PhysicsInformedTrainer(net, 1, 0, 1e-4)) {
                double[][] gradient = new double[3][n];
                double[] terms = cost.evaluate(trainer, thickness, sliding, rate, gradient);
                double[] gradH = gradient[0];
                double[] gradTheta = gradient[1];
                double[] gradAlpha = gradient[2];
                for (int t = 1; t < 6; t++) {
                    assertTrue(terms[t] > 0, "term " + t + " of " + Arrays.toString(terms));
                }
                double scaleH = Arrays.stream(gradH).map(Math::abs).max().orElseThrow();
                double scaleTheta = Arrays.stream(gradTheta).map(Math::abs).max().orElseThrow();
                double scaleAlpha = Arrays.stream(gradAlpha).map(Math::abs).max().orElseThrow();
                int checked = 0;
                for (int k = 0; k < n; k++) {
                    if (!mask[k]) {
                        assertEquals(0, gradH[k], "no gradient outside the mask");
                        continue;
                    }
                    double[] plus = thickness.clone();
                    double[] minus = thickness.clone();
                    plus[k] += 0.01;
                    minus[k] -= 0.01;
                    double dh = (value(cost, trainer, plus, sliding, rate) - value(cost, trainer, minus, sliding, rate))
                            / 0.02;
                    assertEquals(dh, gradH[k], 2e-3 * scaleH + 2e-3 * Math.abs(dh), "∂J/∂H at " + k);
                    double[] up = sliding.clone();
                    double[] down = sliding.clone();
                    up[k] *= Math.exp(1e-4);
                    down[k] *= Math.exp(-1e-4);
                    double dtheta = (value(cost, trainer, thickness, up, rate)
                            - value(cost, trainer, thickness, down, rate)) / 2e-4;
                    assertEquals(dtheta, gradTheta[k], 2e-3 * scaleTheta + 2e-3 * Math.abs(dtheta),
                            "∂J/∂ln c at " + k);
                    double[] harder = rate.clone();
                    double[] softer = rate.clone();
                    harder[k] *= Math.exp(1e-4);
                    softer[k] *= Math.exp(-1e-4);
                    double dalpha = (value(cost, trainer, thickness, sliding, harder)
                            - value(cost, trainer, thickness, sliding, softer)) / 2e-4;
                    assertEquals(dalpha, gradAlpha[k], 2e-3 * scaleAlpha + 2e-3 * Math.abs(dalpha),
                            "∂J/∂ln A at " + k);
                    checked++;
                }
                assertTrue(checked > 40, "checked " + checked);
            }
        }
    }

    private static double value(Inversion.Cost cost, PhysicsInformedTrainer trainer, double[] thickness,
                                double[] sliding, double[] rate) {
        return cost.evaluate(trainer, thickness, sliding, rate, new double[3][thickness.length])[0];
    }
}
