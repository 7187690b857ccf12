package de.dvc.iam.core.directory;

import java.util.Locale;

/**
 * The directory attribute a person types as login name on DVC's directory login form. Matched exactly by the
 * directory (with the attribute's own matching rule, case-insensitive for all four).
 */
public enum LoginAttribute {
    /** Active Directory's {@code user@domain} name; what Windows users know from their PC login. */
    USER_PRINCIPAL_NAME("userPrincipalName"),
    /** The email address; in both profiles. */
    MAIL("mail"),
    /** Active Directory's pre-Windows 2000 logon name ({@code DOMAIN\name} without the domain). */
    SAM_ACCOUNT_NAME("sAMAccountName"),
    /** The user id of inetOrgPerson directories (RFC 4519 section 2.39). */
    UID("uid");

    private final String ldapName;

    LoginAttribute(String ldapName) {
        this.ldapName = ldapName;
    }

    /** The attribute's LDAP name, e.g. {@code userPrincipalName}. */
    public String ldapName() {
        return ldapName;
    }

    /**
     * @throws IllegalArgumentException naming the accepted names
     */
    public static LoginAttribute named(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (LoginAttribute attribute : values()) {
            if (attribute.ldapName.toLowerCase(Locale.ROOT).equals(wanted)) {
                return attribute;
            }
        }
        throw new IllegalArgumentException("Unknown login attribute '" + name
                + "': use userPrincipalName, mail or sAMAccountName (Active Directory), or mail or uid (inetOrgPerson).");
    }
}
