package igm.physics.iceflow;

import igm.params.Parameters;

/**
 * An ice-flow provider whose model can instruct an emulator: {@code igm generate} runs it to write the training
 * data. An emulator cannot teach itself, so its provider is only an {@link IceFlowProvider}.
 */
public interface InstructorProvider extends IceFlowProvider {

    /**
     * The instructor of the parameters for one run of {@code igm generate}, every part of it on {@code threads}
     * threads.
     *
     * @param threads  threads of each part of the model, ≥ 1
     * @param unlagged solve at every call, whatever the parameters say about reusing an older solution (the
     *                 snapshots' velocities must be the instructor's answer for their state)
     */
    IceFlowModel instructor(Parameters p, int threads, boolean unlagged);

    /**
     * Whether the instructor's time loop may reuse an older solution (a lagged hybrid or Blatter–Pattyn model); by
     * default it never does.
     */
    default boolean lagged(Parameters p) {
        return false;
    }
}
