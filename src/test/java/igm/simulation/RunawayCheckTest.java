package igm.simulation;

import igm.SimulationException;
import igm.grid.Grid2D;
import igm.physics.iceflow.IceFlowInput;
import igm.physics.iceflow.IceFlowModel;
import igm.physics.iceflow.IceFlowResult;
import igm.physics.iceflow.ShallowIceFlow;
import igm.physics.massbalance.MassBalanceModel;
import igm.physics.massbalance.NoMassBalance;
import igm.physics.transport.ThicknessTransport;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runaway check on a tiny glacier: each runaway stops the run with one message naming time, cell and cause. */
class RunawayCheckTest {

    private static final Grid2D GRID = Grid2D.of(8, 6, 100);

    /** A 50 m thick slab on a 5% slope, with {@code thickest} m in cell (3, 2). */
    private static GlacierState slab(double thickest) {
        int n = GRID.size();
        double[] bed = new double[n];
        double[] h = new double[n];
        for (int j = 0; j < GRID.ny(); j++) {
            for (int i = 0; i < GRID.nx(); i++) {
                bed[GRID.index(i, j)] = 3000 - 5.0 * i;
                h[GRID.index(i, j)] = i > 0 && i < 7 && j > 0 && j < 5 ? 50 : 0;
            }
        }
        h[GRID.index(3, 2)] = thickest;
        double[] a = new double[n];
        Arrays.fill(a, 78);
        return new GlacierState(GRID, bed, h, new double[n], a, null);
    }

    /** An SMB of {@code smb(surface)} m a⁻¹ everywhere. */
    private static MassBalanceModel smb(DoubleUnaryOperator ofSurface) {
        return new MassBalanceModel() {
            @Override
            public String name() {
                return "test-smb";
            }

            @Override
            public void compute(double t, Grid2D grid, double[] surface, double[] thickness, double[] out) {
                for (int k = 0; k < out.length; k++) {
                    out[k] = ofSurface.applyAsDouble(surface[k]);
                }
            }
        };
    }

    /** An ice flow of uniform speed {@code u} m a⁻¹ (NaN in cell (3, 2) when {@code nan}) and its own step limit. */
    private static IceFlowModel uniformFlow(double u, boolean nan, double ownLimit) {
        return new IceFlowModel() {
            @Override
            public String name() {
                return "uniform";
            }

            @Override
            public IceFlowResult solve(IceFlowInput input) {
                int n = GRID.size();
                double[] ub = new double[n];
                Arrays.fill(ub, u);
                if (nan) {
                    ub[GRID.index(3, 2)] = Double.NaN;
                }
                return new IceFlowResult(GRID, ub, new double[n], ub, new double[n], new double[n], new double[n],
                        null, ownLimit);
            }
        };
    }

    private static SimulationException runaway(Model model, RunawayCheck.Limits limits) {
        Simulation sim = new Simulation(model, 2000, 2100, 1.0).runawayCheck(new RunawayCheck(limits));
        return assertThrows(SimulationException.class, sim::run);
    }

