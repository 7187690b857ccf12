package org.keycloak.connections.jpa.entityprovider;

import org.keycloak.provider.Provider;

import java.util.List;

/**
 * Compile-only declaration of Keycloak 26.7.3's interface of this name (module keycloak-model-jpa), with the
 * same methods; never shipped (see this module's POM). The server's class is the one loaded at run time.
 */
public interface JpaEntityProvider extends Provider {

    List<Class<?>> getEntities();

    String getChangelogLocation();

    String getFactoryId();
}
