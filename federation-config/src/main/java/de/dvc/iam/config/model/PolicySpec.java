package de.dvc.iam.config.model;

import de.dvc.iam.core.policy.AccessPolicy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An access policy as written (iam-core {@link AccessPolicy}: allow lists over the identity contract).
 * Immutable.
 */
public record PolicySpec(List<String> agencies, List<String> levels, List<String> states, List<String> roles,
                         Optional<String> contact, Origin origin) {

    public PolicySpec {
        agencies = List.copyOf(agencies);
        levels = List.copyOf(levels);
        states = List.copyOf(states);
        roles = List.copyOf(roles);
    }

    /** The client attributes ({@code dvc.policy.*}) this policy is kept in, with the service's required level. */
    public static Map<String, String> settings(Optional<PolicySpec> policy, String assurance) {
        Map<String, String> settings = new HashMap<>();
        policy.ifPresent(p -> {
            settings.put(AccessPolicy.AGENCIES, String.join(",", p.agencies()));
            settings.put(AccessPolicy.LEVELS, String.join(",", p.levels()));
            settings.put(AccessPolicy.STATES, String.join(",", p.states()));
            settings.put(AccessPolicy.ROLES, String.join(",", p.roles()));
            p.contact().ifPresent(c -> settings.put(AccessPolicy.CONTACT, c));
        });
        settings.put(AccessPolicy.MINIMUM_ASSURANCE, assurance);
        return settings;
    }
}
