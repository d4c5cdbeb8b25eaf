package igm.io;

import igm.simulation.Schedule;

/** The name and schedule every output writer of this package carries. */
abstract class ScheduledWriter implements OutputWriter {

    private final String name;
    private final Schedule schedule;
    private final boolean atStartAndEnd;

    /**
     * @param name          the output's name, the scope of its state in a checkpoint
     * @param schedule      when it fires
     * @param atStartAndEnd whether it also fires at the start and end times whatever its schedule
     */
    ScheduledWriter(String name, Schedule schedule, boolean atStartAndEnd) {
        this.name = name;
        this.schedule = schedule;
        this.atStartAndEnd = atStartAndEnd;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Schedule schedule() {
        return schedule;
    }

    @Override
    public final boolean atStartAndEnd() {
        return atStartAndEnd;
    }
}
