package de.dvc.iam.keycloak.discovery;

import de.dvc.iam.core.agency.Agency;
import de.dvc.iam.core.discovery.AgencyListing;
import de.dvc.iam.keycloak.agency.IdpAgency;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.Optional;

/**
 * The agency an IdP belongs to, for token and audit work on every request: from the node's
 * in-memory agency directory, else (an agency newer than the directory, or an IdP it does not list, e.g. one in
 * its sandbox test) live by {@link IdpAgency}, with the same checks as the directory's
 * listing. Redirects use {@link KeycloakAgencies}, which checks live state.
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
        return IdpAgency.live(session, session.identityProviders().getByAlias(alias))
                .map(IdpAgency::agency);
    }
}
