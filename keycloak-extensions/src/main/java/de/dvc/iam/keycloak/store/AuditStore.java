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

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(AuditStore.class);

    private final EntityManager em;

    public AuditStore(EntityManager em) {
        this.em = em;
    }

    /**
     * Creates the head of {@code chainId} if there is none (flushed, so that a concurrent creator fails here, in its own
     * transaction, and not in the middle of an append).
     */
    public void ensureChain(AuditChain chain, String chainId) {
        if (em.find(AuditChainEntity.class, chainId) == null) {
            AuditChainEntity head = new AuditChainEntity();
            head.setChain(chainId);
            head.setOpened(System.currentTimeMillis());
            move(chain, head, 0, AuditChain.GENESIS, 0, AuditChain.GENESIS);
            em.persist(head);
            em.flush();
        }
    }

    /** Appends the entries to {@code chainId} (created on first use: node chains have one writer), in order. */
    public void append(AuditChain chain, String chainId, List<Entry> entries) {
        AuditChainEntity head = em.find(AuditChainEntity.class, chainId, LockModeType.PESSIMISTIC_WRITE);
        if (head == null) {
            ensureChain(chain, chainId);
            head = em.find(AuditChainEntity.class, chainId, LockModeType.PESSIMISTIC_WRITE);
        }
        // A head whose seal does not match was changed outside DVC: rows are still appended (nothing is lost), but the
        // head is not sealed anew, so that appending cannot launder the change; verify keeps reporting it.
        boolean sealed = chain.seal(chainId, head.getHeadSeq(), head.getHeadHash(), head.getAnchorSeq(), head.getAnchorHash())
                .equals(head.getSeal());
        if (!sealed) {
            LOG.errorf("Audit chain %s: its head was changed outside DVC (the seal does not match); GET …/dvc-audit/verify.", chainId);
        }
        long seq = head.getHeadSeq();
        String hash = head.getHeadHash();
        for (Entry entry : entries) {
            String previous = hash;
            seq++;
            hash = chain.link(chainId, seq, previous, entry.realmId(), entry.event());
            em.persist(entity(chainId, seq, previous, hash, entry));
        }
        String brokenSeal = head.getSeal();
        move(chain, head, seq, hash, head.getAnchorSeq(), head.getAnchorHash());
        if (!sealed) {
            head.setSeal(brokenSeal);
        }
    }

    private static void move(AuditChain chain, AuditChainEntity head, long headSeq, String headHash, long anchorSeq, String anchorHash) {
        head.setHeadSeq(headSeq);
        head.setHeadHash(headHash);
        head.setAnchorSeq(anchorSeq);
        head.setAnchorHash(anchorHash);
        head.setSeal(chain.seal(head.getChain(), headSeq, headHash, anchorSeq, anchorHash));
    }

    /**
     * The page of {@code query}, already scoped to the caller, in realm {@code realmId}: an agency's rows of that realm;
     * without an agency filter also the trail's own rows (no realm).
     */
    public Page page(AuditQuery query, String realmId) {
        StringBuilder jpql = new StringBuilder("select e from AuditEventEntity e where e.eventTime >= :from and e.eventTime < :to");
        Map<String, String> filters = query.filters();
        jpql.append(filters.containsKey("agency") ? " and e.realmId = :realm" : " and (e.realmId = :realm or e.realmId is null)");
        filters.keySet().forEach(name -> jpql.append(" and e.").append(ATTRIBUTES.get(name)).append(" = :f_").append(name));
        if (query.after() != null) {
            jpql.append(" and (e.eventTime < :afterTime or (e.eventTime = :afterTime and e.id < :afterId))");
        }
        jpql.append(" order by e.eventTime desc, e.id desc");
        TypedQuery<AuditEventEntity> typed = em.createQuery(jpql.toString(), AuditEventEntity.class)
                .setParameter("from", query.from().toEpochMilli()).setParameter("to", query.to().toEpochMilli());
        typed.setParameter("realm", realmId);
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

    /**
     * Up to {@code limit} rows of a chain after {@code afterSeq} and up to {@code untilSeq}, in sequence order: a range
     * of the primary key (the id is the chain and the zero-padded sequence number), so a page costs the same at row 10
     * and at row 10 million.
     */
    public List<AuditChain.Row> rows(String chainId, long afterSeq, long untilSeq, int limit) {
        List<AuditChain.Row> rows = new ArrayList<>();
        for (AuditEventEntity entity : em.createQuery("select e from AuditEventEntity e where e.id > :after and e.id <= :until "
                        + "and e.chain = :chain order by e.id", AuditEventEntity.class)
                .setParameter("after", AuditEventEntity.id(chainId, afterSeq)).setParameter("until", AuditEventEntity.id(chainId, untilSeq))
                .setParameter("chain", chainId).setMaxResults(limit).getResultList()) {
            rows.add(new AuditChain.Row(entity.getSeq(), entity.getPreviousHash(), entity.getHash(), entity.getRealmId(), event(entity)));
            em.detach(entity);
        }
        return rows;
    }

    /** What one retention step did to a chain: rows deleted and the new anchor, or why it stopped. */
    public record Deletion(int deleted, long anchorSeq, String anchorHash, String refusal) {
    }

    /**
     * Deletes the oldest rows of one chain, at most {@code batch}: the rows before the chain's first row at or after
     * {@code cutoff}, so always a prefix, never a younger row whose time was set back. The rows are verified first; a
     * chain that does not verify is not touched ({@code refusal} says why), so retention cannot be used to make
     * changed rows disappear. The anchor moves to the last deleted row.
     */
    public Deletion deletePrefix(AuditChain chain, String chainId, Instant cutoff, int batch) {
        AuditChainEntity head = em.find(AuditChainEntity.class, chainId, LockModeType.PESSIMISTIC_WRITE);
        if (head == null) {
            return new Deletion(0, 0, null, null);
        }
        if (!chain.seal(chainId, head.getHeadSeq(), head.getHeadHash(), head.getAnchorSeq(), head.getAnchorHash()).equals(head.getSeal())) {
            return new Deletion(0, head.getAnchorSeq(), head.getAnchorHash(), "the chain's head was changed outside DVC");
        }
        // Within the next batch of the chain (a primary-key range): the first row young enough to stay ends the prefix.
        long windowEnd = Math.min(head.getHeadSeq(), head.getAnchorSeq() + batch);
        Long firstYoung = em.createQuery("select min(e.seq) from AuditEventEntity e where e.id > :after and e.id <= :until "
                        + "and e.chain = :chain and e.eventTime >= :cutoff", Long.class)
                .setParameter("after", AuditEventEntity.id(chainId, head.getAnchorSeq()))
                .setParameter("until", AuditEventEntity.id(chainId, windowEnd)).setParameter("chain", chainId)
                .setParameter("cutoff", cutoff.toEpochMilli()).getSingleResult();
        long lastOld = firstYoung == null ? windowEnd : firstYoung - 1;
        if (lastOld <= head.getAnchorSeq()) {
            return new Deletion(0, head.getAnchorSeq(), head.getAnchorHash(), null);
        }
        AuditChain.Verifier verifier = chain.verifier(chainId, head.getAnchorSeq(), head.getAnchorHash());
        List<AuditChain.Row> rows = rows(chainId, head.getAnchorSeq(), lastOld, batch);
        rows.forEach(verifier::accept);
        AuditChain.Verdict verdict = verifier.finish(lastOld, rows.isEmpty() ? "" : rows.get(rows.size() - 1).hash());
        if (!verdict.intact()) {
            return new Deletion(0, head.getAnchorSeq(), head.getAnchorHash(), verdict.problem());
        }
        String anchorHash = rows.get(rows.size() - 1).hash();
        int deleted = em.createQuery("delete from AuditEventEntity e where e.id > :after and e.id <= :upTo and e.chain = :chain")
                .setParameter("after", AuditEventEntity.id(chainId, head.getAnchorSeq()))
                .setParameter("upTo", AuditEventEntity.id(chainId, lastOld)).setParameter("chain", chainId).executeUpdate();
        move(chain, head, head.getHeadSeq(), head.getHeadHash(), lastOld, anchorHash);
        return new Deletion(deleted, lastOld, anchorHash, null);
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
