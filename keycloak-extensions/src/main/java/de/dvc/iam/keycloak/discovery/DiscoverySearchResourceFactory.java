package de.dvc.iam.keycloak.discovery;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Registers the JSON agency search at {@code /realms/<realm>/dvc-discovery/search}. It is public, so its
 * rate is bounded per client address: options {@code rate-per-second} (default 10), {@code rate-burst}
 * (default 40: a person typing a name) and {@code rate-clients} (default 100000 addresses tracked per node).
 * Behind a load balancer Keycloak must see the client address ({@code --proxy-headers}).
 */
public final class DiscoverySearchResourceFactory implements RealmResourceProviderFactory {

    public static final String PROVIDER_ID = "dvc-discovery";

    private de.dvc.iam.core.ratelimit.RequestRate rate;

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new DiscoverySearchResource(session, rate);
            }

            @Override
            public void close() {
                // per-request view; nothing to release
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
        rate = new de.dvc.iam.core.ratelimit.RequestRate(config.getInt("rate-per-second", 10), config.getInt("rate-burst", 40),
                config.getInt("rate-clients", 100_000));
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
