package de.dvc.iam.keycloak.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;
import org.keycloak.cluster.ClusterProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A job that runs once per interval on the whole cluster, on whichever node's schedule comes first.
 *
 * <p>Every node schedules the job on a thread of its own ({@code dvc-<job>}), not on Keycloak's timer: the timer has
 * one thread for all of Keycloak's tasks (expired sessions, events) and runs each inside one transaction, so a long job
 * there blocks the others and is aborted by the transaction timeout (at 12,000 registrations a refresh round was, after
 * 300 s). Here the job opens its own short transactions.
 *
 * <p>Keycloak's {@link ClusterProvider#executeIfNotExecuted} only keeps two nodes from running it at the same time: it
 * releases its lock when the job ends, so on its own N nodes would run it N times per interval. Under that lock, the
 * time of the last run is read from {@code DVC_SETTING} ({@code schedule:<job>}), and the job runs only when at least
 * 80 % of the interval has passed (schedules of different nodes drift). The start is recorded before the job runs: a
 * node that dies mid-run costs that round, and the next interval's round runs on a surviving node. A run that takes
 * longer than the interval delays the next one on this node; runs never overlap on one node.
 */
public final class ClusterSchedule {

    private static final Logger LOG = Logger.getLogger(ClusterSchedule.class);

    private ClusterSchedule() {
    }

    /**
     * @param lockSeconds how long the lock may be held before another node takes it over (the job's own time limit)
     * @return the job's thread; shut it down when the provider factory closes
     */
    public static java.util.concurrent.ScheduledExecutorService schedule(KeycloakSessionFactory factory, String job, Duration interval,
                                                                          int lockSeconds, Runnable task) {
        java.util.concurrent.ScheduledExecutorService thread = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(run -> {
            Thread named = new Thread(run, "dvc-" + job);
            named.setDaemon(true);
            return named;
        });
        thread.scheduleAtFixedRate(() -> {
            try (KeycloakSession session = factory.create()) {
                session.getProvider(ClusterProvider.class).executeIfNotExecuted(job, lockSeconds, () -> {
                    if (claim(factory, job, interval)) {
                        task.run();
                    }
                    return null;
                });
            } catch (Throwable e) { // an Error escaping here would also cancel every later run, silently
                // a failed run must not end the schedule (an exception would cancel every later run)
                LOG.errorf(e, "Scheduled job %s failed; it runs again in %s", job, interval);
            }
        }, interval.toMillis(), interval.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        return thread;
    }

    /** Stops a job's thread and waits a little for a run in progress (it holds sessions of the closing factory). */
    public static void stop(java.util.concurrent.ScheduledExecutorService thread) {
        if (thread == null) {
            return;
        }
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
                LOG.warn("A scheduled DVC job did not stop within 10 s of shutdown.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Records this node's start of {@code job} unless another node started it less than 80 % of an interval ago. */
    static boolean claim(KeycloakSessionFactory factory, String job, Duration interval) {
        AtomicBoolean due = new AtomicBoolean();
        String name = "schedule:" + job;
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                EntityManager em = de.dvc.iam.keycloak.agency.KeycloakJpa.entityManager(session)
                        .orElseThrow(() -> new IllegalStateException("DVC IAM needs Keycloak's JPA store for its own tables."));
                Instant now = Instant.now();
                DvcSettingEntity last = em.find(DvcSettingEntity.class, name, LockModeType.PESSIMISTIC_WRITE);
                if (last == null) {
                    last = new DvcSettingEntity();
                    last.setName(name);
                    last.setValue(Long.toString(now.toEpochMilli()));
                    em.persist(last);
                    due.set(true);
                    return;
                }
                Instant previous = Instant.ofEpochMilli(parse(last.getValue()));
                if (previous.plus(interval.multipliedBy(4).dividedBy(5)).isAfter(now) && !previous.isAfter(now.plus(interval))) {
                    return; // another node ran it this interval (a start far in the future is a broken clock: run)
                }
                last.setValue(Long.toString(now.toEpochMilli()));
                due.set(true);
            });
        } catch (RuntimeException e) {
            // e.g. two nodes inserting the first row at once: this round is the other node's
            LOG.debugf("Job %s not claimed by this node: %s", job, e);
            return false;
        }
        return due.get();
    }

    private static long parse(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
