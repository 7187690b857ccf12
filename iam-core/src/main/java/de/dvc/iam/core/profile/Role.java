package de.dvc.iam.core.profile;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A role the home agency asserts for the user, with optional parameters (as in the Austrian
 * Portalverbund's PVP-ROLES, e.g. {@code Sachbearbeitung(GKZ=09162000)}).
 *
 * @param name   the role name; never blank
 * @param params parameter name to values, in the order asserted; never null
 */
public record Role(String name, Map<String, List<String>> params) {

    public Role {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A role needs a name.");
        }
        params = Map.copyOf(Objects.requireNonNull(params, "params"));
    }

    public static Role named(String name) {
        return new Role(name, Map.of());
    }
}
