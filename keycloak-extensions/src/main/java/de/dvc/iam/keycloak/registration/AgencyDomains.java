package de.dvc.iam.keycloak.registration;

import de.dvc.iam.core.registration.RegistrationPolicy;
import de.dvc.iam.core.registration.RegistrationState;
import de.dvc.iam.keycloak.agency.AgencyOrganizations;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationDomainModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Domain binding: a registration's proven domains become verified domains of its agency's organization on approval
 * (approved change requests alike), and lose that verification on retirement or withdrawal unless another live IdP of
 * the agency still holds them. Writes Keycloak's organization domains; the rule which domain another agency holds is
 * iam-core's {@link RegistrationPolicy#domainHeldByOther}. In the request's transaction.
 */
final class AgencyDomains {

    private final KeycloakSession session;

    AgencyDomains(KeycloakSession session) {
        this.session = session;
    }

    /**
     * The registration's proven domains become verified domains of the agency (domain binding).
     *
     * @return a domain another agency holds (then nothing is changed), or empty
     */
    Optional<String> verify(IdentityProviderModel idp, RegistrationRecord record) {
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        OrganizationModel agency = AgencyOrganizations.ofIdp(session, idp).orElse(null);
        if (agency == null) {
            return Optional.empty();
        }
        Optional<String> taken = RegistrationPolicy.domainHeldByOther(record.approvedProvenDomains(), domain -> {
            OrganizationModel owner = organizations.getByDomainName(domain);
            return owner == null ? null : owner.getId();
        }, agency.getId());
        if (taken.isPresent()) {
            return taken;
        }
        Set<OrganizationDomainModel> domains = agency.getDomains().collect(Collectors.toCollection(HashSet::new));
        for (String domain : record.approvedProvenDomains()) {
            domains.removeIf(d -> d.getName().equals(domain));
            domains.add(new OrganizationDomainModel(domain, true));
        }
        try {
            agency.setDomains(domains);
        } catch (org.keycloak.models.ModelDuplicateException e) {
            return record.approvedProvenDomains().stream().sorted().findFirst();
        }
        return Optional.empty();
    }

    /**
     * A retired registration's domains stay verified only while another live IdP of the agency holds them (its own
     * proof, or the organization domain the federation team set); otherwise they lose their verification, so no
     * later registration inherits a proof it did not make.
     */
    void release(IdentityProviderModel idp, RegistrationRecord record, Set<String> all, String action) {
        OrganizationModel agency = AgencyOrganizations.ofIdp(session, idp).orElse(null);
        if (agency == null || all.isEmpty()) {
            return;
        }
        Set<String> held = agency.getIdentityProviders()
                .filter(other -> !other.getAlias().equals(idp.getAlias()))
                .filter(other -> !RegistrationRecord.isRegistration(other) || RegistrationRecord.projectedState(other) != RegistrationState.RETIRED)
                .flatMap(other -> RegistrationGate.assertableDomains(other, all).stream())
                .collect(Collectors.toSet());
        Set<OrganizationDomainModel> domains = agency.getDomains().collect(Collectors.toCollection(HashSet::new));
        List<String> released = new ArrayList<>();
        for (String domain : all) {
            if (!held.contains(domain) && domains.removeIf(d -> d.getName().equals(domain) && d.isVerified())) {
                domains.add(new OrganizationDomainModel(domain, false));
                released.add(domain);
            }
        }
        if (!released.isEmpty()) {
            agency.setDomains(domains);
            record.note(action, "DVC IAM", "domain(s) " + String.join(", ", released) + " no longer verified");
        }
    }
}
