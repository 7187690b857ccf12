package de.dvc.iam.keycloak.agency;

import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.List;
import java.util.Optional;

/**
 * Finds the organization of an agency by its id (the organization alias). Keycloak's organization
 * API searches names only, so this asks the database directly (one indexed query); on a store
 * without JPA it falls back to a scan.
 */
public final class AgencyOrganizations {

    private static final Logger LOG = Logger.getLogger(AgencyOrganizations.class);

    private AgencyOrganizations() {
    }

    /**
     * Every domain (verified or not) of every agency of the realm but {@code agency}: a new claim is checked against all
     * of them (equal, parent, child, lookalike). One query; a scan where there is no JPA store.
     */
    public static List<String> domainsOfOthers(KeycloakSession session, OrganizationModel agency) {
        Optional<EntityManager> entityManager = KeycloakJpa.entityManager(session);
        if (entityManager.isPresent()) {
            try {
                return entityManager.get().createQuery("select d.name from OrganizationDomainEntity d "
                                + "where d.organization.realmId = :realm and d.organization.id <> :id", String.class)
                        .setParameter("realm", session.getContext().getRealm().getId()).setParameter("id", agency.getId())
                        .getResultList();
            } catch (RuntimeException e) {
                LOG.debugf("Organization domain query failed, scanning instead: %s", e);
            }
        }
        return session.getProvider(OrganizationProvider.class).getAllStream().filter(o -> !o.getId().equals(agency.getId()))
                .flatMap(OrganizationModel::getDomains).map(org.keycloak.models.OrganizationDomainModel::getName).toList();
    }

    /** The domains the agency holds as verified (Keycloak's organization domains marked verified). */
    public static java.util.Set<String> verifiedDomains(OrganizationModel organization) {
        return organization.getDomains().filter(org.keycloak.models.OrganizationDomainModel::isVerified)
                .map(org.keycloak.models.OrganizationDomainModel::getName).collect(java.util.stream.Collectors.toSet());
    }

    /**
     * The organization an IdP is linked to, read live from the store, enabled or not: what the registrations' domain
     * binding changes. Whose agency an IdP speaks for is {@link IdpAgency}'s (it checks the organization as well).
     * Empty for an IdP linked to none, or to an organization since deleted.
     */
    public static Optional<OrganizationModel> ofIdp(KeycloakSession session, org.keycloak.models.IdentityProviderModel idp) {
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        if (organizations == null || idp == null || idp.getOrganizationId() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(organizations.getById(idp.getOrganizationId()));
    }

    public static Optional<OrganizationModel> byAgencyId(KeycloakSession session, String agencyId) {
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        if (organizations == null || agencyId == null) {
            return Optional.empty();
        }
        Optional<EntityManager> entityManager = KeycloakJpa.entityManager(session);
        if (entityManager.isPresent()) {
            try {
                List<String> ids = entityManager.get().createQuery(
                                "select o.id from OrganizationEntity o where o.realmId = :realm and o.alias = :alias", String.class)
                        .setParameter("realm", session.getContext().getRealm().getId()).setParameter("alias", agencyId)
                        .setMaxResults(1).getResultList();
                return ids.isEmpty() ? Optional.empty() : Optional.ofNullable(organizations.getById(ids.get(0)));
            } catch (RuntimeException e) {
                LOG.debugf("Organization query by alias failed, scanning instead: %s", e);
            }
        }
        return organizations.getAllStream().filter(o -> agencyId.equals(o.getAlias())).findFirst();
    }
}
