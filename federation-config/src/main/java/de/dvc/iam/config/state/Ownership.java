package de.dvc.iam.config.state;

/**
 * Who made an object on the server. Only {@link #OWNED} objects — those {@code apply} created, marked with
 * {@code dvc.managed-by=federation-config} — are ever updated or deleted by {@code apply}.
 */
public enum Ownership {
    /** Created by {@code apply}: carries the ownership marker. */
    OWNED("owned"),
    /** An agency IdP registered through the self-service registration API ({@code dvc.registration.state}). */
    REGISTRATION("self-service registration"),
    /** Made by hand (admin console, the demo's set-up, the fixture loader, another tool). */
    HAND_MADE("made by hand");

    private final String label;

    Ownership(String label) {
        this.label = label;
    }

    public boolean owned() {
        return this == OWNED;
    }

    public String label() {
        return label;
    }
}
