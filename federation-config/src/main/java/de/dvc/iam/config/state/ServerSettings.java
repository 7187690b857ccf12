package de.dvc.iam.config.state;

import de.dvc.iam.core.roles.RoleHolders;

import java.util.Objects;

/**
 * The role holders the server holds for the files (realm attribute {@value RoleHolders#REALM_ATTRIBUTE}). Only
 * {@code apply} writes that attribute, so it is owned.
 */
public record ServerSettings(RoleHolders holders) implements Actual {

    public ServerSettings {
        Objects.requireNonNull(holders, "holders");
    }

    @Override
    public ObjectKind kind() {
        return ObjectKind.SETTINGS;
    }

    @Override
    public String name() {
        return DesiredSettings.ROLES;
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
