package de.dvc.iam.keycloak.agency;

import de.dvc.iam.core.agency.Agency;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;

import java.util.Optional;

/**
 * The agency an IdP belongs to, read live from the store: the one resolver for logins (the profile mapper, the
 * directory form), discovery's live checks before a redirect, and — behind the node's in-memory directory —
 * tokens, audit and agency admins designated by their IdP ({@code IdpAgencies}). The checks are the strictest any of
 * them made: the IdP is linked to an organization that exists, is enabled, and describes a valid agency
 * ({@link OrganizationAgency}, which names a broken one in a warning). The directory lists no other agencies.
 *
 * @param organization the Keycloak organization (its verified domains are the agency's)
 * @param agency       the agency it describes
 */
public record IdpAgency(OrganizationModel organization, Agency agency) {

    /** The agency of {@code idp}; empty for none, or one that is deleted, disabled or not a valid agency. */
    public static Optional<IdpAgency> live(KeycloakSession session, IdentityProviderModel idp) {
        return AgencyOrganizations.ofIdp(session, idp).filter(OrganizationModel::isEnabled)
                .flatMap(organization -> OrganizationAgency.of(organization).map(agency -> new IdpAgency(organization, agency)));
    }
}
