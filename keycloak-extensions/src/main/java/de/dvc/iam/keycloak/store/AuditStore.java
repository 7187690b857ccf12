package de.dvc.iam.keycloak.store;

import de.dvc.iam.core.audit.AuditChain;
import de.dvc.iam.core.audit.AuditEvent;
import de.dvc.iam.core.audit.AuditQuery;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes the audit trail's rows in the caller's transaction. Appending locks the chain's head
 * row, so the rows of one chain get consecutive sequence numbers in write order on every node.
 */
public final class AuditStore {

    /** A row as read back: its id, chain hash and event. */
    public record Row(String id, String hash, AuditEvent event) {
    }

    /** One page of a query, newest first; {@code nextCursor} is null on the last page. */
    public record Page(List<Row> rows, String nextCursor) {
    }

    /** One event to append and the realm it belongs to (null for the trail's own events). */
    public record Entry(String realmId, AuditEvent event) {
    }

    /** Query filter names ({@link AuditQuery#filters()}) and the entity attributes they match. */
    private static final Map<String, String> ATTRIBUTES = Map.of("agency", "agency", "idp", "idp", "service", "service",
            "user", "userKey", "type", "eventType", "outcome", "outcome");

    private final EntityManager em;

    public AuditStore(EntityManager em) {
        this.em = em;
    }

    /** Appends the entries to {@code chainId} (created on first use), in order. */
    public void append(AuditChain chain, String chainId, List<Entry> entries) {
        AuditChainEntity head = em.find(AuditChainEntity.class, chainId, LockModeType.PESSIMISTIC_WRITE);
        if (head == null) {
            head = new AuditChainEntity();
            head.setChain(chainId);
            head.setHeadSeq(0);
            head.setHeadHash(AuditChain.GENESIS);
            head.setAnchorSeq(0);
            head.setAnchorHash(AuditChain.GENESIS);
            head.setOpened(System.currentTimeMillis());
            em.persist(head);
        }
        for (Entry entry : entries) {
            long seq = head.getHeadSeq() + 1;
            String hash = chain.link(chainId, seq, head.getHeadHash(), entry.event());
            em.persist(entity(chainId, seq, head.getHeadHash(), hash, entry));
            head.setHeadSeq(seq);
            head.setHeadHash(hash);
        }
    }

    /** The page of {@code query}, already scoped to the caller; agency admins' queries are bound to {@code realmId}. */
    public Page page(AuditQuery query, String realmId) {
        StringBuilder jpql = new StringBuilder("select e from AuditEventEntity e where e.eventTime >= :from and e.eventTime < :to");
        Map<String, String> filters = query.filters();
        boolean agencyScoped = filters.containsKey("agency");
        if (agencyScoped) {
            jpql.append(" and e.realmId = :realm");
        }
        filters.keySet().forEach(name -> jpql.append(" and e.").append(ATTRIBUTES.get(name)).append(" = :f_").append(name));
        if (query.after() != null) {
            jpql.append(" and (e.eventTime < :afterTime or (e.eventTime = :afterTime and e.id < :afterId))");
        }
        jpql.append(" order by e.eventTime desc, e.id desc");
        TypedQuery<AuditEventEntity> typed = em.createQuery(jpql.toString(), AuditEventEntity.class)
                .setParameter("from", query.from().toEpochMilli()).setParameter("to", query.to().toEpochMilli());
        if (agencyScoped) {
            typed.setParameter("realm", realmId);
        }
        filters.forEach((name, value) -> typed.setParameter("f_" + name, value));
        if (query.after() != null) {
            typed.setParameter("afterTime", query.after().timeMillis()).setParameter("afterId", query.after().id());
        }
        List<AuditEventEntity> found = typed.setMaxResults(query.limit() + 1).getResultList();
        List<Row> rows = new ArrayList<>();
        for (AuditEventEntity entity : found.subList(0, Math.min(found.size(), query.limit()))) {
            rows.add(new Row(entity.getId(), entity.getHash(), event(entity)));
        }
        String next = null;
        if (found.size() > query.limit()) {
            AuditEventEntity last = found.get(query.limit() - 1);
            next = new AuditQuery.Position(last.getTime(), last.getId()).cursor();
        }
        return new Page(rows, next);
    }

