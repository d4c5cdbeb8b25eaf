package igm;

/** A run that cannot go on: NaN in the state, a solver that diverged, an output that could not be written. */
public class SimulationException extends IgmException {
    public SimulationException(String message) {
        super(message);
    }

    public SimulationException(String message, Throwable cause) {
        super(message, cause);
    }
}
