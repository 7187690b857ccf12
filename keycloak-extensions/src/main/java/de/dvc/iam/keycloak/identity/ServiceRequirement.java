package de.dvc.iam.keycloak.identity;

import de.dvc.iam.core.assurance.AssuranceLevel;
import de.dvc.iam.core.policy.AccessPolicy;
import org.keycloak.models.ClientModel;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.Optional;

/**
 * What the service of a login requires: its access policy (client attributes {@code dvc.policy.*})
 * and the assurance level, the higher of the policy's minimum and the lowest level the service asked
 * for with {@code acr_values} in this request (values DVC does not know are ignored).
 *
 * @param policy   the service's policy; null if its settings are broken (then every login is refused)
 * @param problem  what is wrong with the settings; null if they are fine
 * @param assurance the level this login must reach
 */
public record ServiceRequirement(AccessPolicy policy, String problem, AssuranceLevel assurance) {

    /** Auth note keeping the service's own {@code acr_values}, before DVC rewrites it for the agency IdP. */
    static final String REQUESTED_ACR_NOTE = "dvc.requested-acr";

    public static ServiceRequirement of(AuthenticationSessionModel authSession) {
        ClientModel client = authSession.getClient();
        AccessPolicy policy;
        try {
            policy = AccessPolicy.fromSettings(client.getAttributes());
        } catch (IllegalArgumentException e) {
            return new ServiceRequirement(null, e.getMessage(), AssuranceLevel.HOCH);
        }
        AssuranceLevel level = policy.minimumAssurance();
        String requested = authSession.getAuthNote(REQUESTED_ACR_NOTE);
        if (requested == null) {
            requested = authSession.getClientNote("acr_values");
            if (requested != null) {
                authSession.setAuthNote(REQUESTED_ACR_NOTE, requested);
            }
        }
        // acr_values lists acceptable levels (OpenID Connect Core 1.0, 3.1.2.1): the lowest known one suffices.
        AssuranceLevel asked = null;
        for (String value : requested == null ? new String[0] : requested.trim().split("\\s+")) {
            Optional<AssuranceLevel> known = parse(value);
            if (known.isPresent() && (asked == null || known.get().compareTo(asked) < 0)) {
                asked = known.get();
            }
        }
        if (asked != null && asked.compareTo(level) > 0) {
            level = asked;
        }
        return new ServiceRequirement(policy, null, level);
    }

    /** How refusal pages name a service: its display name, else its client id. */
    static String serviceName(ClientModel client) {
        return client.getName() == null || client.getName().isBlank() ? client.getClientId() : client.getName();
    }

    private static Optional<AssuranceLevel> parse(String value) {
        try {
            return Optional.of(AssuranceLevel.parse(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
