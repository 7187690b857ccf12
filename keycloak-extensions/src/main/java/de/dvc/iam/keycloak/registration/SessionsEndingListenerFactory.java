package de.dvc.iam.keycloak.registration;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.Set;

/**
 * Global event listener {@value #PROVIDER_ID} (no realm setting can switch it off): when an operator disables an
 * agency (organization) or an agency IdP in the admin console, every session whose identity came through it
 * ends in the same transaction, as suspending a registration does. Only in the federation's realms (option
 * {@code realms}, default {@code dvc}).
 */
public final class SessionsEndingListenerFactory implements EventListenerProviderFactory {

    public static final String PROVIDER_ID = "dvc-sessions-ending";
    private static final Logger EVENTS = Logger.getLogger("dvc.audit");

    private Set<String> realms = Set.of("dvc");

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new EventListenerProvider() {
            @Override
            public void onEvent(Event event) {
                // logins are the audit listener's
            }

            @Override
            public void onEvent(AdminEvent event, boolean includeRepresentation) {
                handle(session, event);
            }

            @Override
            public void close() {
                // holds nothing
            }
        };
    }

    private void handle(KeycloakSession session, AdminEvent event) {
        if (event.getOperationType() != OperationType.UPDATE || event.getResourcePath() == null) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        if (realm == null || !realms.contains(realm.getName())) {
            return;
        }
        String path = event.getResourcePath();
        if (event.getResourceType() == ResourceType.ORGANIZATION && path.startsWith("organizations/")) {
            OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
            OrganizationModel agency = organizations == null ? null
                    : organizations.getById(path.substring("organizations/".length()).split("/")[0]);
            if (agency != null && !agency.isEnabled()) {
                agency.getIdentityProviders().forEach(idp -> ended(session, realm, idp.getAlias(), "agency_disabled"));
            }
        } else if (event.getResourceType() == ResourceType.IDENTITY_PROVIDER && path.startsWith("identity-provider/instances/")) {
            String alias = path.substring("identity-provider/instances/".length()).split("/")[0];
            IdentityProviderModel idp = session.identityProviders().getByAlias(alias);
            if (idp != null && !idp.isEnabled()) {
                ended(session, realm, alias, "idp_disabled");
            }
        }
    }

    private static void ended(KeycloakSession session, RealmModel realm, String alias, String reason) {
        int users = IdpSessions.end(session, realm, alias);
        EVENTS.infof("{\"type\":\"sessions_ended\",\"reason\":\"%s\",\"idp\":\"%s\",\"users\":%d}", reason, alias, users);
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public void init(Config.Scope config) {
        realms = de.dvc.iam.keycloak.agency.FederationRealms.of(config);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // nothing to do after start
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
