package igm.physics.iceflow;

import igm.physics.Restartable;

/**
 * An ice-flow model solved by iterations (SSA, hybrid, Blatter–Pattyn): it reports how its last solve went and may
 * start the next solve from the last solution (a warm start between time steps), which a checkpoint keeps
 * ({@link Restartable}).
 */
public interface IterativeIceFlow extends IceFlowModel, Restartable {

    /** How the last {@link #solve} went; {@code null} before the first. */
    SolverReport lastReport();

    /** Drops the kept solution, so that the next solve starts cold. */
    void forgetWarmStart();
}
