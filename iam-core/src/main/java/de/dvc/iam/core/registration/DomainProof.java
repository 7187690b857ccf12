package de.dvc.iam.core.registration;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Proof that an agency controls an email domain, by either of two ways (like ACME's DNS-01 and
 * HTTP-01 and the common "site verification" records), the token being random per registration:
 * <ul>
 *   <li>a DNS TXT record {@code _dvc-iam.<domain>} whose value is {@code dvc-iam-verification=<token>};</li>
 *   <li>a file {@code https://<domain>/.well-known/dvc-iam-verification.txt} with a line
 *       {@code dvc-iam-verification=<token>}.</li>
 * </ul> Only a proven domain becomes a verified
 * domain of the agency, and with it an address an agency IdP may assert (domain binding).
 *
 * <p>Immutable and thread-safe.
 *
 * @param domain the domain, lower case
 * @param token  the registration's token
 */
public record DomainProof(String domain, String token) {

    public static final String PREFIX = "dvc-iam-verification=";
    /** Path of the well-known file on the domain's web server. */
    public static final String WELL_KNOWN_PATH = "/.well-known/dvc-iam-verification.txt";

    public DomainProof {
        domain = domain.trim().toLowerCase(Locale.ROOT);
        if (token == null || token.length() < 20) {
            throw new IllegalArgumentException("A domain proof token must have at least 20 characters.");
        }
    }

    /** A new random token (192 bits, base64url). */
    public static String newToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The DNS name of the TXT record. */
    public String recordName() {
        return "_dvc-iam." + domain;
    }

    /** The TXT value the agency publishes. */
    public String recordValue() {
        return PREFIX + token;
    }

    /** Whether one of the TXT strings found at {@link #recordName()} proves the domain. */
    public boolean provenBy(List<String> txtValues) {
        return txtValues.stream().map(String::trim).map(v -> v.startsWith("\"") && v.endsWith("\"") && v.length() > 1
                ? v.substring(1, v.length() - 1) : v).anyMatch(recordValue()::equals);
    }

    /** The URL of the well-known file; {@code port} 443 in production (tests use another). */
    public java.net.URI wellKnownUri(int port) {
        return java.net.URI.create("https://" + domain + (port == 443 ? "" : ":" + port) + WELL_KNOWN_PATH);
    }

    /** Whether the well-known file's text proves the domain: one of its lines is {@link #recordValue()}. */
    public boolean provenByFile(String text) {
        return text.lines().map(String::trim).anyMatch(recordValue()::equals);
    }
}
