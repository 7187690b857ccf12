package de.dvc.iam.core.registration;

import java.util.Objects;

/**
 * One finding of a validation report: what is wrong and how to fix it.
 *
 * @param severity {@link Severity#ERROR} blocks the registration, {@link Severity#WARNING} does not
 * @param code     stable machine-readable code, e.g. {@code key_too_weak} (docs/agency-admins.md)
 * @param message  what is wrong, for a person
 * @param fix      what to do about it
 */
public record Finding(Severity severity, String code, String message, String fix) {

    /** ERROR blocks; WARNING is shown and recorded. */
    public enum Severity { ERROR, WARNING }

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
    }

    public static Finding error(String code, String message, String fix) {
        return new Finding(Severity.ERROR, code, message, fix);
    }

    public static Finding warning(String code, String message, String fix) {
        return new Finding(Severity.WARNING, code, message, fix);
    }
}
