package de.dvc.iam.keycloak.onboarding;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Registers the agency API at {@code /realms/<realm>/}{@value #PROVIDER_ID} ({@link AgencyResource}). */
public final class AgencyResourceFactory implements RealmResourceProviderFactory {

    public static final String PROVIDER_ID = "dvc-agencies";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new AgencyResource(session);
            }

            @Override
            public void close() {
                // per-request view; nothing to release
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
