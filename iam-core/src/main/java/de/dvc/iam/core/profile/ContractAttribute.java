package de.dvc.iam.core.profile;

import java.util.Locale;

/**
 * An attribute of the DVC identity contract that an attribute profile fills from what an agency
 * IdP asserts. The {@link #key()} is how profiles, overrides and refusal pages name it.
 */
public enum ContractAttribute {
    GIVEN_NAME("given_name"),
    FAMILY_NAME("family_name"),
    EMAIL("email"),
    /** User principal name (Active Directory / Entra ID), {@code user@domain}. */
    UPN("upn"),
    /** Name of the organisational unit (Organisationseinheit), e.g. "Referat Z 2". */
    ORG_UNIT_NAME("org_unit.name"),
    /** Code of the organisational unit, e.g. a PVP {@code OU-GV-OU-ID}. */
    ORG_UNIT_CODE("org_unit.code"),
    ROLES("roles");

    private final String key;

    ContractAttribute(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /**
     * @throws IllegalArgumentException naming the allowed keys
     */
    public static ContractAttribute fromKey(String key) {
        String wanted = key == null ? "" : key.trim().toLowerCase(Locale.ROOT);
        for (ContractAttribute attribute : values()) {
            if (attribute.key.equals(wanted)) {
                return attribute;
            }
        }
        throw new IllegalArgumentException("Unknown contract attribute '" + key
                + "': use one of given_name, family_name, email, upn, org_unit.name, org_unit.code, roles.");
    }
}
