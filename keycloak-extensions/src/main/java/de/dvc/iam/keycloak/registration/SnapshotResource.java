package de.dvc.iam.keycloak.registration;

import de.dvc.iam.keycloak.agency.KeycloakJpa;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code GET /admin/realms/{realm}/dvc-federation/snapshot}: the realm's organizations (with attributes and domains),
 * identity providers (with config) and IdP mappers in one answer, read in seven queries of the server's own database
 * in one transaction: what {@code dvc-config plan}, {@code apply} and {@code export} compare the files with. The stock
 * admin API gives the same in pages, one organization at a time through the realm cache: at 12,000 agencies after a
 * restart or a large apply (a cold cache) that read took minutes (docs/performance.md, "Federation as code at national
 * size"). The JSON has the shape of Keycloak's representations ({@code OrganizationRepresentation},
 * {@code IdentityProviderRepresentation}, {@code IdentityProviderMapperRepresentation}); IdP secrets are masked as the
 * admin API masks them. One difference: an IdP's {@code enabled} is its own flag, the one apply writes and plan
 * compares; the stock API shows the IdPs of a disabled organization as disabled. Needs an administrator who may view
 * the realm and its identity providers.
 */
public final class SnapshotResource {

    /** What the admin API shows instead of a secret (Keycloak's {@code ComponentRepresentation.SECRET_VALUE}). */
    static final String MASKED = "**********";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    SnapshotResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response snapshot() {
        auth.realm().requireViewRealm();
        auth.realm().requireViewIdentityProviders();
        EntityManager em = KeycloakJpa.entityManager(session).orElse(null);
        if (em == null) {
            return Response.status(404).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("error", "not_available",
                    "error_description", "This server's store is not the JPA database; read the realm through the admin API.")).build();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("organizations", organizations(em));
        body.put("identityProviders", identityProviders(em));
        body.put("identityProviderMappers", mappers(em));
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private List<Map<String, Object>> organizations(EntityManager em) {
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        Map<String, Map<String, Object>> byGroup = new HashMap<>();
        for (Object[] row : em.createQuery("select o.id, o.name, o.alias, o.enabled, o.description, o.redirectUrl, o.groupId "
                + "from OrganizationEntity o where o.realmId = :realm order by o.alias", Object[].class)
                .setParameter("realm", realm.getId()).getResultList()) {
            Map<String, Object> organization = new LinkedHashMap<>();
            organization.put("id", row[0]);
            organization.put("name", row[1]);
            organization.put("alias", row[2]);
            organization.put("enabled", row[3]);
            putIfSet(organization, "description", row[4]);
            putIfSet(organization, "redirectUrl", row[5]);
            organization.put("attributes", new TreeMap<String, List<String>>());
            organization.put("domains", new ArrayList<Map<String, Object>>());
            byId.put((String) row[0], organization);
            byGroup.put((String) row[6], organization);
        }
        for (Object[] row : em.createQuery("select d.organization.id, d.name, d.verified from OrganizationDomainEntity d "
                + "where d.organization.realmId = :realm order by d.name", Object[].class).setParameter("realm", realm.getId()).getResultList()) {
            Map<String, Object> organization = byId.get((String) row[0]);
            if (organization != null) {
                Map<String, Object> domain = new LinkedHashMap<>();
                domain.put("name", row[1]);
                domain.put("verified", Boolean.TRUE.equals(row[2]));
                domains(organization).add(domain);
            }
        }
        for (Object[] row : em.createQuery("select a.group.id, a.name, a.value from GroupAttributeEntity a, OrganizationEntity o "
                + "where a.group.id = o.groupId and o.realmId = :realm order by a.id", Object[].class)
                .setParameter("realm", realm.getId()).getResultList()) {
            Map<String, Object> organization = byGroup.get((String) row[0]);
            if (organization != null) {
                attributes(organization).computeIfAbsent((String) row[1], k -> new ArrayList<>()).add((String) row[2]);
            }
        }
        return new ArrayList<>(byId.values());
    }

    private List<Map<String, Object>> identityProviders(EntityManager em) {
        Map<String, String> flows = realm.getAuthenticationFlowsStream()
                .collect(Collectors.toMap(AuthenticationFlowModel::getId, AuthenticationFlowModel::getAlias, (a, b) -> a));
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        for (Object[] row : em.createQuery("select i.internalId, i.alias, i.providerId, i.displayName, i.enabled, i.trustEmail, "
                + "i.storeToken, i.linkOnly, i.hideOnLogin, i.addReadTokenRoleOnCreate, i.authenticateByDefault, "
                + "i.firstBrokerLoginFlowId, i.postBrokerLoginFlowId, i.organizationId from IdentityProviderEntity i "
                + "where i.realmId = :realm order by i.alias", Object[].class).setParameter("realm", realm.getId()).getResultList()) {
            Map<String, Object> idp = new LinkedHashMap<>();
            idp.put("internalId", row[0]);
            idp.put("alias", row[1]);
            idp.put("providerId", row[2]);
            putIfSet(idp, "displayName", row[3]);
            idp.put("enabled", row[4]);
            // unset = false (the stock representation has some of them null then; dvc-config reads only true or not)
            idp.put("trustEmail", Boolean.TRUE.equals(row[5]));
            idp.put("storeToken", Boolean.TRUE.equals(row[6]));
            idp.put("linkOnly", Boolean.TRUE.equals(row[7]));
            idp.put("hideOnLogin", Boolean.TRUE.equals(row[8]));
            idp.put("addReadTokenRoleOnCreate", Boolean.TRUE.equals(row[9]));
            idp.put("authenticateByDefault", Boolean.TRUE.equals(row[10]));
            putIfSet(idp, "firstBrokerLoginFlowAlias", row[11] == null ? null : flows.get((String) row[11]));
            putIfSet(idp, "postBrokerLoginFlowAlias", row[12] == null ? null : flows.get((String) row[12]));
            putIfSet(idp, "organizationId", row[13]);
            idp.put("config", new TreeMap<String, String>());
            byId.put((String) row[0], idp);
        }
        for (Object[] row : em.createQuery("select i.internalId, key(c), value(c) from IdentityProviderEntity i join i.config c "
                + "where i.realmId = :realm", Object[].class).setParameter("realm", realm.getId()).getResultList()) {
            Map<String, Object> idp = byId.get((String) row[0]);
            if (idp != null) {
                config(idp).put((String) row[1], secret((String) row[1]) && !isVaultReference((String) row[2]) ? MASKED : (String) row[2]);
            }
        }
        return new ArrayList<>(byId.values());
    }

    private List<Map<String, Object>> mappers(EntityManager em) {
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        for (Object[] row : em.createQuery("select m.id, m.name, m.identityProviderAlias, m.identityProviderMapper "
                + "from IdentityProviderMapperEntity m where m.realmId = :realm order by m.identityProviderAlias, m.name", Object[].class)
                .setParameter("realm", realm.getId()).getResultList()) {
            Map<String, Object> mapper = new LinkedHashMap<>();
            mapper.put("id", row[0]);
            mapper.put("name", row[1]);
            mapper.put("identityProviderAlias", row[2]);
            mapper.put("identityProviderMapper", row[3]);
            mapper.put("config", new TreeMap<String, String>());
            byId.put((String) row[0], mapper);
        }
        for (Object[] row : em.createQuery("select m.id, key(c), value(c) from IdentityProviderMapperEntity m join m.config c "
                + "where m.realmId = :realm", Object[].class).setParameter("realm", realm.getId()).getResultList()) {
            Map<String, Object> mapper = byId.get((String) row[0]);
            if (mapper != null) {
                config(mapper).put((String) row[1], (String) row[2]);
            }
        }
        return new ArrayList<>(byId.values());
    }

    /** A config key whose value the admin API never shows (client secrets; nothing else of an IdP's config is one). */
    static boolean secret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.endsWith("secret") || lower.contains("password");
    }

    private static boolean isVaultReference(String value) {
        return value != null && value.startsWith("${vault.") && value.endsWith("}");
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> domains(Map<String, Object> organization) {
        return (List<Map<String, Object>>) organization.get("domains");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> attributes(Map<String, Object> organization) {
        return (Map<String, List<String>>) organization.get("attributes");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> config(Map<String, Object> object) {
        return (Map<String, String>) object.get("config");
    }
}
