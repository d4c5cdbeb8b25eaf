package igm.simulation;

/** Something done at scheduled times of a run: writing an output, printing progress, checking a condition. */
@FunctionalInterface
public interface SimulationCallback {

    /**
     * Called when the schedule is due, after the diagnostics (velocity, SMB) of the state at {@code time} are known.
     *
     * @param simulation the running simulation, to read the model from
     * @param time       the current time, years
     */
    void call(Simulation simulation, double time);
}
