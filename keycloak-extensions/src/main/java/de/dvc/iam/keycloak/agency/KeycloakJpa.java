package de.dvc.iam.keycloak.agency;

import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;

import java.util.Optional;

/**
 * The session's JPA EntityManager, looked up by name because keycloak-model-jpa cannot be compiled
 * against from Maven Central (its parent POM is not published). Empty on a store without one.
 */
public final class KeycloakJpa {

    private static final Logger LOG = Logger.getLogger(KeycloakJpa.class);
    private static final String JPA_CONNECTION_PROVIDER = "org.keycloak.connections.jpa.JpaConnectionProvider";

    private KeycloakJpa() {
    }

    public static Optional<EntityManager> entityManager(KeycloakSession session) {
        try {
            Class<?> spi = Class.forName(JPA_CONNECTION_PROVIDER, true, KeycloakSession.class.getClassLoader());
            @SuppressWarnings("unchecked")
            Object provider = session.getProvider((Class<org.keycloak.provider.Provider>) spi);
            return provider == null ? Optional.empty() : Optional.of((EntityManager) spi.getMethod("getEntityManager").invoke(provider));
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            LOG.debugf("No JPA EntityManager: %s", e);
            return Optional.empty();
        }
    }
}
