package de.dvc.iam.keycloak.discovery;

import de.dvc.iam.core.discovery.EmailDomain;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agency IdPs a user may be sent to: enabled identity providers linked to an agency
 * (organization). IdPs not linked to an agency are never offered by discovery.
 */
final class AgencyIdps {

    private final KeycloakSession session;

    AgencyIdps(KeycloakSession session) {
        this.session = session;
    }

    Optional<IdentityProviderModel> byAlias(String alias) {
        if (alias == null || alias.isBlank() || alias.length() > 255) {
            return Optional.empty();
        }
        return Optional.ofNullable(session.identityProviders().getByAlias(alias)).filter(AgencyIdps::offered);
    }

    /** The IdPs of the agency that verified {@code domain} or a parent of it, most specific domain first. */
    List<IdentityProviderModel> byDomain(String domain) {
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        for (String candidate : EmailDomain.coveringDomains(domain)) {
            OrganizationModel organization = organizations.getByDomainName(candidate);
            if (organization != null && organization.isEnabled()) {
                return organization.getIdentityProviders().filter(AgencyIdps::offered)
                        .sorted(Comparator.comparing(AgencyIdps::label)).toList();
            }
        }
        return List.of();
    }

    /** At most {@code max} agency IdPs by display name, for the plain chooser. */
    List<IdentityProviderModel> listed(int max) {
        return session.identityProviders().getAllStream(Map.of(), 0, max * 2)
                .filter(AgencyIdps::offered)
                .sorted(Comparator.comparing(AgencyIdps::label))
                .limit(max).toList();
    }

    static String label(IdentityProviderModel idp) {
        return idp.getDisplayName() == null || idp.getDisplayName().isBlank() ? idp.getAlias() : idp.getDisplayName();
    }

    private static boolean offered(IdentityProviderModel idp) {
        return idp.isEnabled() && idp.getOrganizationId() != null;
    }
}
