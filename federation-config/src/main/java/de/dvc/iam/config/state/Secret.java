package de.dvc.iam.config.state;

import de.dvc.iam.config.model.SecretReference;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A secret of the files: its reference, and its value where it could be resolved. {@link #toString()} never shows
 * the value. The server keeps only a {@linkplain #fingerprint(String, String) fingerprint} next to the secret, so
 * that plan can tell a changed secret without reading it back (Keycloak shows IdP secrets masked).
 */
public record Secret(SecretReference reference, Optional<String> value) {

    public Secret {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(value, "value");
    }

    public static Secret resolve(SecretReference reference, Secrets secrets) {
        return new Secret(reference, secrets.resolve(reference));
    }

    /** The fingerprint of the value for object {@code owner}, if the value is known. */
    public Optional<String> fingerprint(String owner) {
        return value.map(v -> fingerprint(owner, v));
    }

    /**
     * SHA-256 over the object's name and the secret: reveals nothing of a client secret (random, high entropy) and
     * differs between objects that share one. Not a password hash: never use it for guessable secrets.
     */
    public static String fingerprint(String owner, String value) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest(("dvc-config secret\n" + owner + "\n" + value).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "Secret[" + reference.reference() + (value.isPresent() ? ", resolved]" : ", not set]");
    }
}
