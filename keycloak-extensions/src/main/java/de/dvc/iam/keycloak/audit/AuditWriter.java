package de.dvc.iam.keycloak.audit;

import de.dvc.iam.core.audit.AuditChain;
import de.dvc.iam.keycloak.agency.KeycloakJpa;
import de.dvc.iam.keycloak.store.AuditStore;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Writes the node's login, refusal and token rows into its own chain, in batches, on one thread: a login
 * costs an enqueue, not a transaction and a lock, and the node's chain needs no lock against other nodes.
 * Rows are written after the request committed, as the log line is; on shutdown the queue is drained. A
 * node that dies loses what it had not yet written (about half a second: the quarter second a batch waits for more
 * rows, and its write): those
 * events are still in its JSON log. While the database is unreachable, rows wait (up to {@value #OUTAGE_SECONDS} s,
 * and up to the queue's capacity); a full queue blocks the request up to 2 s, then the row is logged as lost, never
 * silently dropped.
 *
 * <p>Thread-safe.
 */
final class AuditWriter implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AuditWriter.class);
    private static final int BATCH = 500;
    private static final long LINGER_MILLIS = 250;
    /** How long rows wait for an unreachable database before each is tried alone (and, failing, logged as lost). */
    static final int OUTAGE_SECONDS = 120;

    private final KeycloakSessionFactory factory;
    private final AuditChain chain;
    private final String chainId;
    private final BlockingQueue<AuditStore.Entry> queue;
    private final Thread thread;
    private volatile boolean running = true;

    AuditWriter(KeycloakSessionFactory factory, AuditChain chain, String chainId, int capacity) {
        this.factory = factory;
        this.chain = chain;
        this.chainId = chainId;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "dvc-audit-writer");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    String chainId() {
        return chainId;
    }

    void submit(AuditStore.Entry entry) {
        if (!running) {
            LOG.errorf("Audit row not stored (the server is stopping): %s", entry.event().toJson());
            return;
        }
        try {
            if (!queue.offer(entry, 2, TimeUnit.SECONDS)) {
                LOG.errorf("Audit row lost (the audit queue is full: is the database reachable?): %s", entry.event().toJson());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.errorf("Audit row lost (interrupted): %s", entry.event().toJson());
        }
    }

    private void run() {
        List<AuditStore.Entry> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                AuditStore.Entry first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                // Linger a quarter second for more rows: under load one transaction (one lock of the chain head, one
                // database commit) carries hundreds of rows instead of a few. Asleep, not waiting on the queue: a request
                // that adds a row then finds no thread to wake (a wake-up is a system call on the request's path, one per
                // row while this thread waited for the next), and the queue's lock is taken here once per batch.
                if (running && queue.size() < BATCH - 1) {
                    Thread.sleep(LINGER_MILLIS);
                }
                queue.drainTo(batch, BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                running = false;
                batch.forEach(entry -> LOG.errorf("Audit row lost (interrupted): %s", entry.event().toJson()));
            } catch (RuntimeException | Error e) {
                // Nothing may end this thread: the next batch is written again.
                LOG.errorf("Audit writer: %s", e.toString());
                batch.forEach(entry -> LOG.errorf("Audit row lost: %s", entry.event().toJson()));
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Writes the batch in one transaction. If that fails while the database cannot be reached at all (a restart, a
     * failover), the batch is written again with growing pauses for up to {@value #OUTAGE_SECONDS} s, later rows
     * waiting in the queue behind it: a database outage loses no row. If the database answers but the batch still
     * fails, or the outage lasts longer, each row is written in its own transaction (one row the database refuses
     * must not take the others with it), and the rows that still fail are logged as lost.
     */
    private void write(List<AuditStore.Entry> batch) throws InterruptedException {
        long pause = 250;
        long waited = 0;
        boolean warned = false;
        while (true) {
            try {
                append(batch);
                if (warned) {
                    LOG.infof("Audit rows written again after the database was unreachable for about %d s.", waited / 1000);
                }
                return;
            } catch (RuntimeException e) {
                if (!running || waited >= OUTAGE_SECONDS * 1000L || databaseReachable()) {
                    LOG.warnf("Writing %d audit rows to chain %s failed (%s); writing them one by one.", batch.size(), chainId,
                            e.getMessage());
                    break;
                }
                if (!warned) {
                    LOG.warnf("The database is unreachable (%s); %d audit rows wait and are written again when it is back.",
                            e.getMessage(), batch.size() + queue.size());
                    warned = true;
                }
            }
            Thread.sleep(pause);
            waited += pause;
            pause = Math.min(pause * 2, 5_000);
        }
        for (AuditStore.Entry entry : batch) {
            try {
                append(List.of(entry));
            } catch (RuntimeException e) {
                LOG.errorf("Audit row lost (%s): %s", e.getMessage(), entry.event().toJson());
            }
        }
    }

    /** Whether a trivial query succeeds: tells a database outage from a batch the database refuses. */
    private boolean databaseReachable() {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> KeycloakJpa.entityManager(session)
                    .orElseThrow(() -> new IllegalStateException("no JPA store")).createNativeQuery("select 1").getSingleResult());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void append(List<AuditStore.Entry> entries) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> new AuditStore(KeycloakJpa.entityManager(session)
                .orElseThrow(() -> new IllegalStateException("no JPA store"))).append(chain, chainId, entries));
    }

    /** Stops taking rows and writes what is queued, waiting at most 10 s. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!queue.isEmpty()) {
            LOG.errorf("%d audit rows were not written at shutdown; they are in the log.", queue.size());
        }
    }
}
