package igm.physics;

/**
 * The largest time step a component of the model allows, with the reason (PISM's {@code max_timestep}): the ice flow,
 * the mass balance and the thickness transport each propose one, and the model takes the smallest.
 *
 * @param years  the largest step, years, positive ({@link Double#POSITIVE_INFINITY} when the component imposes none)
 * @param reason what sets it, in a few words for the log, e.g. {@code CFL}
 */
public record TimeStepLimit(double years, String reason) {

    /** The limit of a component that imposes none. */
    public static TimeStepLimit none(String reason) {
        return new TimeStepLimit(Double.POSITIVE_INFINITY, reason);
    }

    /**
     * The smaller of two limits, {@code this} when they are equal; a limit that is not a number wins (as with
     * {@link Math#min}), so that the step it gives is the one {@code Math.min} of the years gives.
     */
    public TimeStepLimit min(TimeStepLimit other) {
        if (Double.isNaN(years)) {
            return this;
        }
        return Double.isNaN(other.years) || other.years < years ? other : this;
    }
}
