package de.dvc.iam.core.assurance;

import java.util.Locale;

/**
 * Vertrauensniveau (BSI TR-03107-1): normal, substantiell, hoch, which correspond to the eIDAS
 * levels of assurance low, substantial and high (Implementing Regulation (EU) 2015/1502). Ordered
 * from lowest to highest.
 */
public enum AssuranceLevel {
    NORMAL("normal", "http://eidas.europa.eu/LoA/low"),
    SUBSTANTIELL("substantiell", "http://eidas.europa.eu/LoA/substantial"),
    HOCH("hoch", "http://eidas.europa.eu/LoA/high");

    private final String code;
    private final String acr;

    AssuranceLevel(String code, String acr) {
        this.code = code;
        this.acr = acr;
    }

    /** The code in configuration and in the {@code dvc_assurance} claim, e.g. {@code substantiell}. */
    public String code() {
        return code;
    }

    /** The eIDAS URI DVC IAM writes into the token's {@code acr} claim. */
    public String acr() {
        return acr;
    }

    public boolean atLeast(AssuranceLevel other) {
        return compareTo(other) >= 0;
    }

    public static AssuranceLevel min(AssuranceLevel a, AssuranceLevel b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * Accepts the TR-03107 code, the eIDAS word (low, substantial, high) or the eIDAS URI.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static AssuranceLevel parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (AssuranceLevel level : values()) {
            String eidasWord = level.acr.substring(level.acr.lastIndexOf('/') + 1);
            if (v.equals(level.code) || v.equals(eidasWord) || v.equals(level.acr.toLowerCase(Locale.ROOT))) {
                return level;
            }
        }
        throw new IllegalArgumentException("Unknown assurance level '" + value
                + "': use normal, substantiell or hoch (eIDAS low, substantial, high).");
    }
}
