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

    /** What changed: an organization (key: its id), an IdP (key: its alias), or anything ({@code ALL}: a full rebuild). */
    public static final String ORGANIZATION = "organization";
    public static final String IDP = "idp";
    public static final String ALL = "all";

    /** A change read back: kind, key and when it was recorded (epoch millis). */
    record Change(String kind, String key, long time) {
    }

    /**
     * Records that {@code kind} {@code key} of realm {@code realmId} changed and moves the realm's version, in
     * {@code session}'s transaction: nodes update that agency only.
     */
    public static void changed(KeycloakSession session, String realmId, String kind, String key) {
        if (realmId == null) {
            return;
        }
        KeycloakJpa.entityManager(session).ifPresent(em -> {
            de.dvc.iam.keycloak.store.DirectoryChangeEntity change = new de.dvc.iam.keycloak.store.DirectoryChangeEntity();
            change.setId(UUID.randomUUID().toString());
            change.setRealmId(realmId);
            change.setKind(kind);
            change.setKey(key == null ? null : key.length() > 255 ? key.substring(0, 255) : key);
            change.setTime(System.currentTimeMillis());
            em.persist(change);
        });
        bump(session, realmId);
    }

    /** The changes of realm {@code realmId} recorded since {@code since} (epoch millis), oldest first, at most {@code limit}. */
    static java.util.List<Change> since(KeycloakSession session, String realmId, long since, int limit) {
        return KeycloakJpa.entityManager(session).map(em -> em.createQuery("select c from DirectoryChangeEntity c where c.realmId = :realm "
                                + "and c.time >= :since order by c.time", de.dvc.iam.keycloak.store.DirectoryChangeEntity.class)
                        .setParameter("realm", realmId).setParameter("since", since).setMaxResults(limit).getResultStream()
                        .map(c -> new Change(c.getKind(), c.getKey(), c.getTime())).toList())
                .orElse(java.util.List.of());
    }

    /** Deletes changes recorded before {@code before} (epoch millis): every node has read them long ago. */
    static int forget(KeycloakSession session, long before) {
        return KeycloakJpa.entityManager(session).map(em -> em.createQuery("delete from DirectoryChangeEntity c where c.time < :before")
                .setParameter("before", before).executeUpdate()).orElse(0);
    }

    /** Marks realm {@code realmId}'s directory as changed (kind unknown: nodes rebuild it), in {@code session}'s transaction. */
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
