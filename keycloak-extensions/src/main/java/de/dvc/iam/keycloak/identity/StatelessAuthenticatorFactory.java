package de.dvc.iam.keycloak.identity;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;

/**
 * The factory of a DVC authenticator that holds no state and has no settings: one instance serves all requests; it
 * is either required or disabled in a flow, and sets up nothing for the user.
 */
public abstract class StatelessAuthenticatorFactory implements AuthenticatorFactory {

    private final String id;
    private final String displayType;
    private final String helpText;
    private final Authenticator authenticator;

    protected StatelessAuthenticatorFactory(String id, String displayType, String helpText, Authenticator authenticator) {
        this.id = id;
        this.displayType = displayType;
        this.helpText = helpText;
        this.authenticator = authenticator;
    }

    @Override
    public final String getId() {
        return id;
    }

    @Override
    public final String getDisplayType() {
        return displayType;
    }

    @Override
    public final String getReferenceCategory() {
        return id;
    }

    @Override
    public final String getHelpText() {
        return helpText;
    }

    @Override
    public final boolean isConfigurable() {
        return false;
    }

    @Override
    public final Requirement[] getRequirementChoices() {
        return new Requirement[] {Requirement.REQUIRED, Requirement.DISABLED};
    }

    @Override
    public final boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public final List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    @Override
    public final Authenticator create(KeycloakSession session) {
        return authenticator;
    }

    @Override
    public final void init(Config.Scope config) {
        // no server options
    }

    @Override
    public final void postInit(KeycloakSessionFactory factory) {
        // nothing to do after start
    }

    @Override
    public final void close() {
        // nothing to release
    }
}
