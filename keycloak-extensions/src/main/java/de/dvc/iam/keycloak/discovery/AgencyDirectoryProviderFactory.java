package de.dvc.iam.keycloak.discovery;

import org.keycloak.provider.ProviderFactory;

/** Factory of {@link AgencyDirectoryProvider}s. */
public interface AgencyDirectoryProviderFactory extends ProviderFactory<AgencyDirectoryProvider> {
}
