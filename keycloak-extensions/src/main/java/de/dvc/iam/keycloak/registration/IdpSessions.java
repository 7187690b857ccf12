package de.dvc.iam.keycloak.registration;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.List;
import java.util.Map;

/**
 * Ends every session whose identity came through one agency IdP: when its registration is suspended,
 * retired or withdrawn, its users' SSO sessions, refresh tokens and offline tokens stop working at once.
 * Users are keyed by (IdP, subject), so every session of a user linked to the IdP came through it.
 * Access tokens already issued stay valid until they expire (the realm's access token lifespan,
 * docs/security.md): services must not cache them beyond that.
 */
public final class IdpSessions {

    private IdpSessions() {
    }

    /** Ends the sessions of the users of IdP {@code alias}; returns how many users had any. */
    public static int end(KeycloakSession session, RealmModel realm, String alias) {
        List<UserModel> users = session.users().searchForUserStream(realm, Map.of(UserModel.IDP_ALIAS, alias)).toList();
        int ended = 0;
        for (UserModel user : users) {
            if (endAll(session, realm, user)) {
                ended++;
            }
        }
        return ended;
    }

    /** Ends every session of {@code user}: SSO, refresh and offline tokens; returns whether she had any. */
    public static boolean endAll(KeycloakSession session, RealmModel realm, UserModel user) {
        boolean any = session.sessions().getUserSessionsStream(realm, user).findAny().isPresent();
        List<org.keycloak.models.UserSessionModel> offline = session.sessions().getOfflineUserSessionsStream(realm, user).toList();
        session.sessions().removeUserSessions(realm, user);
        offline.forEach(s -> session.sessions().removeOfflineUserSession(realm, s));
        return any || !offline.isEmpty();
    }
}
