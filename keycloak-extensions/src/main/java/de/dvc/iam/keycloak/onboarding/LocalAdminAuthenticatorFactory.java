package de.dvc.iam.keycloak.onboarding;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;

/** Registers {@link LocalAdminAuthenticator}; it is stateless, so one instance serves all. */
public final class LocalAdminAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "dvc-local-admin";

    private static final LocalAdminAuthenticator AUTHENTICATOR = new LocalAdminAuthenticator();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "DVC local admin (after password and TOTP)";
    }

    @Override
    public String getReferenceCategory() {
        return "dvc-local-admin";
    }

    @Override
    public String getHelpText() {
        return "Completes a login of an invited local agency admin account, to the registration API's own clients only; refuses anything else.";
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
