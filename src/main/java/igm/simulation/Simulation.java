package igm.simulation;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link Model} from a start to an end time, with callbacks on schedules (after Oceananigans'
 * {@code Simulation}). Each step takes the largest stable step of the model, capped by a maximum step and shortened
 * to land exactly on the end time and on every scheduled time. Callbacks fire at the start, at each scheduled time
 * and at the end, after the diagnostics of the state at that time are computed.
 */
public final class Simulation {

    private final Model model;
    private final double startTime;
    private final double endTime;
    private final double maxStep;
    private final List<Scheduled> callbacks = new ArrayList<>();
    private final List<SimulationCallback> everyStep = new ArrayList<>();
    private double time;
    private long steps;
    private double smallestStep = Double.POSITIVE_INFINITY;
    private double largestStep;

    private record Scheduled(Schedule schedule, SimulationCallback callback, boolean atStartAndEnd) {
    }

    /**
     * @param model     the model, whose state is the state at {@code startTime}
     * @param startTime start, years
     * @param endTime   end, years, after the start
     * @param maxStep   largest time step, years, positive
     */
    public Simulation(Model model, double startTime, double endTime, double maxStep) {
        if (!(endTime > startTime)) {
            throw new IllegalArgumentException("end time " + endTime + " must be after start time " + startTime);
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
        callbacks.add(new Scheduled(schedule, callback, atStartAndEnd));
        return this;
    }

    /** Adds a callback fired after every step and at the start (e.g. progress). */
    public Simulation addStepCallback(SimulationCallback callback) {
        everyStep.add(callback);
        return this;
    }

    /** Runs to the end time. */
    public void run() {
        time = startTime;
        model.updateDiagnostics(time);
        fire();
        while (time < endTime && !reached(time, endTime)) {
            double target = endTime;
            for (Scheduled s : callbacks) {
                target = Math.min(target, s.schedule().nextAfter(time));
            }
            double dt = Math.min(model.stableTimeStep(), maxStep);
            double next = time + dt;
            if (next >= target || reached(next, target)) {
                next = target;
            } else if (target - next < 1e-3 * dt) {
                // avoid a sliver of a step just before an event: take a little less now, a normal step next
                next = time + 0.5 * (target - time);
            }
            dt = next - time;
            model.advance(dt);
            steps++;
            smallestStep = Math.min(smallestStep, dt);
            largestStep = Math.max(largestStep, dt);
            time = next;
            model.updateDiagnostics(time);
            fire();
        }
    }

    private static boolean reached(double t, double target) {
        return Math.abs(t - target) <= Schedule.tolerance(target);
    }

    private void fire() {
        for (SimulationCallback c : everyStep) {
            c.call(this, time);
        }
        boolean atEnd = reached(time, endTime);
        boolean atStart = time == startTime;
        for (Scheduled s : callbacks) {
            if (s.schedule().isDue(time) || (s.atStartAndEnd() && (atEnd || atStart))) {
                s.callback().call(this, time);
            }
        }
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
}
