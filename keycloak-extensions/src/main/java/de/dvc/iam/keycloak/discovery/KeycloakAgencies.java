package de.dvc.iam.keycloak.discovery;

import de.dvc.iam.keycloak.registration.RegistrationGate;
import de.dvc.iam.core.discovery.AgencyListing;
import de.dvc.iam.core.discovery.EmailDomain;
import de.dvc.iam.core.discovery.HomeIdpDiscovery;
import de.dvc.iam.keycloak.agency.IdpAgency;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Discovery's view of the federation in one Keycloak request. Search uses the in-memory directory;
 * everything that leads to a redirect (a chosen IdP, an email domain) is checked against the live
 * state, so an IdP disabled a moment ago is never offered as a way in.
 */
final class KeycloakAgencies implements HomeIdpDiscovery.Agencies {

    private final KeycloakSession session;

    KeycloakAgencies(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Optional<AgencyListing> byIdp(String alias) {
        if (alias == null || alias.isBlank() || alias.length() > 255) {
            return Optional.empty();
        }
        IdentityProviderModel idp = session.identityProviders().getByAlias(alias);
        if (idp == null || !idp.isEnabled() || idp.getOrganizationId() == null
                || !RegistrationGate.admits(idp, session.getContext().getAuthenticationSession())) {
            return Optional.empty();
        }
        AgencyListing listed = directory().byIdp(alias);
        if (listed != null) {
            return Optional.of(listed);
        }
        return IdpAgency.live(session, idp).map(owner -> new AgencyListing(owner.agency(), List.of(alias)));
    }

    /**
     * The agency's production IdPs that may assert {@code domain} (each IdP asserts only the domains proven for it, see
     * {@link RegistrationGate#assertableDomains}): a user of the agency's second IdP, proven for another domain, is not
     * offered a way in that would refuse her. If none may (an IdP set up before domains were bound per IdP), all of the
     * agency's: the login's own domain check still refuses, with its page.
     */
    @Override
    public List<String> idpsForDomain(String domain) {
        for (String candidate : EmailDomain.coveringDomains(domain)) {
            OrganizationModel organization = organizations().getByDomainName(candidate);
            if (organization != null && organization.isEnabled()) {
                List<IdentityProviderModel> idps = organization.getIdentityProviders().filter(IdentityProviderModel::isEnabled)
                        .filter(RegistrationGate::isProduction).sorted(Comparator.comparing(IdentityProviderModel::getAlias)).toList();
                java.util.Set<String> verified = de.dvc.iam.keycloak.agency.AgencyOrganizations.verifiedDomains(organization);
                List<String> asserting = idps.stream().filter(idp -> RegistrationGate.assertableDomains(idp, verified).contains(candidate))
                        .map(IdentityProviderModel::getAlias).toList();
                return asserting.isEmpty() ? idps.stream().map(IdentityProviderModel::getAlias).toList() : asserting;
            }
        }
        return List.of();
    }

    @Override
    public List<AgencyListing> search(String query, int limit) {
        return directory().search(query, limit);
    }

    private de.dvc.iam.core.discovery.AgencyDirectory directory() {
        return session.getProvider(AgencyDirectoryProvider.class).directory(session.getContext().getRealm());
    }

    private OrganizationProvider organizations() {
        return session.getProvider(OrganizationProvider.class);
    }
}
