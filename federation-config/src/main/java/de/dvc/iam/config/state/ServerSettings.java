package de.dvc.iam.config.state;

import de.dvc.iam.core.registration.RefreshPolicy;
import de.dvc.iam.core.roles.RoleHolders;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the server holds for the settings file: the role holders (realm attribute {@value RoleHolders#REALM_ATTRIBUTE})
 * and the refresh policy (realm attribute {@value RefreshPolicy#REALM_ATTRIBUTE}), as written, undecoded. Only
 * {@code apply} writes these attributes, so they are owned.
 *
 * @param refresh the refresh policy's text, empty if none is set
 */
public record ServerSettings(RoleHolders holders, Optional<String> refresh) implements Actual {

    public ServerSettings {
        Objects.requireNonNull(holders, "holders");
        Objects.requireNonNull(refresh, "refresh");
    }

    /** The attributes' values that mean "none" (what a delete writes). */
    public static Map<String, String> none() {
        return Map.of(RoleHolders.REALM_ATTRIBUTE, "", RefreshPolicy.REALM_ATTRIBUTE, "");
    }

    @Override
    public ObjectKind kind() {
        return ObjectKind.SETTINGS;
    }

    @Override
    public String name() {
        return DesiredSettings.NAME;
    }

    @Override
    public Ownership ownership() {
        return Ownership.OWNED;
    }

    @Override
    public String id() {
        return RoleHolders.REALM_ATTRIBUTE;
    }
}
