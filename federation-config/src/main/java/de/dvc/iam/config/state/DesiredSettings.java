package de.dvc.iam.config.state;

import de.dvc.iam.core.registration.RefreshPolicy;
import de.dvc.iam.core.roles.RoleHolders;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the settings file sets in the realm itself, as the server is to hold it: the role holders ({@code roles}:
 * operators and agency admins; realm attribute {@value RoleHolders#REALM_ATTRIBUTE}, which the registration API reads at
 * every call) and the metadata refresh ({@code refresh}; realm attribute {@value RefreshPolicy#REALM_ATTRIBUTE}, read at
 * each refresh). One object, written in one update of the realm.
 *
 * @param refresh empty: the server options decide
 */
public record DesiredSettings(RoleHolders holders, Optional<RefreshPolicy> refresh) implements Desired {

    /** The one settings object's name. */
    public static final String NAME = "realm";

    public DesiredSettings {
        Objects.requireNonNull(holders, "holders");
        Objects.requireNonNull(refresh, "refresh");
    }

    /** The realm attributes that hold it ("" for none). */
    public Map<String, String> attributes() {
        return Map.of(RoleHolders.REALM_ATTRIBUTE, holders.encode(), RefreshPolicy.REALM_ATTRIBUTE, refresh.map(RefreshPolicy::encode).orElse(""));
    }

    @Override
    public ObjectKind kind() {
        return ObjectKind.SETTINGS;
    }

    @Override
    public String name() {
        return NAME;
    }
}
