package de.dvc.iam.keycloak.directory;

import de.dvc.iam.core.directory.DirectoryClient;
import de.dvc.iam.core.directory.DirectoryNetworkGuard;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link DirectoryClient} (pool, circuit breaker) per directory IdP and node, made at its first login and made anew
 * when its settings change; the old one is closed. Thread-safe.
 */
public final class DirectoryClients implements AutoCloseable {

    private record Held(String fingerprint, DirectoryClient client) {
    }

    private final Map<String, Held> clients = new ConcurrentHashMap<>();
    private final DirectoryNetworkGuard guard;

    DirectoryClients(DirectoryNetworkGuard guard) {
        this.guard = guard;
    }

    public DirectoryNetworkGuard guard() {
        return guard;
    }

    /**
     * @throws IllegalArgumentException if the IdP's stored settings are broken
     */
    DirectoryClient of(KeycloakSession session, IdentityProviderModel idp) {
        String fingerprint = DirectoryConfig.fingerprint(idp);
        Held held = clients.compute(idp.getAlias(), (alias, current) -> {
            if (current != null && current.fingerprint().equals(fingerprint)) {
                return current;
            }
            if (current != null) {
                current.client().close();
            }
            return new Held(fingerprint, new DirectoryClient(alias, DirectoryConfig.settings(session, idp), guard));
        });
        return held.client();
    }

    @Override
    public void close() {
        clients.values().forEach(held -> held.client().close());
        clients.clear();
    }
}
