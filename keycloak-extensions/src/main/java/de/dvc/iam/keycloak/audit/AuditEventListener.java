package de.dvc.iam.keycloak.audit;

import de.dvc.iam.core.agency.Agency;
import de.dvc.iam.keycloak.discovery.IdpAgencies;
import de.dvc.iam.keycloak.identity.LoginIdentity;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

/**
 * Writes an audit line for each successful login, SSO included, through an agency IdP. When an operator
 * disables an agency (organization) or an agency IdP in the admin console, it ends every session whose
 * identity came through it (as suspending a registration does), in the same transaction.
 */
final class AuditEventListener implements EventListenerProvider {

    private final KeycloakSession session;

    AuditEventListener(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getType() != EventType.LOGIN || event.getSessionId() == null) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        UserSessionModel userSession = realm == null ? null : session.sessions().getUserSession(realm, event.getSessionId());
        if (userSession == null) {
            return;
        }
        String idp = userSession.getNote(Details.IDENTITY_PROVIDER);
        UserModel user = userSession.getUser();
        String acr = LoginIdentity.of(userSession).map(i -> i.assurance().code()).orElse(null);
        AuditLog.login(session, new AuditLog.Login(user == null ? null : user.getUsername(), agencyOf(realm, idp), idp, acr,
                event.getClientId()));
    }

    private String agencyOf(RealmModel realm, String idpAlias) {
        return IdpAgencies.of(session, realm, idpAlias).map(Agency::id).orElse(null);
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        if (event.getOperationType() != org.keycloak.events.admin.OperationType.UPDATE || event.getResourcePath() == null) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        if (realm == null) {
            return;
        }
        String path = event.getResourcePath();
        if (event.getResourceType() == org.keycloak.events.admin.ResourceType.ORGANIZATION && path.startsWith("organizations/")) {
            org.keycloak.organization.OrganizationProvider organizations = session.getProvider(org.keycloak.organization.OrganizationProvider.class);
            org.keycloak.models.OrganizationModel agency = organizations == null ? null
                    : organizations.getById(path.substring("organizations/".length()).split("/")[0]);
            if (agency != null && !agency.isEnabled()) {
                agency.getIdentityProviders().forEach(idp -> ended(realm, idp.getAlias(), "agency_disabled"));
            }
        } else if (event.getResourceType() == org.keycloak.events.admin.ResourceType.IDENTITY_PROVIDER
                && path.startsWith("identity-provider/instances/")) {
            String alias = path.substring("identity-provider/instances/".length()).split("/")[0];
            org.keycloak.models.IdentityProviderModel idp = session.identityProviders().getByAlias(alias);
            if (idp != null && !idp.isEnabled()) {
                ended(realm, alias, "idp_disabled");
            }
        }
    }

    private void ended(RealmModel realm, String alias, String reason) {
        int users = de.dvc.iam.keycloak.registration.IdpSessions.end(session, realm, alias);
        org.jboss.logging.Logger.getLogger(AuditLog.CATEGORY).infof("{\"type\":\"sessions_ended\",\"reason\":\"%s\",\"idp\":\"%s\",\"users\":%d}",
                reason, alias, users);
    }

    @Override
    public void close() {
    }
}
