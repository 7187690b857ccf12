package de.dvc.iam.core.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
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
        // Deeply immutable, in the asserted order: one opened identity is shared by the requests of its session.
        Map<String, List<String>> copy = new LinkedHashMap<>();
        Objects.requireNonNull(params, "params").forEach((param, values) -> copy.put(Objects.requireNonNull(param, "param"),
                List.copyOf(values)));
        params = Collections.unmodifiableMap(copy);
    }

    public static Role named(String name) {
        return new Role(name, Map.of());
    }
}
