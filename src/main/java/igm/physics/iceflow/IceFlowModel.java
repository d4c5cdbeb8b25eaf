package igm.physics.iceflow;

import igm.physics.TimeStepLimit;

/**
 * A diagnostic ice-flow model: from the geometry, sliding coefficient and rate factor of one instant, the
 * depth-averaged, surface and basal horizontal velocities. Implementations: the shallow-ice approximation
 * ({@code sia}) and the CNN emulator ({@code emulator}); later the SSA, hybrid and Blatter–Pattyn instructors.
 *
 * <p>Contract shared by all implementations: velocities are exactly zero in cells without ice (thickness 0);
 * no NaN or infinity is returned for finite input; the result does not keep a reference to the input arrays.
 */
public interface IceFlowModel {

    /** Short name, as written in the parameters ({@code iceflow.method}). */
    String name();

    /** Solves for the velocity field of the given state. */
    IceFlowResult solve(IceFlowInput input);

    /**
     * The largest stable step this model allows for the thickness update with its velocity {@code result}, beyond the
     * advective CFL limit: the result's {@link IceFlowResult#maxStableTimeStep()} (SIA: its diffusive limit).
     */
    default TimeStepLimit maxTimeStep(IceFlowResult result) {
        return new TimeStepLimit(result.maxStableTimeStep(), "ice flow");
    }
}
