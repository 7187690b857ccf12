package de.dvc.iam.keycloak.discovery;

import de.dvc.iam.core.agency.Agency;
import de.dvc.iam.core.discovery.AgencyListing;
import de.dvc.iam.keycloak.agency.OrganizationAgency;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

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
        return de.dvc.iam.keycloak.agency.AgencyOrganizations.ofIdp(session, session.identityProviders().getByAlias(alias))
                .flatMap(OrganizationAgency::of);
    }
}
