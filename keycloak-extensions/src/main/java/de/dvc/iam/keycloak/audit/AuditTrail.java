package de.dvc.iam.keycloak.audit;

import de.dvc.iam.core.audit.AuditChain;
import de.dvc.iam.core.audit.AuditEvent;
import de.dvc.iam.core.audit.AuditRetention;
import de.dvc.iam.core.audit.Pseudonym;
import de.dvc.iam.keycloak.agency.KeycloakJpa;
import de.dvc.iam.keycloak.store.AuditChainEntity;
import de.dvc.iam.keycloak.store.AuditStore;
import de.dvc.iam.keycloak.store.DvcSettings;
import org.jboss.logging.Logger;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The audit trail of one node: rows in {@code DVC_AUDIT_EVENT}, hash-chained ({@link AuditChain}), plus one JSON
 * line per row on log category {@value AuditLog#CATEGORY} for SIEM shipping.
 * <ul>
 *   <li>Logins, refusals and tokens go to the node's own chain, written after commit by {@link AuditWriter}.</li>
 *   <li>Registration actions and the trail's own actions go to chain {@value #REGISTRY}, in the caller's
 *       transaction: the action and its row commit together or not at all.</li>
 *   <li>Each node start opens a new node chain and records that in {@value #REGISTRY}, so a chain deleted as a
 *       whole is missed by the verification.</li>
 * </ul>
 * Keys: options {@code pseudonym-key} and {@code chain-key}; without them generated once and kept in the
 * database ({@code DVC_SETTING}), shared by all nodes.
 */
public final class AuditTrail {

    public static final String REGISTRY = "registry";
    private static final String REGISTRY_ROWS = "dvc.audit.registry-rows";
    private static final Logger LOG = Logger.getLogger(AuditLog.CATEGORY);
    private static final Logger SETUP = Logger.getLogger(AuditTrail.class);

    private final String configuredPseudonymKey;
    private final String configuredChainKey;
    private final AuditRetention retention;
    private final int queueCapacity;
    private volatile Pseudonym pseudonym;
    private volatile AuditChain chain;
    private volatile AuditWriter writer;

    AuditTrail(String pseudonymKey, String chainKey, AuditRetention retention, int queueCapacity) {
        this.configuredPseudonymKey = pseudonymKey;
        this.configuredChainKey = chainKey;
        this.retention = retention;
        this.queueCapacity = queueCapacity;
    }

    /** The trail of this server, if the dvc-audit listener is installed. */
    public static Optional<AuditTrail> of(KeycloakSession session) {
        Object factory = session.getKeycloakSessionFactory().getProviderFactory(EventListenerProvider.class, AuditEventListenerFactory.PROVIDER_ID);
        return factory instanceof AuditEventListenerFactory audit ? Optional.ofNullable(audit.trail()) : Optional.empty();
    }

    /** After Keycloak's migration: keys, the node chain and its writer. */
    void start(KeycloakSessionFactory factory) {
        pseudonym = new Pseudonym(key(factory, configuredPseudonymKey, "audit.pseudonym-key"));
        if (configuredChainKey == null || configuredChainKey.isBlank()) {
            SETUP.warn("No chain-key set for the dvc-audit trail: its HMAC key is kept in the database, so the chain detects "
                    + "changes by anyone without that key only if the database itself is not theirs. Set "
                    + "--spi-events-listener--dvc-audit--chain-key (>= 32 characters) from a vault.");
        }
        chain = new AuditChain(key(factory, configuredChainKey, "audit.chain-key"));
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        String nodeChain = "node-" + Instant.now().getEpochSecond() + "-" + HexFormat.of().formatHex(random);
        // Nodes starting together on an empty database race to create the registry chain: the loser reads the winner's.
        for (int attempt = 1; ; attempt++) {
            try {
                KeycloakModelUtils.runJobInTransaction(factory, session -> store(session).ensureChain(chain, REGISTRY));
                break;
            } catch (RuntimeException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
        // The node chain's head comes with its opening row, in one transaction: a node that stops (or dies) before its
        // first login still leaves the head that verify expects for every opened chain.
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            store(session).ensureChain(chain, nodeChain);
            record(session, null, AuditEvent.audit(Instant.now(), "chain-opened", nodeChain));
        });
        AuditWriter started = new AuditWriter(factory, chain, nodeChain, queueCapacity);
        started.start();
        writer = started;
        SETUP.infof("Audit trail: node chain %s, retention %s.", nodeChain, retention.period());
    }

    private static byte[] key(KeycloakSessionFactory factory, String configured, String setting) {
        return configured == null || configured.isBlank() ? DvcSettings.secret(factory, setting)
                : configured.getBytes(StandardCharsets.UTF_8);
    }

    Pseudonym pseudonym() {
        return pseudonym;
    }

    public AuditChain chain() {
        return chain;
    }

    public AuditRetention retention() {
        return retention;
    }

    /** A login, refusal or token event: a row and a log line once the request's transaction has ended. */
    void afterCompletion(KeycloakSession session, String realmId, AuditEvent event, boolean evenOnRollback) {
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                write();
            }

            @Override
            protected void rollbackImpl() {
                if (evenOnRollback) {
                    write();
                }
            }

            private void write() {
                LOG.info(event.toJson());
                AuditWriter current = writer;
                if (current != null) {
                    current.submit(new AuditStore.Entry(realmId, event));
                } else {
                    LOG.errorf("Audit row not stored (the trail has not started yet): %s", event.toJson());
                }
            }
        });
    }

    /**
     * A registration or audit action: its row in this transaction (chain {@value #REGISTRY}), its log line after commit.
     * Rows are appended when the transaction commits (Keycloak's prepare phase, before the database commit), so the
     * registry chain is locked for the commit only, not while the action waits for DNS or an agency's web server; if
     * the append fails, the action rolls back with it.
     */
    public void record(KeycloakSession session, String realmId, AuditEvent event) {
        if (chain == null) {
            throw new IllegalStateException("The audit trail has not started yet; the action is not taken without its audit row.");
        }
        RegistryRows rows = session.getAttribute(REGISTRY_ROWS, RegistryRows.class);
        if (rows == null) {
            rows = new RegistryRows(session);
            session.setAttribute(REGISTRY_ROWS, rows);
            session.getTransactionManager().enlistPrepare(rows);
            RegistryRows logged = rows;
            session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
                @Override
                protected void commitImpl() {
                    logged.entries.forEach(entry -> LOG.info(entry.event().toJson()));
                }

                @Override
                protected void rollbackImpl() {
                    // the actions did not happen
                }
            });
        }
        rows.entries.add(new AuditStore.Entry(realmId, event));
    }

    /** The registry rows of one transaction, appended in its prepare phase. */
    private final class RegistryRows extends AbstractKeycloakTransaction {
        private final KeycloakSession session;
        private final List<AuditStore.Entry> entries = new ArrayList<>();

        RegistryRows(KeycloakSession session) {
            this.session = session;
        }

        @Override
        protected void commitImpl() {
            if (!entries.isEmpty()) {
                store(session).append(chain, REGISTRY, entries);
            }
        }

        @Override
        protected void rollbackImpl() {
            entries.clear();
        }
    }

    /**
     * Checks every chain from its anchor to its head; reads in pages of 1,000 rows, each in its own transaction.
     * A chain whose anchor moved while it was read (retention ran) is read once more from the new anchor.
     */
    public List<AuditChain.Verdict> verify(KeycloakSessionFactory factory) {
        List<AuditChainEntity> heads = new ArrayList<>();
        KeycloakModelUtils.runJobInTransaction(factory, session -> heads.addAll(store(session).chains()));
        List<AuditChain.Verdict> verdicts = new ArrayList<>();
        java.util.Set<String> opened = new java.util.TreeSet<>();
        for (AuditChainEntity head : heads) {
            AuditChain.Verdict verdict = verify(factory, head, opened);
            if (!verdict.intact()) {
                AuditChainEntity[] now = new AuditChainEntity[1];
                KeycloakModelUtils.runJobInTransaction(factory, session -> now[0] = store(session).chains().stream()
                        .filter(c -> c.getChain().equals(head.getChain())).findFirst().orElse(null));
                if (now[0] != null && now[0].getAnchorSeq() != head.getAnchorSeq()) {
                    verdict = verify(factory, now[0], opened);
                }
            }
            verdicts.add(verdict);
        }
        // Every node chain the registry saw opened must still have its head (unless retention removed its opening row).
        java.util.Set<String> present = new java.util.HashSet<>();
        heads.forEach(head -> present.add(head.getChain()));
        for (String chainId : opened) {
            if (!present.contains(chainId)) {
                verdicts.add(new AuditChain.Verdict(chainId, 0, 1L, "the chain was opened (registry) but its head and rows are gone"));
            }
        }
        return verdicts;
    }

    private AuditChain.Verdict verify(KeycloakSessionFactory factory, AuditChainEntity head, java.util.Set<String> opened) {
        if (!chain.seal(head.getChain(), head.getHeadSeq(), head.getHeadHash(), head.getAnchorSeq(), head.getAnchorHash())
                .equals(head.getSeal())) {
            return new AuditChain.Verdict(head.getChain(), 0, head.getAnchorSeq() + 1,
                    "the chain's head or anchor was changed outside DVC (its seal does not match)");
        }
        AuditChain.Verifier verifier = chain.verifier(head.getChain(), head.getAnchorSeq(), head.getAnchorHash());
        long[] last = {head.getAnchorSeq()};
        boolean[] more = {true};
        while (more[0]) {
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                List<AuditChain.Row> rows = store(session).rows(head.getChain(), last[0], head.getHeadSeq(), 1000);
                for (AuditChain.Row row : rows) {
                    verifier.accept(row);
                    if (REGISTRY.equals(head.getChain()) && "chain-opened".equals(row.event().outcome()) && row.event().reason() != null) {
                        opened.add(row.event().reason());
                    }
                }
                more[0] = rows.size() == 1000;
                if (!rows.isEmpty()) {
                    last[0] = rows.get(rows.size() - 1).seq();
                }
            });
        }
        return verifier.finish(head.getHeadSeq(), head.getHeadHash());
    }

    /**
     * Deletes rows older than the retention period, chain by chain in batches, and records each chain's deletion with
     * its new anchor. A chain that does not verify is left alone and named in the log as an error.
     */
    void applyRetention(KeycloakSessionFactory factory) {
        Instant cutoff = retention.cutoff(Instant.now());
        List<String> chains = new ArrayList<>();
        KeycloakModelUtils.runJobInTransaction(factory, session -> store(session).chains().forEach(c -> chains.add(c.getChain())));
        for (String chainId : chains) {
            long total = 0;
            AuditStore.Deletion[] step = new AuditStore.Deletion[1];
            AuditStore.Deletion last = null;
            do {
                KeycloakModelUtils.runJobInTransaction(factory, session -> step[0] = store(session).deletePrefix(chain, chainId, cutoff, 10_000));
                total += step[0].deleted();
                if (step[0].deleted() > 0) {
                    last = step[0];
                }
            } while (step[0].deleted() > 0);
            if (step[0].refusal() != null) {
                SETUP.errorf("Audit retention left chain %s alone: %s. Check it with GET /realms/<realm>/dvc-audit/verify.",
                        chainId, step[0].refusal());
            }
            if (total > 0) {
                String detail = "chain " + chainId + ": " + total + " rows older than " + cutoff + " deleted (retention "
                        + retention.period() + "), anchor " + last.anchorSeq() + " " + last.anchorHash();
                KeycloakModelUtils.runJobInTransaction(factory, session -> record(session, null, AuditEvent.audit(Instant.now(), "retention", detail)));
                SETUP.infof("Audit retention: %s.", detail);
            }
        }
    }

    private static AuditStore store(KeycloakSession session) {
        return new AuditStore(KeycloakJpa.entityManager(session).orElseThrow(() -> new IllegalStateException("no JPA store")));
    }

    void close() {
        AuditWriter current = writer;
        if (current != null) {
            current.close();
        }
    }
}
