package de.dvc.iam.core.agency;

import java.util.Locale;

/**
 * Administrative level of an agency (Verwaltungsebene): Bund, Land, Kommune or other.
 */
public enum AgencyLevel {
    /** Bundesbehörde. */
    FEDERAL,
    /** Landesbehörde. */
    STATE,
    /** Kommune: Gemeinde, Stadt, Kreis. */
    MUNICIPAL,
    /** Anything else: public enterprises, associations, IT service providers. */
    OTHER;

    /** The lower-case code used in claims and configuration, e.g. {@code "state"}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a level code as written in claims and configuration.
     *
     * @throws IllegalArgumentException naming the allowed values if {@code code} is not one
     */
    public static AgencyLevel fromCode(String code) {
        if (code != null) {
            for (AgencyLevel level : values()) {
                if (level.code().equals(code.trim().toLowerCase(Locale.ROOT))) {
                    return level;
                }
            }
        }
        throw new IllegalArgumentException(
                "Unknown agency level '" + code + "': use one of federal, state, municipal, other.");
    }
}
