package de.dvc.iam.config.plan;

import de.dvc.iam.config.model.SecretReference;
import de.dvc.iam.config.state.Secret;

import java.util.Optional;

/**
 * Whether a secret changed, without ever reading it back (Keycloak shows IdP secrets masked) or printing it: apply
 * records next to each secret the reference it came from and a {@linkplain Secret#fingerprint(String, String)
 * fingerprint}. Objects apply did not create carry neither, and their secrets are not compared. Stateless.
 */
public final class SecretComparison {

    /** The outcome. */
    public enum Outcome {
        SAME,
        CHANGED,
        /** Same reference, but its value is not set here: it cannot be checked, and apply keeps the server's. */
        NOT_VERIFIED
    }

    private SecretComparison() {
    }

    /**
     * @param desired        the files' secret, if any
     * @param owner          the object's name (the fingerprint's salt)
     * @param actualRef      the reference apply recorded on the server
     * @param actualPrint    the fingerprint apply recorded
     * @param owned          whether apply created the object (else: not compared)
     */
    public static Outcome compare(Optional<Secret> desired, String owner, Optional<SecretReference> actualRef,
                                  Optional<String> actualPrint, boolean owned) {
        if (!owned) {
            return Outcome.SAME;
        }
        if (desired.isEmpty()) {
            return actualRef.isEmpty() && actualPrint.isEmpty() ? Outcome.SAME : Outcome.CHANGED;
        }
        if (actualPrint.isEmpty() || !actualRef.equals(Optional.of(desired.get().reference()))) {
            return Outcome.CHANGED;
        }
        Optional<String> print = desired.get().fingerprint(owner);
        if (print.isEmpty()) {
            return Outcome.NOT_VERIFIED;
        }
        return print.equals(actualPrint) ? Outcome.SAME : Outcome.CHANGED;
    }
}
