package de.dvc.iam.config;

import de.dvc.iam.config.yaml.Where;

import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;

/**
 * One thing wrong (or worth a warning) in the federation files: where, a stable code, what is wrong and
 * what is expected instead. Messages never contain a secret's value.
 *
 * @param severity {@link Severity#ERROR} makes the files invalid, {@link Severity#WARNING} does not
 * @param code     stable, machine-readable, e.g. {@code ags_state_mismatch} (docs/federation-operators.md)
 * @param where    file, line and column
 * @param message  what is wrong
 * @param expected what would be right
 */
public record Problem(Severity severity, String code, Where where, String message, String expected) {

    /** ERROR makes the files invalid; WARNING is reported only. */
    public enum Severity { ERROR, WARNING }

    /** By file, line, column, then errors before warnings. */
    public static final Comparator<Problem> ORDER = Comparator.comparing(Problem::where)
            .thenComparing(Problem::severity).thenComparing(Problem::code);

    public Problem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(expected, "expected");
    }

    public static Problem error(String code, Where where, String message, String expected) {
        return new Problem(Severity.ERROR, code, where, message, expected);
    }

    public static Problem warning(String code, Where where, String message, String expected) {
        return new Problem(Severity.WARNING, code, where, message, expected);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:column: error [code] message Expected: expected.} */
    public String toText() {
        String end = expected.endsWith(".") ? "" : ".";
        return where + ": " + severity.name().toLowerCase(Locale.ROOT) + " [" + code + "] " + message
                + " Expected: " + expected + end;
    }
}
