package de.dvc.iam.demo;

import de.dvc.iam.core.agency.Agency;
import de.dvc.iam.core.agency.AgencyAttributes;
import org.keycloak.representations.idm.OrganizationDomainRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;

/** The Keycloak organization that stands for an agency (docs/architecture.md, "Agencies are Keycloak organizations"). */
final class AgencyOrganization {

    private AgencyOrganization() {
    }

    /**
     * @param nameTaken whether another organization of the realm already has the agency's name
     *                  (then the organization name carries the agency id, see {@link AgencyAttributes#NAME})
     */
    static OrganizationRepresentation of(Agency agency, String verifiedDomain, boolean nameTaken) {
        OrganizationRepresentation organization = new OrganizationRepresentation();
        organization.setAlias(agency.id());
        organization.setName(AgencyAttributes.organizationName(agency, nameTaken));
        organization.setEnabled(true);
        organization.setAttributes(AgencyAttributes.toAttributes(agency));
        OrganizationDomainRepresentation domain = new OrganizationDomainRepresentation(verifiedDomain);
        domain.setVerified(true);
        organization.addDomain(domain);
        return organization;
    }
}
