package de.dvc.iam.keycloak.discovery;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Registers the JSON agency search at {@code /realms/<realm>/dvc-discovery/search}. */
public final class DiscoverySearchResourceFactory implements RealmResourceProviderFactory {

    public static final String PROVIDER_ID = "dvc-discovery";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new DiscoverySearchResource(session);
            }

            @Override
            public void close() {
                // per-request view; nothing to release
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
        // no server options
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
