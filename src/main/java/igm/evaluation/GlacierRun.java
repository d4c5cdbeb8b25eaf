package igm.evaluation;

import igm.emulator.data.Fidelity;
import igm.io.GriddedInput;
import igm.params.Parameters;
import igm.physics.iceflow.IceFlowInput;
import igm.physics.iceflow.IceFlowModel;
import igm.physics.iceflow.IceFlowResult;
import igm.physics.iceflow.LaggedIceFlow;
import igm.run.ModelFactory;
import igm.simulation.GlacierState;
import igm.simulation.Model;
import igm.simulation.RunawayCheck;
import igm.simulation.Schedule;
import igm.simulation.Simulation;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of one glacier run of the evaluation.
 *
 * @param label          the model's name in the report
 * @param times          years of the time series ({@code output.timeseries_interval})
 * @param volume         ice volume at those times, km³
 * @param area           glacierised area, km²
 * @param meanSpeed      mean surface speed over the glacierised area, m/a
 * @param thickness      thickness at the end, m
 * @param surface        surface elevation at the end, m
 * @param midThickness   thickness half-way, m ({@code null} when the run never reached it)
 * @param wallSeconds    wall time of the run without the shadow emulator's calls, s
 * @param iceFlowSeconds time spent in the ice flow, s
 * @param steps          time steps
 * @param solves         ice-flow solves
 * @param tracked        the states kept every {@code evaluate.track_interval} years
 */
record GlacierRun(String label, double[] times, double[] volume, double[] area, double[] meanSpeed,
                  double[] thickness, double[] surface, double[] midThickness, double wallSeconds,
                  double iceFlowSeconds, long steps, long solves, List<Tracked> tracked) {

    /**
     * A state of a glacier run kept every {@code evaluate.track_interval} years: its thickness, its volume (km³) and,
     * in the instructor's run, the emulator's fidelity on that very state against the instructor's velocity (NaN
     * otherwise).
     */
    record Tracked(double time, double[] thickness, double volume, double relativeL1, double l1,
                   double instructorSpeed, double emulatorSpeed) {
    }

    /**
     * One glacier run from {@code time.start} to {@code time.end} of {@code p}, with a line on {@code out}; with
     * {@code shadow} (an emulator) the emulator's fidelity on the run's own states is measured at every tracking
     * time.
     */
    static GlacierRun simulate(Parameters p, String label, PrintStream out, IceFlowModel shadow) {
        GriddedInput input = ModelFactory.readInput(p);
        GlacierState state = ModelFactory.state(p, input);
        Model model = ModelFactory.model(p, state);
        double start = p.number("time.start");
        double end = p.number("time.end");
        List<double[]> rows = new ArrayList<>();
        List<Tracked> tracked = new ArrayList<>();
        double[][] mid = new double[1][];
        double[] shadowSeconds = new double[1];
        long t0 = System.nanoTime();
        Simulation sim;
        try (model) {
            sim = new Simulation(model, start, end, p.number("time.max_step")).runawayCheck(RunawayCheck.of(p))
                    .addCallback(Schedule.every(p.number("output.timeseries_interval"), start), (s, t) -> rows.add(
                            new double[] {t, state.volume() / 1e9, state.area() / 1e6, meanSpeed(state,
                                    s.model().flow())}))
                    .addCallback(Schedule.at(0.5 * (start + end)), (s, t) -> mid[0] = state.thickness().clone(),
                            false)
                    // the model's flow is that of the current state when callbacks run
                    .addCallback(Schedule.every(p.number("evaluate.track_interval"), start), (s, t) -> {
                        long s0 = System.nanoTime();
                        tracked.add(track(t, state, s.model().flow(), shadow));
                        shadowSeconds[0] += (System.nanoTime() - s0) * 1e-9;
                    });
            sim.run();
        }
        double wall = (System.nanoTime() - t0) * 1e-9 - shadowSeconds[0];
        long solves = model.iceFlow() instanceof LaggedIceFlow lagged ? lagged.solves() : sim.steps();
        out.printf(Locale.ROOT, "  %s: %d steps, %d ice-flow solves, %.1f s (ice flow %.0f %%), final volume %.4f km³%n",
                label, sim.steps(), solves, wall, 100 * model.iceFlowSeconds() / wall, state.volume() / 1e9);
        double[][] cols = new double[4][rows.size()];
        for (int k = 0; k < rows.size(); k++) {
            for (int c = 0; c < 4; c++) {
                cols[c][k] = rows.get(k)[c];
            }
        }
        return new GlacierRun(label, cols[0], cols[1], cols[2], cols[3], state.thickness().clone(),
                state.surface().clone(), mid[0], wall, model.iceFlowSeconds(), sim.steps(), solves,
                List.copyOf(tracked));
    }

    /** The state at time t; with {@code shadow}, the emulator's fidelity on it against the run's own flow. */
    private static Tracked track(double t, GlacierState state, IceFlowResult flow, IceFlowModel shadow) {
        double[] h = state.thickness().clone();
        double volume = state.volume() / 1e9;
        if (shadow == null) {
            return new Tracked(t, h, volume, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        IceFlowResult e = shadow.solve(new IceFlowInput(state.grid(), state.thickness(), state.surface(),
                state.slidingCoefficient(), state.rateFactor()));
        Fidelity f = new Fidelity().add(flow.ubar(), flow.vbar(), e.ubar(), e.vbar());
        return new Tracked(t, h, volume, f.relativeL1(), f.l1(), meanDepthAveragedSpeed(h, flow),
                meanDepthAveragedSpeed(h, e));
    }

    /** Mean surface speed over the glacierised area (thickness above the area threshold), m/a. */
    private static double meanSpeed(GlacierState state, IceFlowResult flow) {
        return meanOverIce(state.thickness(), flow.uSurface(), flow.vSurface());
    }

    /** Mean |ū| over the glacierised cells, m/a. */
    private static double meanDepthAveragedSpeed(double[] h, IceFlowResult flow) {
        return meanOverIce(h, flow.ubar(), flow.vbar());
    }

    /** Mean |(u, v)| over the cells thicker than the area threshold, m/a. */
    private static double meanOverIce(double[] h, double[] u, double[] v) {
        double sum = 0;
        int n = 0;
        for (int k = 0; k < h.length; k++) {
            if (h[k] > GlacierState.AREA_THRESHOLD_METRES) {
                sum += Math.hypot(u[k], v[k]);
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }
}
