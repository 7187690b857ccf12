package de.dvc.iam.keycloak.audit;

import de.dvc.iam.core.audit.AuditEvent;
import de.dvc.iam.core.audit.Pseudonym;
import org.jboss.logging.Logger;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;

import java.time.Instant;

/**
 * The DVC audit log: one JSON line per login and per refusal on the log category {@value #CATEGORY}
 * (route it to its own file or collector, docs/federation-operators.md). Lines are written after
 * the request's transaction ends: a login only if it committed, a refusal always (the refusal itself
 * rolls the transaction back, and it happened either way).
 */
public final class AuditLog {

    public static final String CATEGORY = "dvc.audit";
    private static final Logger LOG = Logger.getLogger(CATEGORY);

    private AuditLog() {
    }

    /**
     * One login as the audit log knows it.
     *
     * @param userKey the user's federation key ({@code <idp alias>.<subject>}), pseudonymised before writing; may be null
     * @param agency  agency id; may be null
     * @param idp     IdP alias; may be null
     * @param acr     assurance level code; may be null
     * @param service client id; may be null
     */
    public record Login(String userKey, String agency, String idp, String acr, String service) {
    }

    public static void login(KeycloakSession session, Login login) {
        AuditEvent event = AuditEvent.login(Instant.now(), pseudonym(session, login.userKey()), login.agency(),
                login.idp(), login.acr(), login.service());
        session.getTransactionManager().enlistAfterCompletion(new AfterCompletion(event, false));
    }

    public static void refusal(KeycloakSession session, Login login, String reason) {
        AuditEvent event = AuditEvent.refusal(Instant.now(), pseudonym(session, login.userKey()), login.agency(),
                login.idp(), login.acr(), login.service(), reason);
        session.getTransactionManager().enlistAfterCompletion(new AfterCompletion(event, true));
    }

    private static String pseudonym(KeycloakSession session, String userKey) {
        if (userKey == null) {
            return null;
        }
        Object factory = session.getKeycloakSessionFactory()
                .getProviderFactory(EventListenerProvider.class, AuditEventListenerFactory.PROVIDER_ID);
        Pseudonym pseudonym = factory instanceof AuditEventListenerFactory audit ? audit.pseudonym() : null;
        return pseudonym == null ? null : pseudonym.of(userKey);
    }

    private static final class AfterCompletion extends AbstractKeycloakTransaction {
        private final AuditEvent event;
        private final boolean evenOnRollback;

        AfterCompletion(AuditEvent event, boolean evenOnRollback) {
            this.event = event;
            this.evenOnRollback = evenOnRollback;
        }

        @Override
        protected void commitImpl() {
            LOG.info(event.toJson());
        }

        @Override
        protected void rollbackImpl() {
            if (evenOnRollback) {
                LOG.info(event.toJson());
            }
        }
    }
}
