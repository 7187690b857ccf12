package de.dvc.iam.keycloak.discovery;

import de.dvc.iam.core.assurance.AssuranceLevel;
import de.dvc.iam.keycloak.identity.AgencyProfileConfig;
import de.dvc.iam.keycloak.identity.ServiceRequirement;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpoint;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.ClientSessionCode;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.net.URI;
import java.util.Optional;

/**
 * Sends the browser to an agency IdP, the way Keycloak's own IdP redirector does, and asks it for
 * the assurance the service needs. Keycloak's OIDC broker forwards the client note {@code acr_values}
 * to the IdP; DVC sets it to the IdP's own value for the level (its assurance table), never the
 * service's raw request. If the IdP is registered below the level, the user gets a refusal page
 * instead of a pointless trip.
 */
public final class IdpRedirect {

    private IdpRedirect() {
    }

    public static void to(AuthenticationFlowContext context, IdentityProviderModel idp, String loginHint) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        AssuranceLevel required = ServiceRequirement.of(authSession).assurance();
        Optional<AgencyProfileConfig> config = AgencyProfileConfig.ofIdp(context.getSession(), idp.getAlias());
        authSession.removeClientNote(AuthorizationEndpoint.LOGIN_SESSION_NOTE_ADDITIONAL_REQ_PARAMS_PREFIX + OIDCLoginProtocol.ACR_PARAM);
        authSession.removeClientNote(OIDCLoginProtocol.ACR_PARAM);
        if (required != AssuranceLevel.NORMAL) {
            AssuranceLevel maximum = config.map(c -> c.assurance().maximum()).orElse(AssuranceLevel.NORMAL);
            if (!maximum.atLeast(required)) {
                context.forceChallenge(context.form()
                        .setError("dvcRefusedAssuranceIdp", authSession.getClient().getClientId(), required.code(),
                                maximum.code(), authSession.getClient().getClientId())
                        .createErrorPage(Response.Status.FORBIDDEN));
                return;
            }
            config.flatMap(c -> c.assurance().requestFor(required))
                    .ifPresent(acr -> authSession.setClientNote(OIDCLoginProtocol.ACR_PARAM, acr));
        }
        String accessCode = new ClientSessionCode<>(context.getSession(), context.getRealm(), authSession).getOrGenerateCode();
        URI location = Urls.identityProviderAuthnRequest(context.getUriInfo().getBaseUri(), idp.getAlias(),
                context.getRealm().getName(), accessCode, authSession.getClient().getClientId(), authSession.getTabId(),
                AuthenticationProcessor.getClientData(context.getSession(), authSession), loginHint);
        context.forceChallenge(Response.seeOther(location).build());
    }
}