    /** Every chain's head, by chain id. */
    public List<AuditChainEntity> chains() {
        return em.createQuery("select c from AuditChainEntity c order by c.chain", AuditChainEntity.class).getResultList();
    }

    /** Up to {@code limit} rows of a chain after {@code afterSeq} and up to {@code untilSeq}, in sequence order. */
    public List<AuditChain.Row> rows(String chainId, long afterSeq, long untilSeq, int limit) {
        List<AuditChain.Row> rows = new ArrayList<>();
        for (AuditEventEntity entity : em.createQuery("select e from AuditEventEntity e where e.chain = :chain and e.seq > :after "
                        + "and e.seq <= :until order by e.seq", AuditEventEntity.class)
                .setParameter("chain", chainId).setParameter("after", afterSeq).setParameter("until", untilSeq)
                .setMaxResults(limit).getResultList()) {
            rows.add(new AuditChain.Row(entity.getSeq(), entity.getPreviousHash(), entity.getHash(), event(entity)));
            em.detach(entity);
        }
        return rows;
    }

    /**
     * Deletes the oldest rows of one chain, at most {@code batch}, whose time is before {@code cutoff}: always a
     * prefix of the chain, and the chain's anchor moves to the last deleted row. Returns the number deleted.
     */
    public int deletePrefix(String chainId, Instant cutoff, int batch) {
        AuditChainEntity head = em.find(AuditChainEntity.class, chainId, LockModeType.PESSIMISTIC_WRITE);
        if (head == null) {
            return 0;
        }
        Long lastOld = em.createQuery("select max(e.seq) from AuditEventEntity e where e.chain = :chain and e.eventTime < :cutoff", Long.class)
                .setParameter("chain", chainId).setParameter("cutoff", cutoff.toEpochMilli()).getSingleResult();
        if (lastOld == null || lastOld <= head.getAnchorSeq()) {
            return 0;
        }
        long upTo = Math.min(lastOld, head.getAnchorSeq() + batch);
        Optional<AuditEventEntity> last = Optional.ofNullable(em.find(AuditEventEntity.class, AuditEventEntity.id(chainId, upTo)));
        int deleted = em.createQuery("delete from AuditEventEntity e where e.chain = :chain and e.seq <= :upTo")
                .setParameter("chain", chainId).setParameter("upTo", upTo).executeUpdate();
        // The anchor is the deleted row's hash; a row missing before deletion leaves the old anchor, so verification still fails.
        if (last.isPresent()) {
            head.setAnchorSeq(upTo);
            head.setAnchorHash(last.get().getHash());
        }
        return deleted;
    }

    private static AuditEventEntity entity(String chainId, long seq, String previousHash, String hash, Entry entry) {
        AuditEvent event = entry.event();
        AuditEventEntity entity = new AuditEventEntity();
        entity.setId(AuditEventEntity.id(chainId, seq));
        entity.setChain(chainId);
        entity.setSeq(seq);
        entity.setRealmId(entry.realmId());
        entity.setTime(event.time().toEpochMilli());
        entity.setType(event.type());
        entity.setOutcome(event.outcome());
        entity.setReason(event.reason());
        entity.setUser(event.user());
        entity.setAgencyUser(event.agencyUser());
        entity.setAgency(event.agency());
        entity.setIdp(event.idp());
        entity.setAcr(event.acr());
        entity.setService(event.service());
        entity.setActor(event.actor());
        entity.setPreviousHash(previousHash);
        entity.setHash(hash);
        return entity;
    }

    private static AuditEvent event(AuditEventEntity entity) {
        return new AuditEvent(Instant.ofEpochMilli(entity.getTime()), entity.getType(), entity.getUser(), entity.getAgencyUser(),
                entity.getAgency(), entity.getIdp(), entity.getAcr(), entity.getService(), entity.getOutcome(), entity.getReason(),
                entity.getActor());
    }
}
