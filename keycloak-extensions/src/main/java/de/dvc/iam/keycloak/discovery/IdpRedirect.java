package de.dvc.iam.keycloak.discovery;

import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.ClientSessionCode;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.net.URI;

/** Sends the browser to an agency IdP, the way Keycloak's own IdP redirector does. */
final class IdpRedirect {

    private IdpRedirect() {
    }

    static void to(AuthenticationFlowContext context, IdentityProviderModel idp, String loginHint) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String accessCode = new ClientSessionCode<>(context.getSession(), context.getRealm(), authSession).getOrGenerateCode();
        URI location = Urls.identityProviderAuthnRequest(context.getUriInfo().getBaseUri(), idp.getAlias(),
                context.getRealm().getName(), accessCode, authSession.getClient().getClientId(), authSession.getTabId(),
                AuthenticationProcessor.getClientData(context.getSession(), authSession), loginHint);
        context.forceChallenge(Response.seeOther(location).build());
    }
}
