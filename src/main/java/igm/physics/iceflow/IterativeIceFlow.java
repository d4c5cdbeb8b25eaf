package igm.physics.iceflow;

/**
 * An ice-flow model solved by iterations (SSA, hybrid, Blatter–Pattyn): it reports how its last solve went and may
 * start the next solve from the last solution (a warm start between time steps).
 */
public interface IterativeIceFlow extends IceFlowModel {

    /** How the last {@link #solve} went; {@code null} before the first. */
    SolverReport lastReport();

    /** Drops the kept solution, so that the next solve starts cold. */
    void forgetWarmStart();
}
