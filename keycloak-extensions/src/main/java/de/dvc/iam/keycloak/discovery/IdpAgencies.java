package de.dvc.iam.keycloak.discovery;

import de.dvc.iam.core.agency.Agency;
import de.dvc.iam.core.discovery.AgencyListing;
import de.dvc.iam.keycloak.agency.OrganizationAgency;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.Optional;

/**
 * The agency an IdP belongs to, for token and audit work on every request: from the node's
 * in-memory agency directory, from the database only for an agency newer than the directory (or an
 * IdP the directory does not list). Redirects use {@link KeycloakAgencies}, which checks live state.
 */
public final class IdpAgencies {

    private IdpAgencies() {
    }

    public static Optional<Agency> of(KeycloakSession session, RealmModel realm, String alias) {
        if (alias == null) {
            return Optional.empty();
        }
        AgencyDirectoryProvider directories = session.getProvider(AgencyDirectoryProvider.class);
        AgencyListing listed = directories == null ? null : directories.directory(realm).byIdp(alias);
        if (listed != null) {
            return Optional.of(listed.agency());
        }
        IdentityProviderModel idp = session.identityProviders().getByAlias(alias);
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        if (idp == null || idp.getOrganizationId() == null || organizations == null) {
            return Optional.empty();
        }
        OrganizationModel organization = organizations.getById(idp.getOrganizationId());
        return organization == null ? Optional.empty() : OrganizationAgency.of(organization);
    }
}
