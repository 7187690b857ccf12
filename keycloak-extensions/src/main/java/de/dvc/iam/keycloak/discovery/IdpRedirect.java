package de.dvc.iam.keycloak.discovery;

import de.dvc.iam.keycloak.identity.AssuranceRequest;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.ClientSessionCode;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.net.URI;
import java.util.Optional;

/**
 * Sends the browser to an agency IdP, the way Keycloak's own IdP redirector does, asking it for the
 * assurance the service needs ({@link AssuranceRequest}), or shows the refusal page instead.
 */
public final class IdpRedirect {

    private IdpRedirect() {
    }

    public static void to(AuthenticationFlowContext context, IdentityProviderModel idp, String loginHint) {
        Optional<Response> refusal = AssuranceRequest.prepare(context, idp);
        if (refusal.isPresent()) {
            context.forceChallenge(refusal.get());
            return;
        }
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String accessCode = new ClientSessionCode<>(context.getSession(), context.getRealm(), authSession).getOrGenerateCode();
        URI location = Urls.identityProviderAuthnRequest(context.getUriInfo().getBaseUri(), idp.getAlias(),
                context.getRealm().getName(), accessCode, authSession.getClient().getClientId(), authSession.getTabId(),
                AuthenticationProcessor.getClientData(context.getSession(), authSession), loginHint);
        context.forceChallenge(Response.seeOther(location).build());
    }
}
