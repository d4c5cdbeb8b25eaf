package igm.simulation;

import java.util.Arrays;

/**
 * When a callback fires (after Oceananigans' schedules): at regular time intervals from a start time
 * ({@code TimeInterval}), at listed times ({@code SpecifiedTimes}), or every so many steps ({@code IterationInterval}).
 * The time loop shortens its step so that it lands exactly on every scheduled time; a schedule of steps never
 * shortens a step.
 */
public sealed interface Schedule permits Schedule.Every, Schedule.At, Schedule.Steps {

    /**
     * Absolute tolerance for deciding that a time has been reached, years (about 0.03 s): far below the smallest
     * output interval and largest step the parameters allow (1e-6 a), far above the rounding of a year number
     * (2.3e-13 a at year 2000, 1.5e-11 a at year 100 000). Beyond |t| ≈ 10⁶ a, where 16 units in the last place of
     * t exceed it, the tolerance is those 16 units, so that a scheduled time is still recognised there.
     */
    double TOLERANCE = 1e-9;

    /** The first scheduled time strictly after {@code t} (beyond the tolerance), or +∞ when there is none. */
    double nextAfter(double t);

    /** Whether {@code t} is a scheduled time, within the tolerance. */
    boolean isDue(double t);

    /**
     * Whether the schedule is due at time {@code t} after {@code step} steps (0 at the start): {@link #isDue(double)}
     * for the schedules of times.
     */
    default boolean isDue(double t, long step) {
        return isDue(t);
    }

    /** Every {@code interval} years from {@code start}: start, start + interval, … */
    static Schedule every(double interval, double start) {
        return new Every(interval, start);
    }

    /** At the given times. */
    static Schedule at(double... times) {
        return new At(times);
    }

    /** At the start and after every {@code interval} steps. */
    static Schedule everySteps(long interval) {
        return new Steps(interval);
    }

    /** The tolerance at time {@code t}, years: {@link #TOLERANCE}, or 16 ulps of t where that is larger. */
    static double tolerance(double t) {
        return Math.max(TOLERANCE, 16 * Math.ulp(t));
    }

    /** Regular times {@code start + k·interval}, k ≥ 0. */
    record Every(double interval, double start) implements Schedule {
        public Every {
            if (!(interval > 0) || !Double.isFinite(interval) || !Double.isFinite(start)) {
                throw new IllegalArgumentException("schedule interval must be positive and finite, got " + interval);
            }
        }

        @Override
        public double nextAfter(double t) {
            if (t < start - tolerance(start)) {
                return start;
            }
            double k = Math.floor((t - start) / interval);
            double next = start + k * interval;
            while (next <= t + tolerance(t)) {
                k++;
                next = start + k * interval;
            }
            return next;
        }

        @Override
        public boolean isDue(double t) {
            if (t < start - tolerance(start)) {
                return false;
            }
            double k = Math.rint((t - start) / interval);
            return Math.abs(start + k * interval - t) <= tolerance(t);
        }
    }

    /** Listed times. */
    record At(double[] times) implements Schedule {
        public At {
            times = times.clone();
            Arrays.sort(times);
        }

        @Override
        public double nextAfter(double t) {
            for (double x : times) {
                if (x > t + tolerance(t)) {
                    return x;
                }
            }
            return Double.POSITIVE_INFINITY;
        }

        @Override
        public boolean isDue(double t) {
            for (double x : times) {
                if (Math.abs(x - t) <= tolerance(t)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Every {@code interval} steps, from the start (step 0); no time is scheduled. */
    record Steps(long interval) implements Schedule {
        public Steps {
            if (interval < 1) {
                throw new IllegalArgumentException("schedule interval must be at least one step, got " + interval);
            }
        }

        /** +∞: a schedule of steps never shortens a step. */
        @Override
        public double nextAfter(double t) {
            return Double.POSITIVE_INFINITY;
        }

        /** {@code false}: no time is scheduled; {@link #isDue(double, long)} counts the steps. */
        @Override
        public boolean isDue(double t) {
            return false;
        }

        @Override
        public boolean isDue(double t, long step) {
            return step % interval == 0;
        }
    }
}
