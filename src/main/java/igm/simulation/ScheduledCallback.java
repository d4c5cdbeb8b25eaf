package igm.simulation;

/**
 * A callback that carries its own schedule, attached with {@link Simulation#add(ScheduledCallback)}: the output
 * writers of {@code igm.io} are such callbacks, as Oceananigans attaches its output writers with their schedules.
 */
public interface ScheduledCallback extends SimulationCallback {

    /** When it fires. */
    Schedule schedule();

    /**
     * Whether it also fires at the start and end times whatever its schedule (an output wants the first and last
     * state); {@code true} unless overridden.
     */
    default boolean atStartAndEnd() {
        return true;
    }
}
