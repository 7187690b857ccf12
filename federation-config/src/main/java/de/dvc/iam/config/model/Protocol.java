package de.dvc.iam.config.model;

import java.util.Locale;

/** How an agency IdP speaks to DVC IAM: SAML 2.0, OpenID Connect, or an agency directory (LDAP / AD) DVC asks itself. */
public enum Protocol {
    SAML, OIDC, LDAP;

    /** As written in the files, e.g. {@code saml}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Protocol of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
