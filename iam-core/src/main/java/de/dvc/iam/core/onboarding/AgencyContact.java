package de.dvc.iam.core.onboarding;

import de.dvc.iam.core.email.EmailAddress;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A named contact of an agency (Ansprechpartner), e.g. its IT department's head: the person a federation operator
 * invites as first admin. Kept in the agency's organization as attribute {@value #ATTRIBUTE}, one value per contact in
 * the form {@code Name <address>}.
 *
 * <p>Immutable.
 *
 * @param name  the person's name, 1 to 100 characters, no angle brackets or control characters
 * @param email the person's address
 */
public record AgencyContact(String name, EmailAddress email) {

    public static final String ATTRIBUTE = "dvc.contact";
    private static final Pattern NAME = Pattern.compile("[^<>\\p{Cntrl}\\p{Cf}]{1,100}");
    private static final Pattern ENCODED = Pattern.compile("(.+) <([^<>]+)>");

    public AgencyContact {
        Objects.requireNonNull(email, "email");
        name = checkedName(name).orElseThrow(() -> new IllegalArgumentException(
                "A contact's name has 1 to 100 characters and no angle brackets or control characters."));
    }

    /** {@code name} trimmed, if it is a name a contact or an invited person may have. */
    public static Optional<String> checkedName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String trimmed = name.strip();
        return NAME.matcher(trimmed).matches() ? Optional.of(trimmed) : Optional.empty();
    }

    public String encode() {
        return name + " <" + email + ">";
    }

    /** The contact in an attribute value, or empty if the value is not one (changed by hand). */
    public static Optional<AgencyContact> decode(String value) {
        if (value == null) {
            return Optional.empty();
        }
        var matcher = ENCODED.matcher(value.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return EmailAddress.parse(matcher.group(2)).flatMap(email -> checkedName(matcher.group(1)).map(n -> new AgencyContact(n, email)));
    }
}
