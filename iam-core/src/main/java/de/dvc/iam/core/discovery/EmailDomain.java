package de.dvc.iam.core.discovery;

import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The domain part of an email address, normalized for routing, and the domains an agency may have
 * verified that cover it: the domain itself and its parents ({@code it.senfin.berlin.example} is
 * covered by a verification of {@code senfin.berlin.example}), never a bare top-level domain.
 *
 * <p>Stateless and thread-safe.
 */
public final class EmailDomain {

    /** RFC 5321 limits a path to 256 octets including the angle brackets, so an address to 254. */
    private static final int MAX_ADDRESS_LENGTH = 254;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    private EmailDomain() {
    }

    /**
     * The lower-case ASCII (IDNA) domain of {@code email}, or empty if {@code email} is not an
     * address we can route: no single {@code @}, no dot in the domain, a label that is not a DNS label.
     */
    public static Optional<String> of(String email) {
        if (email == null) {
            return Optional.empty();
        }
        String trimmed = email.trim();
        int at = trimmed.lastIndexOf('@');
        if (trimmed.length() > MAX_ADDRESS_LENGTH || at < 1 || at != trimmed.indexOf('@') || at == trimmed.length() - 1) {
            return Optional.empty();
        }
        String domain;
        try {
            domain = IDN.toASCII(trimmed.substring(at + 1), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return Optional.empty();
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(domain);
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
