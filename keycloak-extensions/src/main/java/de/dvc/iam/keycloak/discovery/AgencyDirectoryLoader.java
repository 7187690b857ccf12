package de.dvc.iam.keycloak.discovery;

import de.dvc.iam.core.agency.AgencyAttributes;
import de.dvc.iam.core.discovery.AgencyDirectory;
import de.dvc.iam.core.discovery.AgencyListing;
import org.jboss.logging.Logger;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a realm's agencies from Keycloak: enabled organizations that describe an agency and have
 * at least one enabled IdP. An organization that is not a valid agency is skipped with a warning
 * naming it, so one bad record never empties discovery.
 */
final class AgencyDirectoryLoader {

    private static final Logger LOG = Logger.getLogger(AgencyDirectoryLoader.class);

    private AgencyDirectoryLoader() {
    }

    static AgencyDirectory load(KeycloakSession session, RealmModel realm) {
        session.getContext().setRealm(realm);
        Map<String, List<String>> idpsByOrganization = session.identityProviders().getAllStream(Map.of(), null, null)
                .filter(idp -> idp.isEnabled() && idp.getOrganizationId() != null)
                .sorted(Comparator.comparing(IdentityProviderModel::getAlias))
                .collect(Collectors.groupingBy(IdentityProviderModel::getOrganizationId,
                        Collectors.mapping(IdentityProviderModel::getAlias, Collectors.toList())));
        List<AgencyListing> listings = new ArrayList<>(idpsByOrganization.size());
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        organizations.getAllStream().forEach(organization -> {
            List<String> idps = idpsByOrganization.get(organization.getId());
            if (idps != null && organization.isEnabled()) {
                toListing(organization, idps, listings);
            }
        });
        return AgencyDirectory.of(listings);
    }

    private static void toListing(OrganizationModel organization, List<String> idps, List<AgencyListing> into) {
        try {
            into.add(new AgencyListing(AgencyAttributes.fromAttributes(organization.getAlias(), organization.getName(),
                    organization.getAttributes()), idps));
        } catch (IllegalArgumentException e) {
            LOG.warnf("Organization '%s' is left out of discovery: %s", organization.getAlias(), e.getMessage());
        }
    }
}
