package igm.simulation;

import igm.SimulationException;
import igm.grid.Grid2D;
import igm.physics.RestartState;
import igm.physics.iceflow.IceFlowInput;
import igm.physics.iceflow.IceFlowModel;
import igm.physics.iceflow.IceFlowResult;
import igm.physics.massbalance.NoMassBalance;
import igm.physics.iceflow.ShallowIceFlow;
import igm.physics.massbalance.ElaMassBalance;
import igm.physics.transport.ThicknessTransport;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulationTest {

    /** A 2 km-wide valley glacier on a 5% slope, 40×30 cells of 100 m, with an ELA of 2500 m. */
    private static Model valleyGlacier() {
        Grid2D grid = Grid2D.of(40, 30, 100);
        int n = grid.size();
        double[] bed = new double[n];
        double[] h = new double[n];
        for (int j = 0; j < grid.ny(); j++) {
            for (int i = 0; i < grid.nx(); i++) {
                int k = grid.index(i, j);
                double across = (j - 14.5) * 100;
                bed[k] = 3000 - 0.05 * i * 100 + 2e-4 * across * across;
                double r2 = Math.pow((i - 12) / 8.0, 2) + Math.pow((j - 14.5) / 6.0, 2);
                h[k] = r2 < 1 ? 150 * (1 - r2) : 0;
            }
        }
        double[] c = new double[n];
        double[] a = new double[n];
        Arrays.fill(a, 78);
        GlacierState state = new GlacierState(grid, bed, h, c, a, null);
        return new Model(state, new ShallowIceFlow(), ElaMassBalance.withDefaults(2850),
                new ThicknessTransport(grid, 0.3, 1.0));
    }

    @Test
    void callbacksFireExactlyAtScheduledTimesStartAndEnd() {
        Model model = valleyGlacier();
        List<Double> times = new ArrayList<>();
        Simulation sim = new Simulation(model, 0, 25, 1.0)
                .addCallback(Schedule.every(10, 0), (s, t) -> times.add(t))
                .addCallback(Schedule.at(3.3), (s, t) -> times.add(-t));
        sim.run();
        // at the start and the end every callback fires; in between, each on its own schedule
        assertEquals(List.of(0.0, -0.0, -3.3, 10.0, 20.0, 25.0, -25.0), times);
        assertEquals(25.0, sim.time());
        assertTrue(sim.steps() > 25, "steps " + sim.steps());
        assertTrue(sim.largestStep() <= 1.0);
    }

    @Test
    void aRunSplitInTwoEqualsTheRunInOnePiece() {
        Model whole = valleyGlacier();
        new Simulation(whole, 0, 20, 1.0).addCallback(Schedule.at(10), (s, t) -> { }).run();

        Model split = valleyGlacier();
        new Simulation(split, 0, 10, 1.0).run();
        new Simulation(split, 10, 20, 1.0).run();

        assertArrayEquals(whole.state().thickness(), split.state().thickness(), 0.0);
        assertTrue(whole.state().volume() > 0);
    }

    /**
     * A run stopped at an arbitrary step ({@link Simulation#requestStop()}), saved, and restored into a new model and
     * simulation continues bit for bit: same thickness, same step count, same budget; the callbacks of the restored
     * time are not fired again.
     */
    @Test
    void aStoppedRunSavedAndRestoredContinuesBitForBit() {
        Model whole = valleyGlacier();
        Simulation one = new Simulation(whole, 0, 20, 1.0).addCallback(Schedule.every(5, 0), (s, t) -> { });
        assertTrue(one.run());

        Model first = valleyGlacier();
        Simulation stopped = new Simulation(first, 0, 20, 1.0).addCallback(Schedule.every(5, 0), (s, t) -> { })
                .addAfterStepCallback((s, t) -> {
                    if (s.steps() == 37) {
                        s.requestStop();
                    }
                });
        assertFalse(stopped.run());
        assertEquals(37, stopped.steps());
        RestartState saved = new RestartState();
        stopped.saveState(saved);

        Model second = valleyGlacier();
        List<Double> fired = new ArrayList<>();
        Simulation resumed = new Simulation(second, 0, 20, 1.0).addCallback(Schedule.every(5, 0),
                (s, t) -> fired.add(t));
        resumed.restoreState(saved);
        assertTrue(resumed.run());
        assertEquals(one.steps(), resumed.steps());
        assertArrayEquals(whole.state().thickness(), second.state().thickness(), 0.0);
        assertEquals(whole.budget().smbVolume(), second.budget().smbVolume(), 0.0);
        assertTrue(fired.getFirst() > stopped.time(), "callbacks before the restored time are not fired again");
    }

    @Test
    void aDiagnosticRunComputesTheInitialVelocityOnceAndTakesNoStep() {
        Model model = valleyGlacier();
        double[] h0 = model.state().thickness().clone();
        List<Double> fired = new ArrayList<>();
        Simulation sim = new Simulation(model, 2000, 2000, 1.0).addCallback(Schedule.every(10, 2000),
                (s, t) -> fired.add(t));
        assertTrue(sim.isDiagnostic());
        assertTrue(sim.run());
        assertEquals(List.of(2000.0), fired);
        assertEquals(0, sim.steps());
        assertArrayEquals(h0, model.state().thickness(), 0.0);
        assertTrue(Arrays.stream(model.flow().surfaceSpeed()).max().orElseThrow() > 0);
        assertThrows(IllegalArgumentException.class, () -> new Simulation(valleyGlacier(), 2000, 1999, 1.0));
    }

    @Test
    void massBudgetOfACoupledRunCloses() {
        Model model = valleyGlacier();
        double v0 = model.state().volume();
        new Simulation(model, 0, 30, 1.0).run();
        var b = model.budget();
        double dv = model.state().volume() - v0;
        assertEquals(dv, b.smbVolume() - b.outflowVolume() + b.clippedVolume(), 1e-9 * (v0 + Math.abs(dv)));
        assertTrue(b.relativeResidual() < 1e-12, b.toString());
    }

    @Test
    void aNonFiniteThicknessStopsTheRunNamingTheCellAndTheTime() {
        Grid2D grid = Grid2D.of(8, 6, 100);
        int n = grid.size();
        double[] h = new double[n];
        Arrays.fill(h, 50);
        double[] a = new double[n];
        Arrays.fill(a, 78);
        GlacierState state = new GlacierState(grid, new double[n], h, new double[n], a, null);
        IceFlowModel broken = new IceFlowModel() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public IceFlowResult solve(IceFlowInput input) {
                double[] u = new double[n];
                u[grid.index(3, 2)] = Double.NaN;
                return new IceFlowResult(grid, u, new double[n], u, new double[n], new double[n], new double[n],
                        null, Double.POSITIVE_INFINITY);
            }
        };
        Model model = new Model(state, broken, new NoMassBalance(), new ThicknessTransport(grid, 0.3, 1.0));
        SimulationException e = assertThrows(SimulationException.class,
                () -> new Simulation(model, 2000, 2010, 1.0).runawayCheck(null).run());
        assertTrue(e.getMessage().contains("not finite") && e.getMessage().contains("t = 2000")
                && e.getMessage().contains("velocity of the ice-flow model broken is NaN m a-1 at cell (i, j) = "
                + "(3, 2)"), e.getMessage());
    }

    /** Output times 1e-6 a apart near year 2000 are distinct (a relative tolerance of 1e-9·|t| merged them). */
    @Test
    void outputTimesAMillionthOfAYearApartAreDistinct() {
        List<Double> times = new ArrayList<>();
        Simulation sim = new Simulation(valleyGlacier(), 2000, 2000.00001, 1.0)
                .addCallback(Schedule.every(1e-6, 2000), (s, t) -> times.add(t));
        sim.run();
        assertEquals(11, times.size(), times.toString());
        for (int k = 0; k < times.size(); k++) {
            assertEquals(2000 + k * 1e-6, times.get(k), 1e-12, "frame " + k);
        }
        assertEquals(11, sim.steps() + 1);
    }

    /** Near large |t| (paleo runs), every scheduled time is still landed on exactly. */
    @Test
    void schedulesNearLargeYearsLandExactly() {
        for (double start : new double[]{1e5, -1e5, 3e6}) {
            List<Double> times = new ArrayList<>();
            new Simulation(valleyGlacier(), start, start + 2, 1.0)
                    .addCallback(Schedule.every(0.25, start), (s, t) -> times.add(t)).run();
            assertEquals(9, times.size(), start + ": " + times);
            for (int k = 0; k < times.size(); k++) {
                assertEquals(start + k * 0.25, times.get(k), 0.0, start + ", frame " + k);
            }
        }
        Schedule every = Schedule.every(0.1, 1e5);
        assertEquals(1e5 + 3 * 0.1, every.nextAfter(1e5 + 0.2), 0.0);
        assertTrue(every.isDue(1e5 + 7 * 0.1) && !every.isDue(1e5 + 0.7 + 1e-6));
    }

    /**
     * Each step is set by the smallest proposal of the components (the SIA's own diffusive limit or the CFL limit),
     * the maximum step or a scheduled or end time; the counts sum to the steps, and the model's stable step is the
     * transport's.
     */
    @Test
    void theStepLimitsSayWhatSetEachStep() {
        Model model = valleyGlacier();
        List<Long> stepsSeen = new ArrayList<>();
        Simulation sim = new Simulation(model, 0, 10, 0.05).addCallback(Schedule.at(3.3), (s, t) -> { })
                .add(new ScheduledCallback() {
                    @Override
                    public Schedule schedule() {
                        return Schedule.everySteps(3);
                    }

                    @Override
                    public boolean atStartAndEnd() {
                        return false;
                    }

                    @Override
                    public void call(Simulation simulation, double time) {
                        stepsSeen.add(simulation.steps());
                    }
                });
        model.updateDiagnostics(0);
        assertEquals(model.transport().stableTimeStep(model.flow()), model.stableTimeStep(), 0.0);
        assertTrue(List.of("CFL", "ice flow", "maximum step").contains(model.timeStepLimit().reason()));
        sim.run();
        assertEquals(sim.steps(), sim.stepLimits().values().stream().mapToLong(Long::longValue).sum());
        assertEquals(1L, sim.stepLimits().get(Simulation.END_TIME));
        assertTrue(sim.stepLimits().containsKey(Simulation.SCHEDULED_TIME), sim.stepLimits().toString());
        assertTrue(sim.stepLimits().containsKey(Simulation.MAXIMUM_STEP), sim.stepLimits().toString());
        assertEquals(0L, stepsSeen.getFirst());
        assertTrue(stepsSeen.stream().allMatch(n -> n % 3 == 0), stepsSeen.toString());
        assertEquals(sim.steps() / 3 + 1, stepsSeen.size());
    }
}
