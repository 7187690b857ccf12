package de.dvc.iam.keycloak.directory;

import org.keycloak.broker.provider.AbstractIdentityProvider;
import org.keycloak.broker.provider.AuthenticationRequest;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.RealmsResource;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

/**
 * An agency directory in the broker: "login" sends the browser to DVC's own password form for this directory (the IdP's
 * endpoint, {@link DirectoryLoginEndpoint}), carrying Keycloak's broker state; the form's check ends in Keycloak's
 * brokered-login callback like any SAML or OIDC answer. There is no token to retrieve and nothing to log out of.
 */
final class DirectoryIdentityProvider extends AbstractIdentityProvider<IdentityProviderModel> {

    private final DirectoryClients clients;

    DirectoryIdentityProvider(KeycloakSession session, IdentityProviderModel model, DirectoryClients clients) {
        super(session, model);
        this.clients = clients;
    }

    @Override
    public Response performLogin(AuthenticationRequest request) {
        UriBuilder form = RealmsResource.brokerUrl(request.getUriInfo()).path("{alias}/endpoint/login")
                .queryParam("state", request.getState().getEncoded());
        String hint = request.getAuthenticationSession().getClientNote(org.keycloak.protocol.oidc.OIDCLoginProtocol.LOGIN_HINT_PARAM);
        if (hint != null && !hint.isBlank() && hint.length() <= de.dvc.iam.core.directory.DirectoryClient.MAX_LOGIN_NAME) {
            form.queryParam("login_hint", hint);
        }
        return Response.seeOther(form.build(request.getRealm().getName(), getConfig().getAlias())).build();
    }

    @Override
    public Object callback(RealmModel realm, AuthenticationCallback callback, EventBuilder event) {
        return new DirectoryLoginEndpoint(session, realm, this, callback, clients);
    }

    @Override
    public Response retrieveToken(KeycloakSession session, FederatedIdentityModel identity) {
        return Response.status(Response.Status.BAD_REQUEST).build();
    }

    @Override
    public Response retrieveToken(KeycloakSession session, FederatedIdentityModel identity, org.keycloak.models.UserSessionModel userSession,
                                  org.keycloak.models.UserModel user) {
        return Response.status(Response.Status.BAD_REQUEST).build();
    }
}