    private static void assertContains(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "«" + part + "» missing from: " + message);
        }
        assertFalse(message.contains("\n"), "one line: " + message);
    }

    @Test
    void anEnormousSmbStopsTheRunAtTheStartNamingTheCellAndSmb() {
        Model model = new Model(slab(50), new ShallowIceFlow(), smb(z -> 10 * (z - 2900)),
                new ThicknessTransport(GRID));
        String m = runaway(model, RunawayCheck.Limits.defaults()).getMessage();
        assertContains(m, "runaway at t = 2000 a", "SMB of +1450 m a-1", "cell (i, j) = (1, 1), (x, y) = (100, 100) m",
                "run.max_smb = 100 m a-1", "test-smb: check smb.*", "run.runaway_check: false");
    }

    @Test
    void anSmbThatPilesUpIceStopsAtTheThicknessBoundWithinAStep() {
        Model model = new Model(slab(50), new ShallowIceFlow(), smb(z -> 2e4), new ThicknessTransport(GRID));
        Simulation sim = new Simulation(model, 2000, 2100, 1.0)
                .runawayCheck(new RunawayCheck(new RunawayCheck.Limits(1e4, 1e5, 1e6, 1e-6, 100)));
        String m = assertThrows(SimulationException.class, sim::run).getMessage();
        assertTrue(sim.steps() <= 2 && sim.time() < 2001.5, sim.steps() + " steps, t = " + sim.time());
        assertContains(m, "ice thickness of", "run.max_thickness = 10000 m",
                "the SMB of +20000 m a-1 at the cell piles up ice: check smb.*");
    }

    @Test
    void aHugeInitialThicknessStopsAtTheStartBlamingTheInput() {
        Model model = new Model(slab(2e4), new ShallowIceFlow(), new NoMassBalance(), new ThicknessTransport(GRID));
        String m = runaway(model, RunawayCheck.Limits.defaults()).getMessage();
        assertContains(m, "runaway at t = 2000 a", "ice thickness of 20000 m", "(i, j) = (3, 2), (x, y) = (300, 200)",
                "run.max_thickness = 10000 m", "the initial state: check input.file");
    }

    @Test
    void aNonFiniteSmbOrVelocityIsNamed() {
        Model nanSmb = new Model(slab(100), new ShallowIceFlow(), smb(z -> z > 3080 ? Double.NaN : 1),
                new ThicknessTransport(GRID));
        assertContains(runaway(nanSmb, RunawayCheck.Limits.defaults()).getMessage(), "the SMB is NaN m a-1",
                "(i, j) = (3, 2)", "mass-balance model test-smb");

        Model nanVelocity = new Model(slab(50), uniformFlow(10, true, Double.POSITIVE_INFINITY), new NoMassBalance(),
                new ThicknessTransport(GRID));
        assertContains(runaway(nanVelocity, RunawayCheck.Limits.defaults()).getMessage(), "velocity ubar is NaN",
                "(i, j) = (3, 2)", "ice-flow model uniform: check iceflow.*");
    }

    @Test
    void aSpeedBeyondTheBoundIsNamed() {
        Model model = new Model(slab(50), uniformFlow(2e5, false, Double.POSITIVE_INFINITY), new NoMassBalance(),
                new ThicknessTransport(GRID));
        assertContains(runaway(model, RunawayCheck.Limits.defaults()).getMessage(), "ice speed of 200000 m a-1",
                "run.max_speed = 100000 m a-1", "ice-flow model uniform");
    }

    @Test
    void aCollapsedStepStopsAfterTheGivenCountNamingTheLimitThatDrivesIt() {
        Model ownLimit = new Model(slab(50), uniformFlow(1, false, 1e-8), new NoMassBalance(),
                new ThicknessTransport(GRID));
        Simulation sim = new Simulation(ownLimit, 2000, 2100, 1.0)
                .runawayCheck(new RunawayCheck(RunawayCheck.Limits.defaults()));
        String m = assertThrows(SimulationException.class, sim::run).getMessage();
        assertEquals(100, sim.steps());
        assertContains(m, "time step has collapsed", "below run.min_step = 0.000001 a for 100 steps",
                "ice-flow model uniform's own limit (1.000e-08 a)");

        Model cfl = new Model(slab(50), uniformFlow(5e4, false, Double.POSITIVE_INFINITY), new NoMassBalance(),
                new ThicknessTransport(GRID));
        m = runaway(cfl, new RunawayCheck.Limits(1e4, 1e5, 100, 1e-3, 3)).getMessage();
        assertContains(m, "for 3 steps", "the CFL limit thickness.cfl·Δx/max|ū| = 0.0006 a",
                "|ū| up to 50000 m a-1");
    }

    @Test
    void aSaneRunIsNotStoppedAndShortStepsToLandOnEventsAreNoCollapse() {
        Model model = new Model(slab(50), new ShallowIceFlow(), smb(z -> 0.001 * (z - 3000)),
                new ThicknessTransport(GRID));
        Simulation sim = new Simulation(model, 2000, 2010, 1.0)
                .addCallback(Schedule.at(2000.5, 2000.500002, 2000.500004, 2000.500006), (s, t) -> { }, false)
                .runawayCheck(new RunawayCheck(new RunawayCheck.Limits(1e4, 1e5, 100, 1e-5, 2)));
        assertDoesNotThrow(sim::run);
        assertEquals(2010.0, sim.time());
    }

    @Test
    void anOverflowIsNoLongerBlamedOnTheCflWhenTheVelocityIsNotFinite() {
        Model model = new Model(slab(50), uniformFlow(10, true, Double.POSITIVE_INFINITY), new NoMassBalance(),
                new ThicknessTransport(GRID));
        String m = assertThrows(SimulationException.class, () -> new Simulation(model, 2000, 2010, 1.0).runawayCheck(null).run())
                .getMessage();
        assertContains(m, "not finite", "t = 2000", "velocity of the ice-flow model uniform is NaN",
                "check iceflow.*");
        assertFalse(m.contains("thickness.cfl"), m);
    }
}
