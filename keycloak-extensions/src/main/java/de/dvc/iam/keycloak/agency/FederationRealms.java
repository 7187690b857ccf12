package de.dvc.iam.keycloak.agency;

import org.keycloak.Config;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The federation's realms (where agencies, their IdPs and the registration API live), from a provider's option
 * {@code realms} (comma-separated, default {@code dvc}). The demo's agency IdP realms are not among them.
 */
public final class FederationRealms {

    private FederationRealms() {
    }

    public static Set<String> of(Config.Scope config) {
        return Arrays.stream(config.get("realms", "dvc").split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
