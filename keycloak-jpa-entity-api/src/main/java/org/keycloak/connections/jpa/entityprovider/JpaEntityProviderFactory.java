package org.keycloak.connections.jpa.entityprovider;

import org.keycloak.provider.ProviderFactory;

/** Compile-only declaration of Keycloak 26.7.3's interface of this name (see {@link JpaEntityProvider}). */
public interface JpaEntityProviderFactory extends ProviderFactory<JpaEntityProvider> {
}
