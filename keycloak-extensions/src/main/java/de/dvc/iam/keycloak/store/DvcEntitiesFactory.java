package de.dvc.iam.keycloak.store;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Registers {@link DvcEntities}; Keycloak runs the changelog at start, on H2 and PostgreSQL alike. */
public final class DvcEntitiesFactory implements JpaEntityProviderFactory {

    public static final String PROVIDER_ID = "dvc-entities";
    private static final DvcEntities ENTITIES = new DvcEntities();

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return ENTITIES;
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
