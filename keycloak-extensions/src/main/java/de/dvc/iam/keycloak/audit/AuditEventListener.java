package de.dvc.iam.keycloak.audit;

import de.dvc.iam.core.agency.Agency;
import de.dvc.iam.keycloak.discovery.IdpAgencies;
import de.dvc.iam.keycloak.identity.LoginIdentity;
import de.dvc.iam.keycloak.onboarding.LocalAdmins;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

import java.util.Set;

/**
 * Writes an audit row for each successful login (SSO included) through an agency IdP, and for each token
 * issued to a service for such a login (code exchange, device grant, refresh).
 */
final class AuditEventListener implements EventListenerProvider {

    private static final Set<EventType> TOKENS = Set.of(EventType.CODE_TO_TOKEN, EventType.REFRESH_TOKEN,
            EventType.OAUTH2_DEVICE_CODE_TO_TOKEN);

    private final KeycloakSession session;

    AuditEventListener(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        boolean login = event.getType() == EventType.LOGIN;
        if ((!login && !TOKENS.contains(event.getType())) || event.getSessionId() == null) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        UserSessionModel userSession = realm == null ? null : session.sessions().getUserSession(realm, event.getSessionId());
        String idp = userSession == null ? null : userSession.getNote(Details.IDENTITY_PROVIDER);
        String localAdminOf = userSession == null ? null : userSession.getNote(LocalAdmins.SESSION_NOTE);
        if (idp == null && localAdminOf == null) {
            return; // not a brokered login nor a local agency admin's (e.g. an admin of realm master)
        }
        UserModel user = userSession.getUser();
        // A local agency admin (invitation) has no IdP and no identity note: the agency is her account's.
        String agency = idp == null ? localAdminOf : agencyOf(realm, idp);
        String acr = idp == null ? null : LoginIdentity.of(userSession).map(i -> i.assurance().code()).orElse(null);
        AuditLog.Login entry = new AuditLog.Login(user == null ? null : user.getUsername(), agency, idp, acr, event.getClientId());
        if (login) {
            AuditLog.login(session, entry);
        } else {
            AuditLog.token(session, entry);
        }
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
