package igm.io;

import igm.physics.iceflow.IterativeIceFlow;
import igm.physics.RestartState;
import igm.physics.Restartable;
import igm.physics.iceflow.SolverReport;
import igm.simulation.Schedule;
import igm.simulation.Simulation;

import java.util.Locale;

/**
 * Collects the {@link SolverReport} of every solve of an iterative ice-flow model during a run (an output writer on
 * {@link Schedule#everySteps every step}: the simulation updates the velocity once before each call; a report seen
 * before means the model reused its last solve), for the summary line printed at the end of the run.
 */
public final class SolverStatistics extends ScheduledWriter implements Restartable {

    private int solves;
    private int warm;
    private long iterations;
    private int maxIterations;
    private double maxResidual;
    private int notConverged;
    private double firstNotConvergedTime = Double.NaN;
    private String measure = "";
    private SolverReport previous;

    /** Statistics with no solve seen yet. */
    public SolverStatistics() {
        super("solver", Schedule.everySteps(1), true);
    }

    @Override
    public void call(Simulation simulation, double time) {
        if (!(simulation.model().iceFlow() instanceof IterativeIceFlow iterative)) {
            return;
        }
        SolverReport r = iterative.lastReport();
        if (r == null || r == previous) {
            return; // none yet, or a model that reused its last solve (the hybrid's lagged sliding)
        }
        previous = r;
        solves++;
        warm += r.warmStart() ? 1 : 0;
        iterations += r.nonlinearIterations();
        maxIterations = Math.max(maxIterations, r.nonlinearIterations());
        maxResidual = Math.max(maxResidual, r.residual());
        measure = r.measure();
        if (!r.converged()) {
            if (notConverged == 0) {
                firstNotConvergedTime = time;
            }
            notConverged++;
        }
    }

    /** Saves the counts (a resumed run's summary counts the solves of the whole run). */
    @Override
    public void saveState(RestartState state) {
        state.put("solves", solves);
        state.put("warm", warm);
        state.put("iterations", iterations);
        state.put("max_iterations", maxIterations);
        state.put("max_residual", maxResidual);
        state.put("not_converged", notConverged);
        state.put("first_not_converged_time", firstNotConvergedTime);
        state.putText("measure", measure);
    }

    @Override
    public void restoreState(RestartState state) {
        solves = (int) state.number("solves");
        warm = (int) state.number("warm");
        iterations = (long) state.number("iterations");
        maxIterations = (int) state.number("max_iterations");
        maxResidual = state.number("max_residual");
        notConverged = (int) state.number("not_converged");
        firstNotConvergedTime = state.number("first_not_converged_time");
        measure = state.text("measure") == null ? "" : state.text("measure");
        previous = null;
    }

    /** Number of solves seen. */
    public int solves() {
        return solves;
    }

    /** Solves that did not meet their convergence criterion. */
    public int notConverged() {
        return notConverged;
    }

    /** One line: solves, warm starts, iterations, largest residual, and the solves that did not converge. */
    public String summary() {
        String line = String.format(Locale.ROOT, "ice-flow solver: %d solves (%d warm-started), iterations mean %.1f, "
                        + "max %d; largest final residual %.2e (%s)", solves, warm,
                solves == 0 ? 0.0 : (double) iterations / solves, maxIterations, maxResidual, measure);
        if (notConverged > 0) {
            line += String.format(Locale.ROOT, "; WARNING: %d solves did not converge, the first at t = %.4f a "
                    + "(raise the iteration cap or loosen iceflow.solver_tolerance)", notConverged,
                    firstNotConvergedTime);
        } else {
            line += "; all converged";
        }
        return line;
    }
}
