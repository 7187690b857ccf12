package de.dvc.iam.config.keycloak;

import de.dvc.iam.config.model.AgencySpec;
import de.dvc.iam.config.model.Origin;
import de.dvc.iam.config.plan.DesiredFederation;
import de.dvc.iam.config.state.ObjectKind;
import de.dvc.iam.config.state.Ownership;
import de.dvc.iam.config.state.ServerAgency;
import de.dvc.iam.config.state.Unreadable;
import de.dvc.iam.core.agency.Agency;
import de.dvc.iam.core.agency.AgencyAttributes;
import org.keycloak.representations.idm.OrganizationDomainRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An agency as a Keycloak organization (docs/architecture.md): alias = agency id, name = the agency's name (with its
 * id in parentheses where another organization has the name, {@link AgencyAttributes#organizationName}), iam-core's
 * {@link AgencyAttributes} plus the Leitweg-ID and DVDV key, the verified domains. Stateless.
 */
final class AgencyMapping {

    /** Attributes apply writes; other attributes of an organization are kept as they are. */
    private static final Set<String> MANAGED = Set.of(AgencyAttributes.NAME, AgencyAttributes.SHORT_NAME, AgencyAttributes.LEVEL,
            AgencyAttributes.STATE, AgencyAttributes.AGS, AgencyAttributes.ARS, Managed.LEITWEG_ID, Managed.DVDV, Managed.MARKER);

    private AgencyMapping() {
    }

    /**
     * The organization for {@code spec}.
     *
     * @param current   the organization as it is (an update: its id, other attributes and the domains in {@code kept}
     *                  stay), or empty (a create)
     * @param kept      domains self-service registrations hold, kept whatever the files say
     * @param nameTaken whether another organization has the agency's name
     */
    static OrganizationRepresentation organization(AgencySpec spec, Optional<OrganizationRepresentation> current,
                                                   Set<String> kept, boolean nameTaken) {
        Agency agency = Agency.builder(spec.id(), spec.name(), spec.level()).shortName(spec.shortName().orElse(null))
                .state(spec.state().orElse(null)).ags(spec.keys().ags().orElse(null)).ars(spec.keys().ars().orElse(null)).build();
        OrganizationRepresentation organization = new OrganizationRepresentation();
        current.ifPresent(c -> organization.setId(c.getId()));
        organization.setAlias(spec.id());
        organization.setName(AgencyAttributes.organizationName(agency, nameTaken));
        organization.setEnabled(current.map(OrganizationRepresentation::isEnabled).orElse(true));
        current.ifPresent(c -> {
            organization.setDescription(c.getDescription());
            organization.setRedirectUrl(c.getRedirectUrl());
        });
        Map<String, List<String>> attributes = new HashMap<>();
        current.map(OrganizationRepresentation::getAttributes).ifPresent(a -> a.forEach((k, v) -> {
            if (!MANAGED.contains(k)) {
                attributes.put(k, v);
            }
        }));
        attributes.putAll(AgencyAttributes.toAttributes(agency));
        spec.keys().leitwegId().ifPresent(v -> attributes.put(Managed.LEITWEG_ID, List.of(v)));
        spec.keys().dvdv().ifPresent(v -> attributes.put(Managed.DVDV, List.of(v)));
        attributes.put(Managed.MARKER, List.of(Managed.VALUE));
        organization.setAttributes(attributes);
        Set<String> domains = new TreeSet<>(kept);
        spec.domains().forEach(d -> domains.add(DesiredFederation.ascii(d)));
        for (String name : domains) {
            OrganizationDomainRepresentation domain = new OrganizationDomainRepresentation(name);
            domain.setVerified(true);
            organization.addDomain(domain);
        }
        return organization;
    }

    /** @return the agency, or why the organization is none */
    static Reading read(OrganizationRepresentation organization, Set<String> registrationDomains) {
        Map<String, List<String>> attributes = organization.getAttributes() == null ? Map.of() : organization.getAttributes();
        Ownership ownership = Managed.ofAttributes(attributes);
        String alias = organization.getAlias() == null ? organization.getName() : organization.getAlias();
        Agency agency;
        try {
            agency = AgencyAttributes.fromAttributes(alias, organization.getName(), attributes);
        } catch (IllegalArgumentException e) {
            return Reading.unreadable(new Unreadable(ObjectKind.AGENCY, alias, ownership, e.getMessage()));
        }
        List<String> domains = new ArrayList<>();
        if (organization.getDomains() != null) {
            organization.getDomains().forEach(d -> domains.add(d.getName()));
        }
        domains.sort(null);
        AgencySpec spec = new AgencySpec(agency.id(), agency.name(), agency.shortName(), agency.level(), agency.state(),
                new AgencySpec.Keys(agency.ags(), agency.ars(), first(attributes, Managed.LEITWEG_ID), first(attributes, Managed.DVDV)),
                domains, List.of(), Origin.server("organizations/" + alias));
        return Reading.of(new ServerAgency(spec, ownership, registrationDomains, organization.getId()));
    }

    private static Optional<String> first(Map<String, List<String>> attributes, String key) {
        List<String> values = attributes.get(key);
        return values == null ? Optional.empty() : values.stream().filter(v -> v != null && !v.isBlank()).findFirst();
    }
}
