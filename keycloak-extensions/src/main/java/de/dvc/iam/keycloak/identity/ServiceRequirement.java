package de.dvc.iam.keycloak.identity;

import de.dvc.iam.core.assurance.AssuranceLevel;
import de.dvc.iam.core.policy.AccessPolicy;
import org.keycloak.models.ClientModel;
import org.keycloak.sessions.AuthenticationSessionModel;


/**
 * What the service of a login requires: its access policy (client attributes {@code dvc.policy.*})
 * and the assurance level this request needs ({@link AccessPolicy#requiredAssurance(String)} over the
 * service's {@code acr_values}).
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
        String sector = client.getAttribute(de.dvc.iam.keycloak.claims.PairwiseSubjectMapper.SECTOR_ATTRIBUTE);
        if (sector == null || sector.isBlank()) {
            // The pairwise subject's sector is an explicit setting: derived from redirect URIs, adding one could change every sub.
            return new ServiceRequirement(null, "the service has no sector (client attribute "
                    + de.dvc.iam.keycloak.claims.PairwiseSubjectMapper.SECTOR_ATTRIBUTE + ")", AssuranceLevel.HOCH);
        }
        try {
            policy = AccessPolicy.fromSettings(client.getAttributes());
        } catch (IllegalArgumentException e) {
            return new ServiceRequirement(null, e.getMessage(), AssuranceLevel.HOCH);
        }
        String requested = authSession.getAuthNote(REQUESTED_ACR_NOTE);
        if (requested == null) {
            requested = authSession.getClientNote("acr_values");
            if (requested != null) {
                authSession.setAuthNote(REQUESTED_ACR_NOTE, requested);
            }
        }
        return new ServiceRequirement(policy, null, policy.requiredAssurance(requested));
    }

    /** How refusal pages name a service: its display name, else its client id. */
    static String serviceName(ClientModel client) {
        return client.getName() == null || client.getName().isBlank() ? client.getClientId() : client.getName();
    }
}
