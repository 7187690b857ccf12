package de.dvc.iam.keycloak.audit;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Registers the audit query API at {@code /realms/<realm>/dvc-audit} ({@link AuditResource}). */
public final class AuditResourceFactory implements RealmResourceProviderFactory {

    public static final String PROVIDER_ID = "dvc-audit";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                // Without the trail (provider dvc-audit removed from the distribution) the API does not exist: 404.
                return AuditTrail.of(session).map(trail -> new AuditResource(session, trail)).orElse(null);
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
