package de.dvc.iam.config.plan;

import java.util.Objects;

/**
 * One field of an update: what it is and what it becomes. For a secret both values are empty: a secret is never
 * printed, only that it changes.
 */
public record FieldChange(String field, String before, String after, boolean secret) {

    public FieldChange {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }

    public static FieldChange secret(String field) {
        return new FieldChange(field, "", "", true);
    }
}
