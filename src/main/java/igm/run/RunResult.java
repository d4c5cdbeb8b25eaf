package igm.run;

import igm.io.ObservedComparison;
import igm.io.SolverStatistics;
import igm.simulation.Simulation;

import java.nio.file.Path;

/**
 * What a run ({@link RunPipeline#run()}) leaves for its summary.
 *
 * @param exitCode    0 when the run reached its end time; 128 + the signal's number when a signal stopped it after
 *                    writing a checkpoint (130 SIGINT, 143 SIGTERM)
 * @param simulation  the simulation, at its end time when completed
 * @param fromTime    the time the run started from, years (a resumed run's checkpoint time)
 * @param wallSeconds wall time of the run, outputs and their commit included, seconds
 * @param solver      the ice-flow solver statistics
 * @param observed    the comparison with the observed glacier, or {@code null} when there is none
 * @param folder      the output folder
 */
public record RunResult(int exitCode, Simulation simulation, double fromTime, double wallSeconds,
                        SolverStatistics solver, ObservedComparison observed, Path folder) {

    /** Whether the run reached its end time. */
    public boolean completed() {
        return exitCode == 0;
    }
}
