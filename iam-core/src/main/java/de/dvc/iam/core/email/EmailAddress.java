package de.dvc.iam.core.email;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An email address reduced to what the federation needs: a local part and a lower-case ASCII (IDNA)
 * domain. Discovery routes by the domain and domain binding checks it; if the two read an address
 * differently, an IdP could assert an address that binding places in its own domain while a service
 * reads another one (e.g. {@code "a@b"@x}: the last {@code @} says {@code x}, a naive first-{@code @}
 * reader says {@code b"@x}). So anything two readers could disagree on is refused, not interpreted:
 * <ul>
 *   <li>quoted local parts, comments, backslashes, more than one {@code @} (RFC 5322 allows them;
 *       no agency mailbox needs them);</li>
 *   <li>whitespace, control and format characters anywhere (bidi overrides, zero-width joiners);</li>
 *   <li>empty local parts or domains, leading, trailing or doubled dots (also a trailing root dot in
 *       the domain);</li>
 *   <li>domain spellings that IDNA would silently rewrite into another domain: compatibility forms
 *       (full-width letters) and the ideographic dots IDNA 2003 treats as label separators.</li>
 * </ul>
 * Non-ASCII local parts (RFC 6531) are kept; Unicode domains become their ASCII form
 * ({@code münchen.example} → {@code xn--mnchen-3ya.example}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param localPart as written, never empty
 * @param domain    lower-case ASCII, at least two DNS labels, no trailing dot
 */
public record EmailAddress(String localPart, String domain) {

    /** RFC 5321 limits a path to 256 octets including the angle brackets, so an address to 254. */
    private static final int MAX_ADDRESS_LENGTH = 254;
    /** RFC 5321 section 4.5.3.1.1. */
    private static final int MAX_LOCAL_OCTETS = 64;
    private static final int MAX_DOMAIN_LENGTH = 253;
    /** RFC 5322 dot-atom: atext with single inner dots; any non-ASCII character counts as atext (RFC 6531). */
    private static final Pattern LOCAL = Pattern.compile("[\\w!#$%&'*+/=?^`{|}~\\-\\P{ASCII}]+(?:\\.[\\w!#$%&'*+/=?^`{|}~\\-\\P{ASCII}]+)*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    public EmailAddress {
        Objects.requireNonNull(localPart, "localPart");
        Objects.requireNonNull(domain, "domain");
    }

    /** The address in {@code text} (surrounding whitespace ignored), or empty if it is not one we accept. */
    public static Optional<EmailAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.strip();
        int at = value.indexOf('@');
        if (value.length() > MAX_ADDRESS_LENGTH || at < 1 || at != value.lastIndexOf('@') || !unambiguous(value)) {
            return Optional.empty();
        }
        String local = value.substring(0, at);
        if (local.getBytes(StandardCharsets.UTF_8).length > MAX_LOCAL_OCTETS || !LOCAL.matcher(local).matches()) {
            return Optional.empty();
        }
        return asciiDomain(value.substring(at + 1)).map(domain -> new EmailAddress(local, domain));
    }

    /**
     * {@code domain} in the form {@link #domain()} has (lower-case ASCII), or empty if it is not a
     * domain an address may have; also for comparing configured domains with parsed ones.
     */
    public static Optional<String> asciiDomain(String domain) {
        if (domain == null || domain.length() > MAX_DOMAIN_LENGTH || !unambiguous(domain)) {
            return Optional.empty();
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return Optional.empty();
        }
        StringBuilder ascii = new StringBuilder();
        for (String label : labels) {
            Optional<String> converted = asciiLabel(label);
            if (converted.isEmpty()) {
                return Optional.empty();
            }
            ascii.append(ascii.length() == 0 ? "" : ".").append(converted.get());
        }
        return ascii.length() > MAX_DOMAIN_LENGTH ? Optional.empty() : Optional.of(ascii.toString());
    }

    /**
     * One DNS label in ASCII, if IDNA keeps what was written: the JDK's IDNA 2003 maps some
     * characters to others ({@code ß} → {@code ss}, full-width letters, the ideographic full stop
     * to a label separator) where IDNA 2008 and mail software read a different domain, so a label
     * must convert back to exactly itself (ignoring case), and an {@code xn--} label must be Punycode
     * the JDK reads back to itself. This also refuses the few IDNA 2008-only labels such as
     * {@code xn--strae-oqa} ({@code straße}): without an IDNA 2008 implementation in the JDK we cannot
     * tell them from broken Punycode, and refusing is the safe side.
     */
    private static Optional<String> asciiLabel(String label) {
        try {
            String ascii = IDN.toASCII(label, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
            String lower = label.toLowerCase(Locale.ROOT);
            boolean keeps;
            if (ascii.startsWith("xn--")) {
                String unicode = IDN.toUnicode(ascii, IDN.USE_STD3_ASCII_RULES);
                keeps = !unicode.equals(ascii) && IDN.toASCII(unicode, IDN.USE_STD3_ASCII_RULES).equals(ascii)
                        && (lower.equals(ascii) || lower.equals(unicode));
            } else {
                keeps = lower.equals(ascii);
            }
            return keeps && LABEL.matcher(ascii).matches() ? Optional.of(ascii) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** No invisible, unassigned or compatibility characters (a full-width {@code ＠} is an {@code @} to NFKC). */
    private static boolean unambiguous(String value) {
        return Normalizer.normalize(value, Normalizer.Form.NFKC).equals(value) && value.codePoints().noneMatch(c ->
                Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
                        || Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.UNASSIGNED
                        || Character.getType(c) == Character.PRIVATE_USE || Character.getType(c) == Character.SURROGATE);
    }

    @Override
    public String toString() {
        return localPart + "@" + domain;
    }
}
