package de.dvc.iam.keycloak.discovery;

import de.dvc.iam.keycloak.agency.KeycloakJpa;
import de.dvc.iam.keycloak.registration.RegistrationGate;
import de.dvc.iam.core.discovery.AgencyDirectory;
import de.dvc.iam.core.discovery.AgencyListing;
import de.dvc.iam.keycloak.agency.OrganizationAgency;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import org.jboss.logging.Logger;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
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

    /** A loaded directory and the organization id of each of its agencies (agency id → organization id). */
    record Loaded(AgencyDirectory directory, Map<String, String> organizationOfAgency) {
    }

    /**
     * The current listings of the organizations {@code organizationIds} (those that are, still or now, agencies with an
     * enabled production IdP), by organization id: what an incremental update puts in place of their old listings.
     */
    static Map<String, AgencyListing> listings(KeycloakSession session, RealmModel realm, java.util.Set<String> organizationIds) {
        session.getContext().setRealm(realm);
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        Map<String, AgencyListing> listings = new java.util.HashMap<>();
        for (String id : organizationIds) {
            org.keycloak.models.OrganizationModel organization = organizations.getById(id);
            if (organization == null || !organization.isEnabled()) {
                continue;
            }
            List<String> idps = organization.getIdentityProviders()
                    .filter(IdentityProviderModel::isEnabled)
                    .filter(RegistrationGate::isProduction)
                    .map(IdentityProviderModel::getAlias).sorted().toList();
            if (!idps.isEmpty()) {
                OrganizationAgency.of(organization).ifPresent(agency -> listings.put(id, new AgencyListing(agency, idps)));
            }
        }
        return listings;
    }

    static Loaded load(KeycloakSession session, RealmModel realm) {
        session.getContext().setRealm(realm);
        // Reading 12,000 organizations makes Hibernate auto-flush its growing persistence context
        // before every one of their queries (quadratic: minutes). This read-only load never writes,
        // so flushing at commit only is safe and makes it linear.
        EntityManager entityManager = KeycloakJpa.entityManager(session).orElse(null);
        FlushModeType flushMode = entityManager == null ? null : entityManager.getFlushMode();
        if (entityManager != null) {
            entityManager.setFlushMode(FlushModeType.COMMIT);
        }
        try {
            return read(session);
        } finally {
            if (entityManager != null) {
                entityManager.setFlushMode(flushMode);
            }
        }
    }

    private static Loaded read(KeycloakSession session) {
        // Filter in the query: the cached model's isEnabled() looks up the organization of each IdP.
        Map<String, List<String>> idpsByOrganization = session.identityProviders()
                .getAllStream(Map.of(IdentityProviderModel.ENABLED, "true", IdentityProviderModel.ORGANIZATION_ID_NOT_NULL, "true"),
                        null, null)
                .filter(idp -> idp.getOrganizationId() != null)
                .filter(RegistrationGate::isProduction) // registered IdPs appear once approved
                .sorted(Comparator.comparing(IdentityProviderModel::getAlias))
                .collect(Collectors.groupingBy(IdentityProviderModel::getOrganizationId,
                        Collectors.mapping(IdentityProviderModel::getAlias, Collectors.toList())));
        List<AgencyListing> listings = new ArrayList<>(idpsByOrganization.size());
        Map<String, String> organizationOfAgency = new java.util.HashMap<>();
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        organizations.getAllStream().forEach(organization -> {
            List<String> idps = idpsByOrganization.get(organization.getId());
            if (idps != null && organization.isEnabled()) {
                OrganizationAgency.of(organization).ifPresent(agency -> {
                    listings.add(new AgencyListing(agency, idps));
                    organizationOfAgency.put(agency.id(), organization.getId());
                });
            }
        });
        return new Loaded(AgencyDirectory.of(listings), organizationOfAgency);
    }
}
