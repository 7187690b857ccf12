package de.dvc.iam.config.state;

/**
 * The server could not be read or written: unreachable, login refused, an answer it gave. The message says what
 * and is shown to the operator as it is (no stack trace); it never holds a secret.
 */
public class ServerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ServerException(String message) {
        super(message);
    }

    public ServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
