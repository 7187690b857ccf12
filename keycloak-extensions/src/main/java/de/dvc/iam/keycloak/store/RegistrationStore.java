package de.dvc.iam.keycloak.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import org.keycloak.models.KeycloakSession;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes registrations ({@link RegistrationEntity}), their history and domains in the caller's transaction.
 * Every lookup and filter goes through an index of {@code dvc-changelog.xml}; lists page by alias (keyset), so a page
 * costs the same at the first and the 12,000th registration.
 */
public final class RegistrationStore {

    /** A page of registrations in alias order, the total matching the filter, and the alias to continue after (or null). */
    public record Page(List<RegistrationSummaryRow> rows, long total, String next) {
    }

    /**
     * What a list is filtered by; null fields do not filter. {@code certificateExpiresBefore} is epoch millis;
     * {@code refreshFailing} true keeps registrations whose last refresh failed.
     */
    public record Filter(String state, String agency, String protocol, String domain, String entityId,
                         Long certificateExpiresBefore, Boolean refreshFailing) {
        public static Filter none() {
            return new Filter(null, null, null, null, null, null, null);
        }

        public Filter withAgency(String value) {
            return new Filter(state, value, protocol, domain, entityId, certificateExpiresBefore, refreshFailing);
        }
    }

    /** A registration due for refresh: its row id, realm and alias. */
    public record Due(String id, String realmId, String alias) {
    }

    private final EntityManager em;

    public RegistrationStore(EntityManager em) {
        this.em = em;
    }

    /** The store of {@code session}'s transaction; fails (closed) on a server without Keycloak's JPA store. */
    public static RegistrationStore of(KeycloakSession session) {
        return new RegistrationStore(de.dvc.iam.keycloak.agency.KeycloakJpa.entityManager(session)
                .orElseThrow(() -> new IllegalStateException("DVC IAM needs Keycloak's JPA store for its own tables.")));
    }

    public Optional<RegistrationEntity> find(String realmId, String alias) {
        return em.createQuery("select r from RegistrationEntity r where r.realmId = :realm and r.alias = :alias", RegistrationEntity.class)
                .setParameter("realm", realmId).setParameter("alias", alias).getResultStream().findFirst();
    }

    /** Stores a new registration (flushed: a second registration of the same alias fails here). */
    public void create(RegistrationEntity row) {
        em.persist(row);
        em.flush();
    }

    /** Deletes the registration of a removed IdP with its history and domains. */
    public int delete(String realmId, String alias) {
        Optional<RegistrationEntity> row = find(realmId, alias);
        if (row.isEmpty()) {
            return 0;
        }
        String id = row.get().getId();
        em.createQuery("delete from RegistrationEventEntity e where e.registrationId = :id").setParameter("id", id).executeUpdate();
        em.createQuery("delete from RegistrationDomainEntity d where d.registrationId = :id").setParameter("id", id).executeUpdate();
        em.remove(row.get());
        return 1;
    }

    /** The latest {@code limit} history entries, oldest first. */
    public List<RegistrationEventEntity> events(String registrationId, int limit) {
        List<RegistrationEventEntity> latest = new ArrayList<>(em.createQuery(
                        "select e from RegistrationEventEntity e where e.registrationId = :id order by e.seq desc", RegistrationEventEntity.class)
                .setParameter("id", registrationId).setMaxResults(limit).getResultList());
        java.util.Collections.reverse(latest);
        return latest;
    }

    /** Appends a history entry; its sequence number is the registration's event count (the row is updated too). */
    public void addEvent(RegistrationEntity row, RegistrationEventEntity event) {
        int seq = row.getEventCount() + 1;
        row.setEventCount(seq);
        row.setUpdated(System.currentTimeMillis());
        event.setRegistrationId(row.getId());
        event.setSeq(seq);
        event.setId(RegistrationEventEntity.id(row.getId(), seq));
        em.persist(event);
    }

    /** The registration's domains: registered ones in their order, then those proven ahead of a pending change. */
    public List<RegistrationDomainEntity> domains(String registrationId) {
        List<RegistrationDomainEntity> all = new ArrayList<>(em.createQuery(
                        "select d from RegistrationDomainEntity d where d.registrationId = :id", RegistrationDomainEntity.class)
                .setParameter("id", registrationId).getResultList());
        all.sort(java.util.Comparator.comparingInt((RegistrationDomainEntity d) -> d.getPosition() < 0 ? Integer.MAX_VALUE : d.getPosition())
                .thenComparing(RegistrationDomainEntity::getDomain));
        return all;
    }

    public void persist(RegistrationDomainEntity domain) {
        em.persist(domain);
    }

    public void remove(RegistrationDomainEntity domain) {
        em.remove(domain);
    }

