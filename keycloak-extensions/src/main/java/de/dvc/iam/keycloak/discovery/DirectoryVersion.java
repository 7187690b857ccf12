package de.dvc.iam.keycloak.discovery;

import de.dvc.iam.keycloak.agency.KeycloakJpa;
import de.dvc.iam.keycloak.store.DvcSettingEntity;
import jakarta.persistence.EntityManager;
import org.keycloak.models.KeycloakSession;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The version of a realm's agency directory, one row {@code directory-version:<realm id>} in {@code DVC_SETTING}.
 * Whatever changes an agency or an IdP (a registration's transition, an admin change) gives it a new random value in
 * its own transaction; every node polls the versions (one small query every few seconds) and rebuilds the directory
 * of a realm whose version moved. So a change made on one node reaches discovery on every node within seconds,
 * without a cluster message format of our own and across restarts.
 */
public final class DirectoryVersion {

    private static final String PREFIX = "directory-version:";

    private DirectoryVersion() {
    }

    /** Marks realm {@code realmId}'s directory as changed, in {@code session}'s transaction. */
    public static void bump(KeycloakSession session, String realmId) {
        if (realmId == null) {
            return;
        }
        KeycloakJpa.entityManager(session).ifPresent(em -> {
            String name = PREFIX + realmId;
            String value = UUID.randomUUID().toString();
            int updated = em.createQuery("update DvcSettingEntity s set s.value = :value where s.name = :name")
                    .setParameter("value", value).setParameter("name", name).executeUpdate();
            if (updated == 0) {
                DvcSettingEntity row = new DvcSettingEntity();
                row.setName(name);
                row.setValue(value);
                em.persist(row);
            }
        });
    }

    /**
     * Creates realm {@code realmId}'s version row in a transaction of its own if it is missing, so that the first
     * change in a realm updates a row instead of racing another node to insert it.
     */
    static void ensure(org.keycloak.models.KeycloakSessionFactory factory, String realmId) {
        try {
            org.keycloak.models.utils.KeycloakModelUtils.runJobInTransaction(factory, session ->
                    KeycloakJpa.entityManager(session).ifPresent(em -> {
                        if (em.find(DvcSettingEntity.class, PREFIX + realmId) == null) {
                            DvcSettingEntity row = new DvcSettingEntity();
                            row.setName(PREFIX + realmId);
                            row.setValue(UUID.randomUUID().toString());
                            em.persist(row);
                        }
                    }));
        } catch (RuntimeException e) {
            // another node created it at the same moment
        }
    }

    /** The current version of every realm that has one, by realm id. */
    static Map<String, String> all(KeycloakSession session) {
        Map<String, String> versions = new HashMap<>();
        KeycloakJpa.entityManager(session).ifPresent(em -> em.createQuery(
                        "select s from DvcSettingEntity s where s.name like :prefix", DvcSettingEntity.class)
                .setParameter("prefix", PREFIX + "%").getResultList()
                .forEach(row -> versions.put(row.getName().substring(PREFIX.length()), row.getValue())));
        return versions;
    }

    static String of(KeycloakSession session, String realmId) {
        return KeycloakJpa.entityManager(session).map((EntityManager em) -> em.find(DvcSettingEntity.class, PREFIX + realmId))
                .map(DvcSettingEntity::getValue).orElse("");
    }
}
