package de.dvc.iam.keycloak.identity;

import de.dvc.iam.keycloak.audit.AuditLog;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.ErrorPageException;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Refuses a brokered login: writes the audit event and throws Keycloak's error page ({@link DvcPage}), which rolls
 * back the request's transaction, so no user, link or session is created and nothing the IdP sent
 * is stored. The page text comes from the theme messages {@code dvcRefused*} (docs/claims.md,
 * "Refusals"); parameters are organisational data, never the user's address.
 */
final class Refusal {

    private static final Logger LOG = Logger.getLogger(Refusal.class);

    private Refusal() {
    }

    static ErrorPageException of(KeycloakSession session, AuthenticationSessionModel authSession, AuditLog.Login login,
                                 String reason, String messageKey, Object... parameters) {
        LOG.debugf("Login through IdP %s refused: %s", login.idp(), reason);
        AuditLog.refusal(session, login, reason);
        return new DvcPage(session, authSession, DvcPage.Kind.REFUSED, messageKey, parameters);
    }
}
