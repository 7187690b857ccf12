package de.dvc.iam.keycloak.discovery;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;

/** Registers {@link HomeIdpDiscoveryAuthenticator}; it is stateless, so one instance serves all. */
public final class HomeIdpDiscoveryAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "dvc-home-idp-discovery";

    private static final HomeIdpDiscoveryAuthenticator AUTHENTICATOR = new HomeIdpDiscoveryAuthenticator();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "DVC home IdP discovery";
    }

    @Override
    public String getReferenceCategory() {
        return "identity-provider-discovery";
    }

    @Override
    public String getHelpText() {
        return "Finds the user's agency (kc_idp_hint, login_hint, remembered choice, email domain, search) and redirects to its IdP.";
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return new Requirement[] {Requirement.REQUIRED, Requirement.ALTERNATIVE, Requirement.DISABLED};
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
