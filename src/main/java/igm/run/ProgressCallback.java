package igm.run;

import igm.physics.iceflow.PhysicsInformedIceFlow;
import igm.simulation.Simulation;
import igm.simulation.SimulationCallback;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.text.DecimalFormat;
import java.util.Locale;

/**
 * Shows the progress of a run: a progress bar with simulated years per second on a terminal, and plain log lines
 * (every 10% of the run or 30 s, whichever comes first) when the output is not a terminal.
 */
public final class ProgressCallback implements SimulationCallback, AutoCloseable {

    private static final int TICKS_PER_YEAR = 100;

    private final ProgressBar bar;
    private final PrintStream log;
    private final long startNanos = System.nanoTime();
    private long lastLogNanos = startNanos;
    private double lastLoggedFraction = -1;

    public ProgressCallback(String task, double start, double end, boolean terminal, PrintStream log) {
        this.log = log;
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(Math.round((end - start) * TICKS_PER_YEAR))
                    .setUnit(" a", TICKS_PER_YEAR).showSpeed(new DecimalFormat("0.00")).setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250).build();
        } else {
            bar = null;
        }
    }

    @Override
    public void call(Simulation sim, double time) {
        double span = sim.endTime() - sim.startTime();
        if (bar != null) {
            bar.stepTo(Math.round((time - sim.startTime()) * TICKS_PER_YEAR));
            bar.setExtraMessage(String.format(Locale.ROOT, " | t=%.1f V=%.3f km³",
                    time, sim.model().state().volume() / 1e9));
            return;
        }
        double fraction = (time - sim.startTime()) / span;
        long now = System.nanoTime();
        if (fraction >= lastLoggedFraction + 0.1 || now - lastLogNanos > 30e9 || fraction >= 1) {
            if (fraction >= 1 && lastLoggedFraction >= 1) {
                return;
            }
            double elapsed = (now - startNanos) * 1e-9;
            log.printf(Locale.ROOT, "t = %8.2f a (%3.0f%%)  step %6d  volume %9.4f km³  area %8.3f km²  "
                            + "%.2f a/s%n", time, 100 * fraction, sim.steps(),
                    sim.model().state().volume() / 1e9, sim.model().state().area() / 1e6,
                    elapsed > 0 ? (time - sim.startTime()) / elapsed : 0.0);
            if (sim.model().iceFlow() instanceof PhysicsInformedIceFlow emulator && emulator.retraining().trains()
                    && emulator.statistics().warmupIterations() + emulator.statistics().iterations() > 0) {
                log.println("  emulator training: " + emulator.statistics().progress());
            }
            lastLoggedFraction = fraction;
            lastLogNanos = now;
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
