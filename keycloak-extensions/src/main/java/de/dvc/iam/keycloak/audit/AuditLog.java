package de.dvc.iam.keycloak.audit;

import de.dvc.iam.core.audit.AuditEvent;
import de.dvc.iam.core.audit.Pseudonym;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.time.Instant;

/**
 * Where logins and refusals enter the DVC audit trail ({@link AuditTrail}): a row and a JSON line on log
 * category {@value #CATEGORY} (route it to its own file or collector, docs/federation-operators.md), written
 * after the request's transaction ends: a login only if it committed, a refusal always (the refusal itself
 * rolls the transaction back, and it happened either way).
 */
public final class AuditLog {

    public static final String CATEGORY = "dvc.audit";

    private AuditLog() {
    }

    /**
     * One login as the audit trail knows it.
     *
     * @param userKey the user's federation key ({@code <idp alias>.<subject>}), pseudonymised before writing; may be null
     * @param agency  agency id; may be null
     * @param idp     IdP alias; may be null
     * @param acr     assurance level code; may be null
     * @param service client id; may be null
     */
    public record Login(String userKey, String agency, String idp, String acr, String service) {

        /**
         * The federation key as DVC keys users: Keycloak stores usernames in lower case, so a refusal (which sees the
         * IdP's subject as sent) and a login of the same person give the same key and pseudonym.
         */
        String key() {
            return userKey == null ? null : userKey.toLowerCase(java.util.Locale.ROOT);
        }

        /** The agency's own id of the user (lower case): the subject part of the federation key {@code <alias>.<subject>}. */
        String agencyUser() {
            String key = key();
            String prefix = idp == null ? null : idp.toLowerCase(java.util.Locale.ROOT) + ".";
            return key != null && prefix != null && key.startsWith(prefix) ? key.substring(prefix.length()) : null;
        }
    }

    public static void login(KeycloakSession session, Login login) {
        write(session, AuditEvent.login(Instant.now(), pseudonym(session, login.key()), login.agencyUser(), login.agency(),
                login.idp(), login.acr(), login.service()), false);
    }

    public static void refusal(KeycloakSession session, Login login, String reason) {
        write(session, AuditEvent.refusal(Instant.now(), pseudonym(session, login.key()), login.agencyUser(), login.agency(),
                login.idp(), login.acr(), login.service(), reason), true);
    }

    static void token(KeycloakSession session, Login login) {
        write(session, AuditEvent.token(Instant.now(), pseudonym(session, login.key()), login.agencyUser(), login.agency(),
                login.idp(), login.acr(), login.service()), false);
    }

    private static void write(KeycloakSession session, AuditEvent event, boolean evenOnRollback) {
        RealmModel realm = session.getContext().getRealm();
        AuditTrail.of(session).ifPresent(trail -> trail.afterCompletion(session, realm == null ? null : realm.getId(), event, evenOnRollback));
    }

    private static String pseudonym(KeycloakSession session, String userKey) {
        if (userKey == null) {
            return null;
        }
        Pseudonym pseudonym = AuditTrail.of(session).map(AuditTrail::pseudonym).orElse(null);
        return pseudonym == null ? null : pseudonym.of(userKey);
    }
}
