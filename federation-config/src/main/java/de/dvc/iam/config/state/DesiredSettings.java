package de.dvc.iam.config.state;

import de.dvc.iam.core.roles.RoleHolders;

import java.util.Objects;

/**
 * The role holders of the settings file ({@code roles}: operators and agency admins), as the server is to hold them:
 * the realm attribute {@value RoleHolders#REALM_ATTRIBUTE}, which the registration API reads at every call.
 */
public record DesiredSettings(RoleHolders holders) implements Desired {

    /** The one settings object's name. */
    public static final String ROLES = "roles";

    public DesiredSettings {
        Objects.requireNonNull(holders, "holders");
    }

    @Override
    public ObjectKind kind() {
        return ObjectKind.SETTINGS;
    }

    @Override
    public String name() {
        return ROLES;
    }
}
