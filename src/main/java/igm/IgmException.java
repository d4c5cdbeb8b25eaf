package igm;

/** Root of the program's unchecked exceptions: every error the program reports on purpose is one of these. */
public class IgmException extends RuntimeException {
    public IgmException(String message) {
        super(message);
    }

    public IgmException(String message, Throwable cause) {
        super(message, cause);
    }
}
