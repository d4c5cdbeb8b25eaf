package igm.physics;

/**
 * A component with state that carries over from one time step to the next (a warm start, a lagged solution, the
 * balance of the current year, accumulated sums): it saves that state into a checkpoint and restores it on resume,
 * so that a resumed run continues bit for bit as the run in one piece would have.
 *
 * <p>Contract: after {@code b.restoreState(s)} where {@code a.saveState(s)} and {@code b} was built from the same
 * parameters as {@code a}, every later call on {@code b} returns what the same call on {@code a} would have returned,
 * bit for bit. Components without such state (the SIA, the emulator, the ELA balance) need not implement it.
 */
public interface Restartable {

    /** Saves the state into {@code state} (a scope of the checkpoint kept for this component). */
    void saveState(RestartState state);

    /**
     * Restores the state saved by {@link #saveState}.
     *
     * @throws igm.InputException when the saved state does not fit this component (another grid, a missing entry)
     */
    void restoreState(RestartState state);

    /**
     * Saves the state of {@code component} into the scope {@code scope} of {@code state} when it is
     * {@link Restartable}; any other component has no state to save. For wrappers and models that hold components.
     */
    static void saveComponent(Object component, RestartState state, String scope) {
        if (component instanceof Restartable restartable) {
            restartable.saveState(state.scope(scope));
        }
    }

    /** Restores what {@link #saveComponent} saved into {@code component}, when it is {@link Restartable}. */
    static void restoreComponent(Object component, RestartState state, String scope) {
        if (component instanceof Restartable restartable) {
            restartable.restoreState(state.scope(scope));
        }
    }

    /**
     * A component that wraps one other ({@link #model()}) and has no state of its own: it saves and restores the
     * wrapped model's state, when that has one, in the scope {@code model}.
     */
    interface Wrapper extends Restartable {

        /** The wrapped model. */
        Object model();

        @Override
        default void saveState(RestartState state) {
            saveComponent(model(), state, "model");
        }

        @Override
        default void restoreState(RestartState state) {
            restoreComponent(model(), state, "model");
        }
    }
}
