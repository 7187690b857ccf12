package de.dvc.iam.config.keycloak;

/**
 * A call of the admin REST API failed: the HTTP status (0 if the server was not reached) and what the server said.
 * Never holds a secret: request bodies are not part of it.
 */
public final class AdminCallFailed extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public AdminCallFailed(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public boolean conflict() {
        return status == 409;
    }

    public boolean notFound() {
        return status == 404;
    }
}
