package de.dvc.iam.core.registration;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Proof that an agency controls an email domain: a DNS TXT record {@code _dvc-iam.<domain>} whose
 * value is {@code dvc-iam-verification=<token>}, the token being random per registration (like the
 * ACME DNS-01 and the common "site verification" records). Only a proven domain becomes a verified
 * domain of the agency, and with it an address an agency IdP may assert (domain binding).
 *
 * <p>Immutable and thread-safe.
 *
 * @param domain the domain, lower case
 * @param token  the registration's token
 */
public record DomainProof(String domain, String token) {

    public static final String PREFIX = "dvc-iam-verification=";

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
}
