package de.dvc.iam.keycloak.identity;

/** Registers {@link ServiceAccessAuthenticator}; it is stateless, so one instance serves all. */
public final class ServiceAccessAuthenticatorFactory extends StatelessAuthenticatorFactory {

    public static final String PROVIDER_ID = "dvc-service-access";

    public ServiceAccessAuthenticatorFactory() {
        super(PROVIDER_ID, "DVC service access (SSO)",
                "After the SSO cookie: checks the service's access policy and assurance; steps up at the home IdP or refuses.",
                new ServiceAccessAuthenticator());
    }
}
