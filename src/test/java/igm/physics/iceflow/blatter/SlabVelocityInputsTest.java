package igm.physics.iceflow.blatter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import igm.emulator.training.Batch;
import igm.emulator.training.GradientEngine;
import igm.grid.Grid2D;
import igm.physics.iceflow.BlatterPattynFlow;
import igm.physics.iceflow.WeertmanSliding;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The slab velocity inputs of a physics-informed network: on an inclined slab the slab speed is the converged
 * {@code blatter} solver's depth-averaged speed (the first-order slab, deformation slowed by (1 + 4t²)² on steep slopes,
 * plus Weertman sliding), and the inputs are its logarithm pointing down the slope; a network widened to take them
 * gives the velocity of the network it was widened from; the chain rule from the inputs to the fields agrees with
 * finite differences.
 */
class SlabVelocityInputsTest {

    private static final double SCALE = 10;

    @Test
    void onASlabTheInputsAreTheLogOfTheConvergedSolversSpeedDownTheSlope() {
        double slope = 0.4;
        double h = 200;
        double a = 78;
        for (double c : new double[] {0, 0.2}) {
            Grid2D g = Grid2D.of(4, 4, 1000);
            double[] bed = new double[g.size()];
            double[] thk = new double[g.size()];
            double[] rate = new double[g.size()];
            double[] coefficient = new double[g.size()];
            Arrays.fill(thk, h);
            Arrays.fill(rate, a);
            Arrays.fill(coefficient, c);
            // the surface falls towards +x and rises towards +y: the ice flows towards +x and −y
            BlatterProblem p = new BlatterProblem(g, bed, thk, rate, new WeertmanSliding(coefficient), true, -slope,
                    slope / 2);
            BlatterOptions o = BlatterOptions.defaults().withLevels(17).withThreads(1).withTolerance(1e-10)
                    .withMaxIterations(5000);
            BlatterSolution solved = new BlatterPattynFlow(o).solve(p);
            double solver = Math.hypot(solved.ubar()[5], solved.vbar()[5]);
            double speed = p.slabSpeed()[5];
            double sia = p.shallowIceSpeed()[5];
            // t² = 0.2: the shallow-ice deformation is (1 + 4t²)² = 3.24 times too fast
            assertTrue(sia > 1.5 * speed, "shallow ice " + sia + ", slab " + speed + " m/a, c = " + c);
            assertEquals(solver, speed, 5e-3 * speed, "slab speed against the converged solver, c = " + c);
            double size = Math.log1p(speed / SCALE);
            PhysicsInformedNetwork net = BlatterEnergyLossTest.network(1, 4, 3, 1).withSlabVelocityInputs(SCALE);
            assertTrue(net.slabVelocityInputs());
            Batch b = net.inputs(List.of(p));
            assertEquals(7, b.inputChannels());
            for (int k = 0; k < g.size(); k++) {
                assertEquals(speed, p.slabSpeed()[k], 1e-12 * speed, "uniform slab, c = " + c);
                assertEquals(size * 2 / Math.sqrt(5), b.inputs()[k * 7 + 5], 1e-5 * size, "uvelslab, c = " + c);
                assertEquals(-size / Math.sqrt(5), b.inputs()[k * 7 + 6], 1e-5 * size, "vvelslab, c = " + c);
            }
        }
    }

