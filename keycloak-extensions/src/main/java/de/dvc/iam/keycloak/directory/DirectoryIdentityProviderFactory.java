package de.dvc.iam.keycloak.directory;

import de.dvc.iam.core.directory.DirectoryNetworkGuard;
import org.jboss.logging.Logger;
import org.keycloak.broker.provider.AbstractIdentityProviderFactory;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;

import java.util.Map;

/**
 * The agency directory as an IdP type. Which networks directories may be reached on is the registration API's option
 * {@code directory-allow} ({@code --spi-realm-restapi-extension--dvc-registrations--directory-allow=10.20.0.0/16}; none
 * by default: fail closed), so that validation and logins go through the same LDAP guard.
 */
public final class DirectoryIdentityProviderFactory extends AbstractIdentityProviderFactory<DirectoryIdentityProvider> {

    public static final String PROVIDER_ID = "dvc-ldap";
    private static final Logger LOG = Logger.getLogger(DirectoryIdentityProviderFactory.class);

    private DirectoryClients clients = new DirectoryClients(DirectoryNetworkGuard.none());

    /** The LDAP guard is the registration API's ({@code directory-allow}): validation and logins reach the same networks. */
    @Override
    public void postInit(org.keycloak.models.KeycloakSessionFactory factory) {
        Object registrations = factory.getProviderFactory(org.keycloak.services.resource.RealmResourceProvider.class,
                de.dvc.iam.keycloak.registration.RegistrationResourceFactory.PROVIDER_ID);
        if (registrations instanceof de.dvc.iam.keycloak.registration.RegistrationResourceFactory settings) {
            clients = new DirectoryClients(settings.directoryGuard());
        } else {
            LOG.warn("The registration API is not installed: agency directories may be reached on no network.");
        }
    }

    /** The clients and the LDAP guard of this node (the registration API validates with the same guard). */
    public static DirectoryClients clientsOf(KeycloakSession session) {
        Object factory = session.getKeycloakSessionFactory().getProviderFactory(org.keycloak.broker.provider.IdentityProvider.class, PROVIDER_ID);
        return ((DirectoryIdentityProviderFactory) factory).clients;
    }

    @Override
    public String getName() {
        return "DVC agency directory (LDAP / Active Directory)";
    }

    @Override
    public DirectoryIdentityProvider create(KeycloakSession session, IdentityProviderModel model) {
        return new DirectoryIdentityProvider(session, model, clients);
    }

    @Override
    public Map<String, String> parseConfig(KeycloakSession session, String config) {
        return Map.of();
    }

    @Override
    public IdentityProviderModel createConfig() {
        return new IdentityProviderModel();
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public void close() {
        clients.close();
    }
}
