package de.dvc.iam.core.outbound;

/**
 * An outbound request was refused or failed. The message says what happened in terms an agency admin
 * can act on (scheme, host, limit, status code) and never contains what the remote side answered:
 * an internal service must not be readable through DVC IAM's error messages.
 */
public final class OutboundRefusedException extends Exception {

    public OutboundRefusedException(String message) {
        super(message);
    }
}