    @Test
    void aWidenedNetworkGivesTheVelocityOfTheOneItWasWidenedFrom() {
        BlatterProblem p = BlatterEnergyLossTest.glacier(14, 11, 100, 6);
        PhysicsInformedNetwork narrow = BlatterEnergyLossTest.network(3, 8, 4, 7);
        PhysicsInformedNetwork wide = narrow.withSlabVelocityInputs(SCALE);
        assertFalse(narrow.slabVelocityInputs());
        assertSame(wide, wide.withSlabVelocityInputs(SCALE), "a network that has the inputs is kept");
        assertEquals(PhysicsInformedNetwork.SLAB_INPUT_NAMES.size(), wide.architecture().inputs());
        float[] y;
        float[] z;
        try (GradientEngine e = new GradientEngine(narrow.architecture(), 1)) {
            y = e.predict(narrow.parameters(), narrow.inputs(List.of(p)));
        }
        try (GradientEngine e = new GradientEngine(wide.architecture(), 1)) {
            z = e.predict(wide.parameters(), wide.inputs(List.of(p)));
        }
        double largest = 0;
        double difference = 0;
        for (int k = 0; k < y.length; k++) {
            largest = Math.max(largest, Math.abs(y[k]));
            difference = Math.max(difference, Math.abs(y[k] - z[k]));
        }
        assertTrue(largest > 0, "the network's velocity is not zero");
        assertTrue(difference <= 1e-6 * largest, "largest difference " + difference + " of " + largest);
        boolean used = false;
        float[] inputs = wide.inputs(List.of(p)).inputs();
        for (int k = 0; k < p.grid().size(); k++) {
            used |= inputs[k * 7 + 5] != 0;
        }
        assertTrue(used, "the slab velocity inputs are not all zero");
    }

    /**
     * The chain rule from the scaled inputs to thickness, rate factor and sliding coefficient (surface fixed) against
     * central differences of a random linear function of the inputs, with and without the slab velocity inputs.
     */
    @Test
    void inputAdjointMatchesCentralDifferences() {
        BlatterProblem p = BlatterEnergyLossTest.glacier(12, 10, 100, 5);
        PhysicsInformedNetwork narrow = BlatterEnergyLossTest.network(1, 4, 3, 1);
        for (PhysicsInformedNetwork net : List.of(narrow, narrow.withSlabVelocityInputs(SCALE))) {
            int channels = net.inputs().size();
            int n = p.grid().size();
            java.util.SplittableRandom random = new java.util.SplittableRandom(4);
            float[] g = new float[n * channels];
            for (int q = 0; q < g.length; q++) {
                g[q] = (float) random.nextDouble(-1, 1);
            }
            PhysicsInformedNetwork.InputAdjoint adjoint = net.inputAdjoint(p, g);
            double[] surface = new double[n];
            double[] rate = p.rateFactor().clone();
            double[] coefficient = p.weertmanCoefficient().clone();
            for (int k = 0; k < n; k++) {
                surface[k] = p.bed()[k] + p.thickness()[k];
            }
            int checked = 0;
            for (int k = 0; k < n; k++) {
                if (!(p.thickness()[k] > 20)) {
                    continue;
                }
                for (int field = 0; field < 3; field++) {
                    double[][] plus = {p.thickness().clone(), rate.clone(), coefficient.clone()};
                    double[][] minus = {p.thickness().clone(), rate.clone(), coefficient.clone()};
                    double step = 1e-3 * plus[field][k];
                    plus[field][k] += step;
                    minus[field][k] -= step;
                    double difference = (linear(net, p.grid(), plus, surface, g)
                            - linear(net, p.grid(), minus, surface, g)) / (2 * step);
                    double[] exact = field == 0 ? adjoint.thickness() : field == 1 ? adjoint.rateFactor()
                            : adjoint.slidingCoefficient();
                    assertEquals(difference, exact[k], 2e-3 * Math.abs(exact[k]) + 1e-6,
                            net.inputs().size() + " inputs, field " + field + ", point " + k);
                    checked++;
                }
            }
            assertTrue(checked > 60, "checked " + checked);
        }
    }

    private static double linear(PhysicsInformedNetwork net, Grid2D grid, double[][] fields, double[] surface,
                                 float[] g) {
        float[] x = net.inputs(List.of(PhysicsInformedNetwork.problem(grid, fields[0], surface, fields[1],
                fields[2]))).inputs();
        double sum = 0;
        for (int q = 0; q < x.length; q++) {
            sum += (double) g[q] * x[q];
        }
        return sum;
    }
}
