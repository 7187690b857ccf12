package de.dvc.iam.config.plan;

import de.dvc.iam.config.state.ObjectKind;

import java.util.Objects;

/**
 * Something the files want that apply cannot do on this server without touching what it does not own, or that the
 * server cannot hold. Any conflict stops apply before it writes anything (exit code 1, as invalid files).
 *
 * @param code     stable, e.g. {@code not_owned_differs} (docs/federation-operators.md)
 * @param message  what is wrong
 * @param expected what would resolve it
 */
public record Conflict(ObjectKind kind, String name, String code, String message, String expected) {

    public Conflict {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(expected, "expected");
    }
}
