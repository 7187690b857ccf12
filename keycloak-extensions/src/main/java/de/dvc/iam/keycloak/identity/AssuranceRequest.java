package de.dvc.iam.keycloak.identity;

import de.dvc.iam.core.assurance.AssuranceLevel;
import de.dvc.iam.keycloak.audit.AuditLog;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.ClientModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpoint;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.Optional;

/**
 * Prepares the trip to an agency IdP for the level the service needs. Keycloak's OIDC broker
 * forwards the client note {@code acr_values} to the IdP; DVC sets it to the IdP's own value for the
 * level (its assurance table), never the service's raw request. If the service's settings are broken
 * or the IdP is registered below the level, the user gets a refusal page instead of a pointless trip.
 */
public final class AssuranceRequest {

    private AssuranceRequest() {
    }

    /** @return the refusal page, or empty if the user may be sent to {@code idp} */
    public static Optional<Response> prepare(AuthenticationFlowContext context, IdentityProviderModel idp) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        ServiceRequirement requirement = ServiceRequirement.of(authSession);
        authSession.removeClientNote(AuthorizationEndpoint.LOGIN_SESSION_NOTE_ADDITIONAL_REQ_PARAMS_PREFIX + OIDCLoginProtocol.ACR_PARAM);
        authSession.removeClientNote(OIDCLoginProtocol.ACR_PARAM);
        ClientModel client = authSession.getClient();
        AuditLog.Login login = new AuditLog.Login(null, null, idp.getAlias(), null, client.getClientId());
        if (requirement.policy() == null) {
            AuditLog.refusal(context.getSession(), login, "service_misconfigured");
            return Optional.of(DvcPage.refused(context.form()).setError("dvcRefusedServiceMisconfigured", ServiceRequirement.serviceName(client))
                    .createErrorPage(Response.Status.FORBIDDEN));
        }
        AssuranceLevel required = requirement.assurance();
        if (required == AssuranceLevel.NORMAL) {
            return Optional.empty();
        }
        Optional<AgencyProfileConfig> config = AgencyProfileConfig.ofIdp(context.getSession(), idp.getAlias());
        AssuranceLevel maximum = config.map(c -> c.assurance().maximum()).orElse(AssuranceLevel.NORMAL);
        if (!maximum.atLeast(required)) {
            AuditLog.refusal(context.getSession(), login, "policy_assurance");
            String contact = requirement.policy().contact().isEmpty() ? ServiceRequirement.serviceName(client) : requirement.policy().contact();
            return Optional.of(DvcPage.refused(context.form()).setError("dvcRefusedAssuranceIdp", ServiceRequirement.serviceName(client),
                    required.code(), maximum.code(), contact).createErrorPage(Response.Status.FORBIDDEN));
        }
        config.flatMap(c -> c.assurance().requestFor(required))
                .ifPresent(acr -> authSession.setClientNote(OIDCLoginProtocol.ACR_PARAM, acr));
        return Optional.empty();
    }
}
