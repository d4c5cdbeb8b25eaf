package igm.physics.iceflow.blatter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import igm.emulator.training.Batch;
import igm.emulator.training.GradientEngine;
import igm.grid.Grid2D;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The energy loss: at the converged solver's velocity it equals the solver's energy per unit area and its gradient
 * vanishes; the gradient of the loss with respect to the weights (the network's backward pass fed with the energy
 * gradient) agrees with central finite differences of the loss.
 */
class BlatterEnergyLossTest {

    /** A small glacier on an inclined valley floor: a dome of ice inside an ice-free margin, Weertman sliding. */
    static BlatterProblem glacier(int nx, int ny, double dx, double slidingCoefficient) {
        Grid2D g = Grid2D.of(nx, ny, dx);
        double[] h = new double[g.size()];
        double[] s = new double[g.size()];
        double[] a = new double[g.size()];
        double[] c = new double[g.size()];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                int k = g.index(i, j);
                double x = (i - (nx - 1) / 2.0) / ((nx - 3) / 2.0);
                double y = (j - (ny - 1) / 2.0) / ((ny - 3) / 2.0);
                double r2 = x * x + y * y;
                double bed = 2000 - 0.08 * dx * i + 15 * Math.cos(0.9 * j);
                h[k] = r2 < 1 ? 180 * Math.sqrt(1 - r2) : 0;
                s[k] = bed + h[k];
                a[k] = 78;
                c[k] = slidingCoefficient * (1 + 0.3 * Math.sin(i + 2 * j));
            }
        }
        return PhysicsInformedNetwork.problem(g, h, s, a, c);
    }

    static PhysicsInformedNetwork network(int layers, int filters, int levels, long seed) {
        return PhysicsInformedNetwork.initialise(layers, filters, 3, new double[] {200, 0.5, 0.5, 100, 25}, 50,
                BlatterOptions.defaults().withLevels(levels).withThreads(1), seed);
    }

    @Test
    void atTheSolutionTheLossIsTheSolversEnergyPerAreaAndItsGradientVanishes() {
        BlatterProblem p = glacier(12, 9, 100, 6);
        BlatterOptions o = BlatterOptions.defaults().withLevels(5).withThreads(1).withTolerance(1e-10)
                .withMaxIterations(5000);
        BlatterSolution s = new igm.physics.iceflow.BlatterPattynFlow(o).solve(p);
        PhysicsInformedNetwork net = network(2, 4, 5, 1);
        double scale = net.velocityScale();
        int nz = 5;
        int cells = p.grid().size();
        float[] y = new float[cells * 2 * nz];
        float[] zero = new float[y.length];
        for (int c = 0; c < cells; c++) {
            for (int k = 0; k < nz; k++) {
                y[c * 2 * nz + k] = (float) (s.u()[c * nz + k] / scale);
                y[c * 2 * nz + nz + k] = (float) (s.v()[c * nz + k] / scale);
            }
        }
        BlatterEnergyLoss loss = net.loss(List.of(p), 1);
        Batch batch = net.inputs(List.of(p));
        float[] delta = new float[y.length];
        float[] deltaAtRest = new float[y.length];
        double value = loss.sample(batch, 0, y, delta);
        loss.sample(batch, 0, zero, deltaAtRest);
        BlatterOperator op = loss.operators().getFirst();
        double[] x = new double[op.size()];
        double[] full = new double[2 * cells * nz];
        for (int c = 0; c < cells * nz; c++) {
            full[c] = (float) (s.u()[c] / scale) * scale;
            full[cells * nz + c] = (float) (s.v()[c] / scale) * scale;
        }
        op.gather(full, x);
        double energy = op.energy(x, new double[op.size()]);
        double area = cells * 100.0 * 100.0;
        assertEquals(energy / area, value, 1e-12 * Math.abs(energy / area), "loss = solver energy / area");
        assertTrue(value < 0, "the energy at the solution is below that at rest (0): " + value);
        double norm = norm(delta);
        double normAtRest = norm(deltaAtRest);
        System.out.printf(Locale.ROOT, "loss at the solution %.6g MPa m/a; |∂L/∂y| %.3e there, %.3e at rest%n", value,
                norm, normAtRest);
        assertTrue(norm < 1e-4 * normAtRest, "gradient at the solution " + norm + " against " + normAtRest);
    }

    @Test
    void weightGradientMatchesFiniteDifferences() {
        BlatterProblem first = glacier(10, 8, 100, 0);
        BlatterProblem second = glacier(10, 8, 100, 12);
        PhysicsInformedNetwork net = network(2, 6, 4, 7);
        List<BlatterProblem> problems = List.of(first, second);
        BlatterEnergyLoss loss = net.loss(problems, 1);
        Batch batch = net.inputs(problems);
        float[] p = net.parameters();
        // a start with speeds of tens of m/a that vary from cell to cell, where Glen's law is far from its
        // regularisation (a new network starts near rest: its strain rates are near ε_0, where the energy's curvature
        // is too large for finite differences); the output layer as Glorot drew it
        int last = net.architecture().layers();
        for (int i = net.architecture().kernelOffset(last); i < net.architecture().biasOffset(last); i++) {
            p[i] /= (float) PhysicsInformedNetwork.OUTPUT_WEIGHT_FACTOR;
        }
        for (int i = net.architecture().biasOffset(last); i < p.length; i++) {
            p[i] = 0.4f;
        }
        try (GradientEngine engine = new GradientEngine(net.architecture(), 2)) {
            float[] gradient = new float[p.length];
            double value = engine.lossAndGradient(p, batch, loss, gradient);
            SplittableRandom random = new SplittableRandom(11);
            double[] direction = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                direction[i] = random.nextDouble(-1, 1);
            }
            double along = 0;
            double dn = 0;
            for (int i = 0; i < p.length; i++) {
                along += gradient[i] * direction[i];
                dn += direction[i] * direction[i];
            }
            double step = 1e-3 / Math.sqrt(dn);
            double fd = (lossAt(engine, p, direction, step, batch, loss)
                    - lossAt(engine, p, direction, -step, batch, loss)) / (2 * step);
            System.out.printf(Locale.ROOT, "loss %.6g; directional derivative: backward pass %.6g, finite"
                    + " differences %.6g%n", value, along, fd);
            assertEquals(fd, along, 2e-3 * Math.abs(fd), "directional derivative");
            int[] largest = largest(gradient, 5);
            for (int i : largest) {
                double[] unit = new double[p.length];
                unit[i] = 1;
                double h = 1e-2 * Math.max(1e-2, Math.abs(p[i]));
                double fdi = (lossAt(engine, p, unit, h, batch, loss) - lossAt(engine, p, unit, -h, batch, loss))
                        / (2 * h);
                System.out.printf(Locale.ROOT, "∂L/∂w[%d]: backward pass %.6g, finite differences %.6g%n", i,
                        gradient[i], fdi);
                assertEquals(fdi, gradient[i], 1e-2 * Math.abs(gradient[i]), "∂L/∂w[" + i + "]");
            }
        }
    }

    /**
     * On a slab, where the shallow-ice velocity is the first-order one but for the factor (1 + 4t²)² of the
     * longitudinal stresses on an inclined plane, the shallow-ice scale is −E_min of the converged solve times that
     * factor without sliding, to the solver's vertical discretisation error, which falls at second order with the
     * levels. With sliding (u_b = c τ_b³, exact in both) the factor applies to the deformation only: the ratio is
     * (u_b + ū_d)/(u_b + ū_d/(1 + 4t²)²), ū_d = 2A/5·τ_b³H the shallow-ice deformation speed.
     */
    @Test
    void shallowIceScaleIsMinusTheMinimumEnergyOfASlab() {
        double slope = Math.tan(Math.toRadians(3));
        double factor = Math.pow(1 + 4 * slope * slope, 2);
        double coarse = Math.abs(slabScaleRatio(slope, 0, 9) / factor - 1);
        double fine = Math.abs(slabScaleRatio(slope, 0, 17) / factor - 1);
        double finer = Math.abs(slabScaleRatio(slope, 0, 33) / factor - 1);
        System.out.printf(Locale.ROOT, "slab: |scale / −E_min / (1 + 4t²)² − 1| = %.3e, %.3e, %.3e at 9, 17, 33 "
                + "levels%n", coarse, fine, finer);
        assertTrue(fine < coarse / 3 && finer < fine / 3, "second order in the levels");
        assertTrue(finer < 1e-3, "within 0.1 % at 33 levels: " + finer);
        double tau = igm.physics.PhysicalConstants.ICE_WEIGHT_MPA_PER_M * 500 * slope;
        double basal = 2 * 1000 * tau * tau * tau;
        double deformation = 2 * 100 / 5.0 * tau * tau * tau * 500;
        double expected = (basal + deformation) / (basal + deformation / factor);
        double sliding = slabScaleRatio(slope, 2, 33);
        System.out.printf(Locale.ROOT, "sliding slab: scale / −E_min %.6f, expected %.6f%n", sliding, expected);
        assertEquals(expected, sliding, 1e-3 * expected, "scale / −E_min with sliding, 33 levels");
    }

    private static double slabScaleRatio(double slope, double c, int levels) {
        Grid2D g = Grid2D.of(4, 4, 1000);
        double[] h = new double[g.size()];
        double[] a = new double[g.size()];
        double[] coefficient = new double[g.size()];
        Arrays.fill(h, 500);
        Arrays.fill(a, 100);
        Arrays.fill(coefficient, c);
        BlatterProblem p = new BlatterProblem(g, new double[g.size()], h, a,
                new igm.physics.iceflow.WeertmanSliding(coefficient), true, -slope, 0);
        BlatterOptions o = BlatterOptions.defaults().withLevels(levels).withThreads(1).withTolerance(1e-10);
        BlatterSolution s = new igm.physics.iceflow.BlatterPattynFlow(o).solve(p);
        return p.shallowIceEnergyScale() / -new BlatterOperator(p, o).energyPerArea(s.u(), s.v());
    }

    /** A weighted loss is the weight times the unweighted one, sample by sample, value and output gradient alike. */
    @Test
    void weightedLossScalesEachSample() {
        List<BlatterProblem> problems = List.of(glacier(10, 8, 100, 0), glacier(10, 8, 100, 12));
        PhysicsInformedNetwork net = network(2, 6, 4, 7);
        Batch batch = net.inputs(problems);
        BlatterEnergyLoss plain = net.loss(problems, 1);
        BlatterEnergyLoss weighted = net.loss(problems, 1, BlatterEnergyLoss.Weighting.SHALLOW_ICE);
        float[] y = new float[batch.outputChannels() * 10 * 8];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (0.3 * Math.sin(0.7 * i));
        }
        for (int b = 0; b < 2; b++) {
            double scale = problems.get(b).shallowIceEnergyScale();
            assertTrue(scale > BlatterEnergyLoss.Weighting.MIN_SCALE, "a glacier that moves: " + scale);
            assertEquals(1 / scale, weighted.weight(b), 0);
            float[] d0 = new float[y.length];
            float[] d1 = new float[y.length];
            double v0 = plain.sample(batch, b, y, d0);
            double v1 = weighted.sample(batch, b, y, d1);
            assertEquals(v0 / scale, v1, 1e-12 * Math.abs(v1));
            for (int i = 0; i < y.length; i++) {
                assertEquals(d0[i] / scale, d1[i], 1e-6 * Math.abs(d1[i]) + 1e-30);
            }
        }
        BlatterProblem still = glacier(10, 8, 100, 0);
        java.util.Arrays.fill(still.thickness(), 0);
        assertEquals(1 / BlatterEnergyLoss.Weighting.MIN_SCALE,
                BlatterEnergyLoss.Weighting.SHALLOW_ICE.weights(List.of(still))[0], 0, "the floor");
    }

    private static double lossAt(GradientEngine engine, float[] p, double[] direction, double step, Batch batch,
                                 BlatterEnergyLoss loss) {
        float[] moved = p.clone();
        for (int i = 0; i < p.length; i++) {
            moved[i] = (float) (p[i] + step * direction[i]);
        }
        return engine.loss(moved, batch, loss);
    }

    private static int[] largest(float[] g, int count) {
        Integer[] order = new Integer[g.length];
        for (int i = 0; i < g.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(Math.abs(g[b]), Math.abs(g[a])));
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = order[i];
        }
        return out;
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }
}
