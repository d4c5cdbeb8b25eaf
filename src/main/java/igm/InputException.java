package igm;

/**
 * Bad input from the user: a file, variable, parameter or value that cannot be used. The message names what is
 * wrong (file, variable, key, value) and what was expected. The CLI reports it in one line and exits with code 1.
 */
public class InputException extends IgmException {
    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
