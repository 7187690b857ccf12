package de.dvc.iam.keycloak.discovery;

import org.keycloak.Config;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;

import java.util.Set;

/**
 * Global listener: an admin change to an organization (agency) or an identity provider of a federation realm moves
 * that realm's {@link DirectoryVersion}, in the change's own transaction, so every node's discovery rebuilds within
 * seconds. Registration transitions move it too ({@code RegistrationRecord}).
 */
public final class DirectoryChangeListenerFactory implements EventListenerProviderFactory {

    public static final String PROVIDER_ID = "dvc-directory-changes";

    private Set<String> realms = Set.of("dvc");

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new EventListenerProvider() {
            @Override
            public void onEvent(Event event) {
                // logins change no agency
            }

            @Override
            public void onEvent(AdminEvent event, boolean includeRepresentation) {
                if (event.getResourceType() != ResourceType.ORGANIZATION && event.getResourceType() != ResourceType.IDENTITY_PROVIDER) {
                    return;
                }
                RealmModel realm = session.realms().getRealm(event.getRealmId());
                if (realm != null && realms.contains(realm.getName())) {
                    String[] path = event.getResourcePath() == null ? new String[0] : event.getResourcePath().split("/");
                    if (event.getResourceType() == ResourceType.ORGANIZATION && path.length >= 2 && "organizations".equals(path[0])) {
                        DirectoryVersion.changed(session, realm.getId(), DirectoryVersion.ORGANIZATION, path[1]);
                    } else if (event.getResourceType() == ResourceType.IDENTITY_PROVIDER && path.length >= 3
                            && "identity-provider".equals(path[0]) && "instances".equals(path[1])) {
                        DirectoryVersion.changed(session, realm.getId(), DirectoryVersion.IDP, path[2]);
                    } else {
                        DirectoryVersion.changed(session, realm.getId(), DirectoryVersion.ALL, event.getResourcePath());
                    }
                }
            }

            @Override
            public void close() {
                // holds nothing
            }
        };
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
