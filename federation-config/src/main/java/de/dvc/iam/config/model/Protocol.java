package de.dvc.iam.config.model;

import java.util.Locale;

/** How an agency IdP speaks to DVC IAM. */
public enum Protocol {
    SAML, OIDC;

    /** As written in the files, e.g. {@code saml}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Protocol of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
