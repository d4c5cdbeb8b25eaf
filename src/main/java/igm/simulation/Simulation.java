package igm.simulation;

import igm.InputException;
import igm.physics.RestartState;
import igm.physics.Restartable;
import igm.physics.TimeStepLimit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link Model} from a start to an end time, with callbacks on schedules (after Oceananigans'
 * {@code Simulation}). Each step takes the largest stable step of the model ({@link Model#timeStepLimit()}, the
 * smallest step its components propose), capped by a maximum step and shortened to land exactly on the end time and
 * on every scheduled time; what set each step is counted ({@link #stepLimits()}). Callbacks fire at the start, at
 * each scheduled time and at the end, after the diagnostics of the state at that time are computed, in this order:
 * the step callbacks ({@link #addStepCallback}), the runaway check, the scheduled callbacks and output writers
 * ({@link #add}, {@link #addCallback}), each group in the order added, then the after-step callbacks
 * ({@link #addAfterStepCallback}).
 *
 * <p>A runaway check ({@link RunawayCheck}, with {@link RunawayCheck.Limits#defaults()}) is attached by default, as
 * Oceananigans attaches its NaN checker; {@link #runawayCheck(RunawayCheck)} replaces it or, with {@code null},
 * removes it.
 *
 * <p>A run with the end time equal to the start time is a <em>diagnostic run</em> (PISM's {@code -y 0}): the
 * diagnostics of the initial state are computed once, the callbacks fire once, and no step is taken.
 *
 * <p>Interruption and resume: {@link #requestStop()} ends the run after the current step and its callbacks;
 * {@link #saveState}/{@link #restoreState} keep the time, the step counters and the model, so that {@link #run()}
 * of a restored simulation continues with the next step exactly as the run in one piece would have (the callbacks of
 * the restored time are not fired again).
 */
public final class Simulation implements Restartable {

    private final Model model;
    private final double startTime;
    private final double endTime;
    private final double maxStep;
    private final List<ScheduledCallback> callbacks = new ArrayList<>();
    private final List<SimulationCallback> everyStep = new ArrayList<>();
    private final List<SimulationCallback> afterCallbacks = new ArrayList<>();
    private final Map<String, Long> stepLimits = new LinkedHashMap<>();
    private RunawayCheck runawayCheck = new RunawayCheck(RunawayCheck.Limits.defaults());
    private double time;
    private long steps;
    private double smallestStep = Double.POSITIVE_INFINITY;
    private double largestStep;
    private boolean restored;
    private volatile boolean stopRequested;

    /** What sets a step shortened to land on the end time. */
    public static final String END_TIME = "end time";
    /** What sets a step shortened to land on (or not to stop just short of) a scheduled time. */
    public static final String SCHEDULED_TIME = "scheduled time";
    /** What sets a step capped by the simulation's maximum step (the transport's own cap says the same). */
    public static final String MAXIMUM_STEP = "maximum step";

    private record Scheduled(Schedule schedule, SimulationCallback callback, boolean atStartAndEnd)
            implements ScheduledCallback {
        @Override
        public void call(Simulation simulation, double time) {
            callback.call(simulation, time);
        }
    }

    /**
     * @param model     the model, whose state is the state at {@code startTime}
     * @param startTime start, years
     * @param endTime   end, years, after the start, or equal to it for a diagnostic run
     * @param maxStep   largest time step, years, positive
     */
    public Simulation(Model model, double startTime, double endTime, double maxStep) {
        if (!(endTime >= startTime)) {
            throw new IllegalArgumentException("end time " + endTime + " must not be before start time "
                    + startTime);
        }
        if (!(maxStep > 0)) {
            throw new IllegalArgumentException("max step must be positive, got " + maxStep);
        }
        this.model = model;
        this.startTime = startTime;
        this.endTime = endTime;
        this.maxStep = maxStep;
        this.time = startTime;
    }

    /** Adds a callback fired at the times of {@code schedule} within [start, end], and at the start and the end. */
    public Simulation addCallback(Schedule schedule, SimulationCallback callback) {
        return addCallback(schedule, callback, true);
    }

    /**
     * Adds a callback fired at the times of {@code schedule} within [start, end]; when {@code atStartAndEnd}, also
     * at the start and end times (outputs want the first and last state whatever their interval).
     */
    public Simulation addCallback(Schedule schedule, SimulationCallback callback, boolean atStartAndEnd) {
        return add(new Scheduled(schedule, callback, atStartAndEnd));
    }

    /**
     * Adds a callback that carries its schedule (an output writer), fired at its scheduled times within [start, end]
     * and, when its {@link ScheduledCallback#atStartAndEnd()}, at the start and end times.
     */
    public Simulation add(ScheduledCallback callback) {
        callbacks.add(callback);
        return this;
    }

    /**
     * Replaces the runaway check, fired after the step callbacks and before the scheduled ones; {@code null} removes
     * it.
     */
    public Simulation runawayCheck(RunawayCheck check) {
        runawayCheck = check;
        return this;
    }

    /** The runaway check (its state goes into a checkpoint), or {@code null} when it was removed. */
    public RunawayCheck runawayCheck() {
        return runawayCheck;
    }

    /** Adds a callback fired after every step and at the start (e.g. progress). */
    public Simulation addStepCallback(SimulationCallback callback) {
        everyStep.add(callback);
        return this;
    }

    /**
     * Adds a callback fired after every step and at the start, after the scheduled callbacks of that time (a
     * checkpoint: the outputs of the time are written by then).
     */
    public Simulation addAfterStepCallback(SimulationCallback callback) {
        afterCallbacks.add(callback);
        return this;
    }

    /**
     * Asks the run to stop after the current step and its callbacks (from a callback or another thread);
     * {@link #run()} then returns {@code false}.
     */
    public void requestStop() {
        stopRequested = true;
    }

    /** Whether this is a diagnostic run: the end time is the start time. */
    public boolean isDiagnostic() {
        return endTime == startTime;
    }

    /**
     * Runs to the end time, or continues a restored run from its time.
     *
     * @return {@code true} when the end time was reached, {@code false} when {@link #requestStop()} stopped it
     */
    public boolean run() {
        if (!restored) {
            time = startTime;
            model.updateDiagnostics(time);
            fire();
        }
        restored = false;
        while (time < endTime && !reached(time, endTime)) {
            if (stopRequested) {
                return false;
            }
            double target = endTime;
            for (ScheduledCallback s : callbacks) {
                target = Math.min(target, s.schedule().nextAfter(time));
            }
            TimeStepLimit limit = model.timeStepLimit();
            double dt = Math.min(limit.years(), maxStep);
            String reason = maxStep < limit.years() ? MAXIMUM_STEP : limit.reason();
            double next = time + dt;
            if (next >= target || reached(next, target)) {
                next = target;
                reason = target == endTime ? END_TIME : SCHEDULED_TIME;
            } else if (target - next < 1e-3 * dt) {
                // avoid a sliver of a step just before an event: take a little less now, a normal step next
                next = time + 0.5 * (target - time);
                reason = SCHEDULED_TIME;
            }
            dt = next - time;
            stepLimits.merge(reason, 1L, Long::sum);
            model.advance(dt);
            steps++;
            smallestStep = Math.min(smallestStep, dt);
            largestStep = Math.max(largestStep, dt);
            time = next;
            model.updateDiagnostics(time);
            fire();
        }
        return true;
    }

    /** Whether the current time is the end time, within {@link Schedule#tolerance}. */
    public boolean atEnd() {
        return reached(time, endTime);
    }

    private static boolean reached(double t, double target) {
        return Math.abs(t - target) <= Schedule.tolerance(target);
    }

    private void fire() {
        for (SimulationCallback c : everyStep) {
            c.call(this, time);
        }
        if (runawayCheck != null) {
            runawayCheck.call(this, time);
        }
        boolean atEnd = atEnd();
        boolean atStart = time == startTime;
        for (ScheduledCallback s : callbacks) {
            if (s.schedule().isDue(time, steps) || (s.atStartAndEnd() && (atEnd || atStart))) {
                s.call(this, time);
            }
        }
        for (SimulationCallback c : afterCallbacks) {
            c.call(this, time);
        }
    }

    /**
     * Saves the time, the step counters, the counts of what set the steps (text {@code step_limits},
     * {@code reason=count} joined by {@code ;}) and the model ({@link Model#saveState}, scope {@code model}).
     */
    @Override
    public void saveState(RestartState state) {
        state.put("start_time", startTime);
        state.put("time", time);
        state.put("steps", steps);
        state.put("smallest_step", smallestStep);
        state.put("largest_step", largestStep);
        List<String> limits = new ArrayList<>();
        stepLimits.forEach((reason, count) -> limits.add(reason + "=" + count));
        state.putText("step_limits", String.join(";", limits));
        model.saveState(state.scope("model"));
    }

    /**
     * Restores a saved run into this simulation (same start time, same model parameters); the next {@link #run()}
     * continues from the saved time without recomputing its diagnostics or firing its callbacks again.
     *
     * @throws InputException when the saved start time is not this run's, or the saved time is not before its end
     */
    @Override
    public void restoreState(RestartState state) {
        double savedStart = state.number("start_time");
        double savedTime = state.number("time");
        if (savedStart != startTime) {
            throw new InputException("the checkpoint's run started at " + savedStart + " a, this one at "
                    + startTime + " a");
        }
        if (!(savedTime < endTime) || reached(savedTime, endTime)) {
            throw new InputException("the checkpoint is at t = " + savedTime + " a, not before the end time "
                    + endTime + " a");
        }
        time = savedTime;
        steps = (long) state.number("steps");
        smallestStep = state.number("smallest_step");
        largestStep = state.number("largest_step");
        stepLimits.clear();
        String limits = state.text("step_limits");
        if (limits != null && !limits.isEmpty()) {
            for (String entry : limits.split(";")) {
                int eq = entry.lastIndexOf('=');
                stepLimits.put(entry.substring(0, eq), Long.parseLong(entry.substring(eq + 1)));
            }
        }
        model.restoreState(state.scope("model"));
        restored = true;
    }

    public Model model() {
        return model;
    }

    /** Current time, years. */
    public double time() {
        return time;
    }

    public double startTime() {
        return startTime;
    }

    public double endTime() {
        return endTime;
    }

    /** Number of steps taken. */
    public long steps() {
        return steps;
    }

    /** Smallest step taken, years (+∞ before the first). */
    public double smallestStep() {
        return smallestStep;
    }

    /** Largest step taken, years. */
    public double largestStep() {
        return largestStep;
    }

    /**
     * How many steps each limit set, in the order each first set one: the reason a component proposed
     * ({@link Model#timeStepLimit()}, e.g. {@code CFL}), {@link #MAXIMUM_STEP}, {@link #SCHEDULED_TIME} or
     * {@link #END_TIME}. The counts sum to {@link #steps()}.
     */
    public Map<String, Long> stepLimits() {
        return Collections.unmodifiableMap(stepLimits);
    }
}
