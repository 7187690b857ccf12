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

/** Writes an audit line for each successful login, SSO included, through an agency IdP. */
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
        // admin changes that end sessions: SessionsEndingListenerFactory (global)
    }

    @Override
    public void close() {
    }
}
