package de.dvc.iam.config.model;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A secret named, never written: {@code env:NAME} (an environment variable of the process that applies the
 * files) or {@code file:/absolute/path} (a file it reads, e.g. a mounted Kubernetes secret). Resolved only
 * when applied, so the files can be reviewed, committed and validated without any secret.
 *
 * @param reference as written, e.g. {@code env:DVC_BMI_CLIENT_SECRET}
 */
public record SecretReference(String reference) {

    private static final Pattern FORM = Pattern.compile("env:[A-Z_][A-Z0-9_]*|file:/\\S+");

    public SecretReference {
        if (reference == null || !FORM.matcher(reference).matches()) {
            throw new IllegalArgumentException("Not a secret reference: use env:NAME or file:/absolute/path.");
        }
    }

    /** Whether {@code value} is a reference (and not, say, the secret itself). */
    public static boolean isReference(String value) {
        return value != null && FORM.matcher(value).matches();
    }

    public static Optional<SecretReference> parse(String value) {
        return isReference(value) ? Optional.of(new SecretReference(value)) : Optional.empty();
    }
}
