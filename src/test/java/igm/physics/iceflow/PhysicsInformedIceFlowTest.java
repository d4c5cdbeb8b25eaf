package igm.physics.iceflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import igm.grid.Grid2D;
import igm.physics.RestartState;
import igm.physics.iceflow.blatter.BlatterOperator;
import igm.physics.iceflow.blatter.BlatterOptions;
import igm.physics.iceflow.blatter.BlatterProblem;
import igm.physics.iceflow.blatter.BlatterSolution;
import igm.physics.iceflow.blatter.PhysicsInformedNetwork;
import igm.physics.iceflow.blatter.PhysicsInformedTrainer;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/**
 * The physics-informed emulator as an ice-flow model: the crop around the ice gives the whole grid's velocity and
 * energy; a warm-up lowers the energy of the state and brings the velocity close to the converged Blatter–Pattyn
 * solve; the schedule retrains when it says; a model restored from a checkpoint continues bit for bit.
 */
class PhysicsInformedIceFlowTest {

    static final int LEVELS = 4;

    /** A valley glacier: an elongated cap on a bed sloping along x with a cross-valley trough, margins of bare rock. */
    static IceFlowInput glacier(int nx, int ny, double dx, double slidingCoefficient) {
        Grid2D g = Grid2D.of(nx, ny, dx);
        int n = g.size();
        double[] h = new double[n];
        double[] s = new double[n];
        double[] c = new double[n];
        double[] a = new double[n];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                int k = g.index(i, j);
                double x = (i - 0.45 * (nx - 1)) / (0.3 * nx);
                double y = (j - 0.5 * (ny - 1)) / (0.25 * ny);
                double r2 = x * x + y * y;
                double bed = 2500 - 0.1 * dx * i + 30 * y * y;
                h[k] = r2 < 1 ? 160 * Math.sqrt(1 - r2) : 0;
                s[k] = bed + h[k];
                c[k] = slidingCoefficient;
                a[k] = 78;
            }
        }
        return new IceFlowInput(g, h, s, c, a);
    }

    static PhysicsInformedNetwork network(long seed) {
        return PhysicsInformedNetwork.initialise(3, 8, 3, new double[] {200, 0.3, 0.3, 100, 25}, 50,
                BlatterOptions.defaults().withLevels(LEVELS).withThreads(1), seed);
    }

    static PhysicsInformedIceFlow model(PhysicsInformedNetwork network, PhysicsInformedIceFlow.Retraining r) {
        return new PhysicsInformedIceFlow(network, r, 2, Double.NaN, "in memory");
    }

    private static BlatterProblem problem(IceFlowInput in) {
        return PhysicsInformedNetwork.problem(in.grid(), in.thickness(), in.surface(), in.rateFactor(),
                in.slidingCoefficient());
    }

    /** Σ|u − u_ref| / Σ|u_ref| over both components of the depth-averaged velocity (paper eq. 7). */
    static double relativeL1(IceFlowResult r, IceFlowResult reference) {
        double difference = 0;
        double size = 0;
        for (int k = 0; k < r.ubar().length; k++) {
            difference += Math.abs(r.ubar()[k] - reference.ubar()[k]) + Math.abs(r.vbar()[k] - reference.vbar()[k]);
            size += Math.abs(reference.ubar()[k]) + Math.abs(reference.vbar()[k]);
        }
        return difference / size;
    }

    @Test
    void theCropAroundTheIceGivesTheWholeGridsVelocityAndEnergy() {
        IceFlowInput in = glacier(40, 30, 100, 5);
        PhysicsInformedNetwork net = network(3);
        IceFlowResult whole;
        double wholeEnergy;
        try (PhysicsInformedTrainer trainer = new PhysicsInformedTrainer(network(3), 1, 0, 1e-3)) {
            BlatterProblem p = problem(in);
            whole = trainer.network().velocity(trainer.engine(), p, null).toIceFlowResult();
            wholeEnergy = trainer.loss(trainer.network().inputs(List.of(p)), trainer.loss(List.of(p)));
        }
        try (PhysicsInformedIceFlow model = model(net, new PhysicsInformedIceFlow.Retraining(1, 0, 1, 1e-3))) {
            PhysicsInformedIceFlow frozen = model(network(3), PhysicsInformedIceFlow.Retraining.FROZEN);
            IceFlowResult cropped = frozen.solve(in);
            frozen.close();
            double largest = 0;
            double worst = 0;
            for (int k = 0; k < whole.ubar().length; k++) {
                largest = Math.max(largest, Math.abs(whole.uSurface()[k]));
                worst = Math.max(worst, Math.abs(cropped.ubar()[k] - whole.ubar()[k]));
                worst = Math.max(worst, Math.abs(cropped.uSurface()[k] - whole.uSurface()[k]));
                worst = Math.max(worst, Math.abs(cropped.vBase()[k] - whole.vBase()[k]));
                if (!(in.thickness()[k] > 0)) {
                    assertEquals(0, cropped.ubar()[k], "no ice, no velocity");
                }
            }
            assertTrue(worst <= 1e-5 * largest, "crop against whole grid: " + worst + " m/a of " + largest);
            model.solve(in);
            double before = model.statistics().warmupBefore();
            System.out.printf(Locale.ROOT, "energy per area: whole grid %.12g, crop %.12g MPa m/a%n", wholeEnergy,
                    before);
            assertEquals(wholeEnergy, before, 1e-9 * Math.abs(wholeEnergy), "the crop's energy is the whole grid's");
        }
    }

    /**
     * 600 Adam iterations on a 20×14 valley glacier: the energy falls towards the converged solver's (its minimum), and
     * the depth-averaged velocity approaches the solver's. Measured: energy gap (E − E_solver)/|E_solver| 2.9 %,
     * relative L1 of ū 96 % before, 5.1 % after.
     */
    @Test
    void aWarmUpLowersTheEnergyAndApproachesTheConvergedSolve() {
        IceFlowInput in = glacier(20, 14, 100, 5);
        BlatterPattynFlow solver = new BlatterPattynFlow(BlatterOptions.defaults().withLevels(LEVELS)
                .withThreads(2).withTolerance(1e-9).withMaxIterations(20000));
        IceFlowResult reference = solver.solve(in);
        try (PhysicsInformedIceFlow untrained = model(network(5), PhysicsInformedIceFlow.Retraining.FROZEN);
             PhysicsInformedIceFlow model = model(network(5),
                     new PhysicsInformedIceFlow.Retraining(600, 0, 1, 3e-3))) {
            double before = relativeL1(untrained.solve(in), reference);
            IceFlowResult trained = model.solve(in);
            double after = relativeL1(trained, reference);
            PhysicsInformedIceFlow.Statistics s = model.statistics();
            BlatterSolution exact = solver.lastSolution();
            BlatterOperator op = new BlatterOperator(problem(in), solver.options());
            int m = exact.u().length;
            double[] full = new double[2 * m];
            System.arraycopy(exact.u(), 0, full, 0, m);
            System.arraycopy(exact.v(), 0, full, m, m);
            double[] x = new double[op.size()];
            op.gather(full, x);
            double solverEnergy = op.energy(x, new double[op.size()]) / (in.grid().size() * in.grid().cellArea());
            double gap = (s.warmupAfter() - solverEnergy) / Math.abs(solverEnergy);
            System.out.printf(Locale.ROOT, "%s; solver %.6g MPa m/a (gap %.4f); relative L1 of ū against the "
                    + "converged solve: %.4f before, %.4f after%n", s.describe(), solverEnergy, gap, before, after);
            assertTrue(s.warmupAfter() < s.warmupBefore(), s.describe());
            assertTrue(gap > -1e-6, "the solver's energy is the minimum: gap " + gap);
            assertTrue(gap < 0.05, "energy gap after the warm-up " + gap);
            assertTrue(after < 0.1, "relative L1 after the warm-up " + after);
            assertTrue(after < 0.2 * before, "relative L1 " + before + " → " + after);
        }
    }

    @Test
    void theScheduleRetrainsOnTheInitialStateAndEveryIntervalSteps() {
        PhysicsInformedIceFlow.Retraining r = new PhysicsInformedIceFlow.Retraining(7, 3, 2, 1e-3);
        int[] expected = {7, 0, 0, 2, 0, 0, 2};
        for (int s = 0; s < expected.length; s++) {
            assertEquals(expected[s], r.iterationsAt(s), "solve " + s);
        }
        assertEquals(0, PhysicsInformedIceFlow.Retraining.FROZEN.iterationsAt(0));
        assertEquals(0, PhysicsInformedIceFlow.Retraining.FROZEN.iterationsAt(10));
    }

    /**
     * One thread or three (the energy split into chunks of element rows: over 2000 ice elements): the same training
     * and velocities, bit for bit.
     */
    @Test
    void theResultsDoNotDependOnTheThreadCount() {
        PhysicsInformedIceFlow.Retraining r = new PhysicsInformedIceFlow.Retraining(5, 1, 2, 1e-3);
        try (PhysicsInformedIceFlow one = new PhysicsInformedIceFlow(network(13), r, 1, Double.NaN, "one");
             PhysicsInformedIceFlow three = new PhysicsInformedIceFlow(network(13), r, 3, Double.NaN, "three")) {
            for (int s = 0; s < 3; s++) {
                IceFlowInput in = glacier(110, 90, 100, 3 + s);
                IceFlowResult a = one.solve(in);
                IceFlowResult b = three.solve(in);
                assertArrayEquals(a.ubar(), b.ubar(), "ubar of solve " + s);
                assertArrayEquals(a.vSurface(), b.vSurface(), "vsurf of solve " + s);
            }
            assertArrayEquals(one.network().parameters(), three.network().parameters());
        }
    }

    /** A model saved after three solves and restored into a new one continues as the first, bit for bit. */
    @Test
    void aRestoredModelContinuesBitForBit() {
        PhysicsInformedIceFlow.Retraining r = new PhysicsInformedIceFlow.Retraining(4, 2, 3, 1e-3);
        IceFlowInput[] states = new IceFlowInput[6];
        for (int s = 0; s < states.length; s++) {
            states[s] = glacier(24, 16 + s % 2, 100, 2 + s);
        }
        try (PhysicsInformedIceFlow whole = model(network(9), r);
             PhysicsInformedIceFlow resumed = model(network(9), r)) {
            RestartState saved = new RestartState();
            IceFlowResult[] expected = new IceFlowResult[states.length];
            for (int s = 0; s < states.length; s++) {
                if (s == 3) {
                    whole.saveState(saved.scope("iceflow"));
                }
                expected[s] = whole.solve(states[s]);
            }
            resumed.restoreState(saved.scope("iceflow"));
            for (int s = 3; s < states.length; s++) {
                IceFlowResult got = resumed.solve(states[s]);
                assertArrayEquals(expected[s].ubar(), got.ubar(), "ubar of solve " + s);
                assertArrayEquals(expected[s].vSurface(), got.vSurface(), "vsurf of solve " + s);
                assertArrayEquals(expected[s].uBase(), got.uBase(), "ubase of solve " + s);
            }
            assertArrayEquals(whole.network().parameters(), resumed.network().parameters());
            PhysicsInformedIceFlow.Statistics a = whole.statistics();
            PhysicsInformedIceFlow.Statistics b = resumed.statistics();
            assertEquals(2, a.retrainings());
            assertEquals(a.describe(), b.describe());
            assertEquals(a.lastAfter(), b.lastAfter());
        }
    }
}
