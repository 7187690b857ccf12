package de.dvc.iam.keycloak.discovery;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** SPI {@value #NAME}: where discovery and the search endpoint get the agency directory from. */
public final class AgencyDirectorySpi implements Spi {

    public static final String NAME = "dvc-agency-directory";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return AgencyDirectoryProvider.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return AgencyDirectoryProviderFactory.class;
    }
}