    /** Whether another registration of the realm than {@code alias} has {@code entityId} (SAML entityID or OIDC issuer). */
    public boolean entityIdTaken(String realmId, String entityId, String alias) {
        return !em.createQuery("select r.alias from RegistrationEntity r where r.realmId = :realm and r.entityId = :entity "
                        + "and r.alias <> :alias and r.state <> 'retired'", String.class)
                .setParameter("realm", realmId).setParameter("entity", entityId).setParameter("alias", alias == null ? "" : alias)
                .setMaxResults(1).getResultList().isEmpty();
    }

    /** One page of the realm's registrations matching {@code filter}, in alias order after {@code after} (null: from the start). */
    public Page page(String realmId, Filter filter, String after, int limit) {
        StringBuilder where = new StringBuilder(" where r.realmId = :realm");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("realm", realmId);
        condition(where, parameters, filter.state(), "r.state = :state", "state");
        condition(where, parameters, filter.agency(), "r.agency = :agency", "agency");
        condition(where, parameters, filter.protocol(), "r.protocol = :protocol", "protocol");
        condition(where, parameters, filter.entityId(), "r.entityId = :entityId", "entityId");
        condition(where, parameters, filter.domain(),
                "r.id in (select d.registrationId from RegistrationDomainEntity d where d.domain = :domain)", "domain");
        condition(where, parameters, filter.certificateExpiresBefore(), "r.certificateExpiry < :expiresBefore", "expiresBefore");
        if (Boolean.TRUE.equals(filter.refreshFailing())) {
            where.append(" and r.refreshFailures > 0");
        } else if (Boolean.FALSE.equals(filter.refreshFailing())) {
            where.append(" and r.refreshFailures = 0");
        }
        TypedQuery<Long> count = em.createQuery("select count(r) from RegistrationEntity r" + where, Long.class);
        parameters.forEach(count::setParameter);
        long total = count.getSingleResult();
        if (after != null) {
            where.append(" and r.alias > :after");
            parameters.put("after", after);
        }
        TypedQuery<RegistrationSummaryRow> query = em.createQuery("select new " + RegistrationSummaryRow.class.getName()
                + "(r.alias, r.agency, r.protocol, r.state, r.entityId, r.source, r.submitter, r.created, r.lastRefresh, r.lastOutcome, "
                + "r.refreshFailures, r.keyChangePending, r.certificateExpiry) from RegistrationEntity r" + where + " order by r.alias",
                RegistrationSummaryRow.class);
        parameters.forEach(query::setParameter);
        List<RegistrationSummaryRow> rows = query.setMaxResults(limit + 1).getResultList();
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            next = rows.get(limit - 1).alias();
        }
        return new Page(rows, total, next);
    }

    private static void condition(StringBuilder where, Map<String, Object> parameters, Object value, String clause, String name) {
        if (value != null) {
            where.append(" and ").append(clause);
            parameters.put(name, value);
        }
    }

    /**
     * Active SAML and OIDC registrations of all realms due by {@code dueBy} (epoch millis), oldest due first: the refresh
     * queue. Failed ones come back when their backoff ends; none waits behind a tail that is never reached.
     */
    public List<Due> due(long dueBy, int limit) {
        return em.createQuery("select r.id, r.realmId, r.alias from RegistrationEntity r where r.state = 'active' "
                        + "and r.nextRefresh <= :dueBy and r.protocol in ('saml', 'oidc') order by r.nextRefresh, r.id", Object[].class)
                .setParameter("dueBy", dueBy).setMaxResults(limit).getResultStream()
                .map(row -> new Due((String) row[0], (String) row[1], (String) row[2])).toList();
    }

    /** How many active registrations are due by {@code dueBy}: the refresh backlog. */
    public long dueCount(long dueBy) {
        return em.createQuery("select count(r) from RegistrationEntity r where r.state = 'active' and r.nextRefresh <= :dueBy "
                + "and r.protocol in ('saml', 'oidc')", Long.class).setParameter("dueBy", dueBy).getSingleResult();
    }

    /**
     * Sets the next refresh time of registrations whose document was unchanged and their last check's time: one
     * statement per call, no entity read, no IdP touched.
     */
    public int checked(List<String> ids, long checkedAt, long next) {
        if (ids.isEmpty()) {
            return 0;
        }
        return em.createQuery("update RegistrationEntity r set r.nextRefresh = :next, r.lastRefresh = :checked, r.lastOutcome = 'unchanged', "
                        + "r.refreshFailures = 0 where r.id in :ids")
                .setParameter("next", next).setParameter("checked", checkedAt).setParameter("ids", ids).executeUpdate();
    }
}
