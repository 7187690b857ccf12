package de.dvc.iam.config.apply;

import de.dvc.iam.config.plan.PlannedChange;

import java.util.Objects;
import java.util.Optional;

/**
 * What became of one planned change.
 *
 * @param message why it failed or was not started; empty if applied
 */
public record Outcome(PlannedChange change, Status status, Optional<String> message) {

    /** The change's fate. */
    public enum Status {
        /** Written completely. */
        APPLIED,
        /** Not written; nothing of it remains, or (the message says so) it is half-written and the next apply completes it. */
        FAILED,
        /** A rename whose first step (deleting the old object) was done, the second not. */
        PARTLY_APPLIED,
        /** Not started: apply was stopped, or what it depends on failed. */
        NOT_STARTED
    }

    public Outcome {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
    }
}
