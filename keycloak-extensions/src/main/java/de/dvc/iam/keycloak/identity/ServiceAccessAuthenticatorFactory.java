package de.dvc.iam.keycloak.identity;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;

/** Registers {@link ServiceAccessAuthenticator}; it is stateless, so one instance serves all. */
public final class ServiceAccessAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "dvc-service-access";

    private static final ServiceAccessAuthenticator AUTHENTICATOR = new ServiceAccessAuthenticator();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "DVC service access (SSO)";
    }

    @Override
    public String getReferenceCategory() {
        return "dvc-service-access";
    }

    @Override
    public String getHelpText() {
        return "After the SSO cookie: checks the service's access policy and assurance; steps up at the home IdP or refuses.";
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return new Requirement[] {Requirement.REQUIRED, Requirement.DISABLED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return AUTHENTICATOR;
    }

    @Override
    public void init(Config.Scope config) {
        // no server options
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // nothing to do after start
    }

    @Override
    public void close() {
        // nothing to release
    }
}
