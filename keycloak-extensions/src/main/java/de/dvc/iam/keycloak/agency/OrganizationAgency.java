package de.dvc.iam.keycloak.agency;

import de.dvc.iam.core.agency.Agency;
import de.dvc.iam.core.agency.AgencyAttributes;
import org.jboss.logging.Logger;
import org.keycloak.models.OrganizationModel;

import java.util.Optional;

/**
 * The agency a Keycloak organization stands for ({@link AgencyAttributes}). An organization that is
 * not a valid agency yields empty and a warning naming it, so one bad record never breaks a login or
 * empties discovery.
 */
public final class OrganizationAgency {

    private static final Logger LOG = Logger.getLogger(OrganizationAgency.class);

    private OrganizationAgency() {
    }

    public static Optional<Agency> of(OrganizationModel organization) {
        try {
            return Optional.of(AgencyAttributes.fromAttributes(organization.getAlias(), organization.getName(),
                    organization.getAttributes()));
        } catch (IllegalArgumentException e) {
            LOG.warnf("Organization '%s' is not a valid DVC agency and is ignored: %s", organization.getAlias(), e.getMessage());
            return Optional.empty();
        }
    }
}
