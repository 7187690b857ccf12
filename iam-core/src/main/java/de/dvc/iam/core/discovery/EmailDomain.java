package de.dvc.iam.core.discovery;

import de.dvc.iam.core.email.EmailAddress;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The domain part of an email address, normalized for routing, and the domains an agency may have
 * verified that cover it: the domain itself and its parents ({@code it.senfin.berlin.example} is
 * covered by a verification of {@code senfin.berlin.example}), never a bare top-level domain.
 *
 * <p>Stateless and thread-safe.
 */
public final class EmailDomain {

    private EmailDomain() {
    }

    /**
     * The lower-case ASCII (IDNA) domain of {@code email}, or empty if {@code email} is not an
     * address we accept ({@link EmailAddress#parse}: the same reading domain binding uses).
     */
    public static Optional<String> of(String email) {
        return EmailAddress.parse(email).map(EmailAddress::domain);
    }

    /** {@code domain} and its parent domains with at least two labels, most specific first. */
    public static List<String> coveringDomains(String domain) {
        List<String> candidates = new ArrayList<>();
        String current = domain;
        while (current.indexOf('.') > 0) {
            candidates.add(current);
            current = current.substring(current.indexOf('.') + 1);
        }
        return candidates;
    }
}
