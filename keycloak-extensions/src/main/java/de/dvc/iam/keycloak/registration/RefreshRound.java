package de.dvc.iam.keycloak.registration;

import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One round of the metadata refresh: takes the due registrations from the queue, refreshes each through
 * {@link MetadataRefresh} in a transaction of its own, a bounded number at a time, and moves the unchanged ones an
 * interval ahead in batches. Run by one node at a time ({@link de.dvc.iam.keycloak.store.ClusterSchedule}).
 */
final class RefreshRound {

    /** How many rescheduled unchanged registrations one statement carries. */
    private static final int CHECKED_BATCH = 200;
    /** At most this many registrations are taken from the queue per round. */
    private static final int MAX_PER_ROUND = 100_000;

    private final MetadataRefresh refresh;

    RefreshRound(MetadataRefresh refresh) {
        this.refresh = refresh;
    }

    /**
     * One round of the due-time queue ({@code DVC_REGISTRATION.NEXT_REFRESH}): active registrations due by now (and a tenth
     * of an interval ahead, so that timer drift does not skip a round), oldest due first, each in its own transaction,
     * {@code parallel} at a time (fetches wait on agency servers, not on this node). A registration refreshed moves an
     * interval ahead, a failed one by its backoff ({@link RefreshBackoff}), so no tail starves: what a round does not
     * reach before {@code budget} is the oldest due of the next. Unchanged documents are rescheduled in batches by one
     * statement each, without reading or writing their IdPs. Run by one node at a time (cluster lock).
     */
    void run(KeycloakSessionFactory factory, int parallel, Duration budget) {
        Instant start = Instant.now();
        long dueBy = refresh.schedule().dueBy(start).toEpochMilli();
        List<de.dvc.iam.keycloak.store.RegistrationStore.Due> due = new ArrayList<>();
        KeycloakModelUtils.runJobInTransaction(factory, session ->
                due.addAll(de.dvc.iam.keycloak.store.RegistrationStore.of(session).due(dueBy, MAX_PER_ROUND)));
        Instant deadline = start.plus(budget);
        java.util.concurrent.atomic.AtomicInteger postponed = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ConcurrentLinkedQueue<de.dvc.iam.keycloak.store.RegistrationStore.Due> unchanged = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, parallel), job -> {
            Thread thread = new Thread(job, "dvc-metadata-refresh-worker");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (de.dvc.iam.keycloak.store.RegistrationStore.Due entry : due) {
                pool.execute(() -> {
                    if (Instant.now().isAfter(deadline)) {
                        postponed.incrementAndGet();
                        return;
                    }
                    if (refreshOne(factory, entry)) {
                        unchanged.add(entry);
                        if (unchanged.size() >= CHECKED_BATCH) {
                            reschedule(factory, unchanged);
                        }
                    }
                });
            }
            pool.shutdown();
            // Each fetch is capped (GuardedHttpClient.Limits), so the started ones end soon after the deadline.
            if (!pool.awaitTermination(budget.plusMinutes(1).toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
                RefreshEvents.roundOverran();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdownNow();
        }
        reschedule(factory, unchanged);
        long seconds = Duration.between(start, Instant.now()).toSeconds();
        java.util.concurrent.atomic.AtomicLong stillDue = new java.util.concurrent.atomic.AtomicLong();
        KeycloakModelUtils.runJobInTransaction(factory, session ->
                stillDue.set(de.dvc.iam.keycloak.store.RegistrationStore.of(session).dueCount(System.currentTimeMillis())));
        refresh.metrics().round(due.size(), seconds, stillDue.get());
        RefreshEvents.round(due.size(), postponed.get(), seconds, stillDue.get());
    }

    /**
     * Moves the registrations of {@code unchanged} (taken from the queue) an interval of their realm ahead, in one
     * statement per batch.
     */
    private void reschedule(KeycloakSessionFactory factory, java.util.Queue<de.dvc.iam.keycloak.store.RegistrationStore.Due> unchanged) {
        java.util.Map<String, List<String>> byRealm = new java.util.HashMap<>();
        for (var entry = unchanged.poll(); entry != null; entry = unchanged.poll()) {
            byRealm.computeIfAbsent(entry.realmId(), k -> new ArrayList<>()).add(entry.id());
        }
        byRealm.forEach((realmId, batch) -> {
            for (int from = 0; from < batch.size(); from += CHECKED_BATCH) {
                List<String> part = batch.subList(from, Math.min(batch.size(), from + CHECKED_BATCH));
                try {
                    KeycloakModelUtils.runJobInTransaction(factory, session -> {
                        Instant now = Instant.now();
                        de.dvc.iam.keycloak.store.RegistrationStore.of(session).checked(part, now.toEpochMilli(),
                                refresh.policy(session.realms().getRealm(realmId)).schedule().nextAfterCheck(now).toEpochMilli());
                    });
                    refresh.metrics().wrote("schedule", 1);
                } catch (RuntimeException e) {
                    // they stay due and are checked again next round
                    RefreshEvents.rescheduleFailed(part.size());
                }
            }
        });
    }

    /** @return whether the registration's document was unchanged and nothing was written (it is rescheduled in a batch) */
    private boolean refreshOne(KeycloakSessionFactory factory, de.dvc.iam.keycloak.store.RegistrationStore.Due entry) {
        java.util.concurrent.atomic.AtomicBoolean untouched = new java.util.concurrent.atomic.AtomicBoolean();
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                RealmModel realm = session.realms().getRealm(entry.realmId());
                if (realm == null) {
                    return;
                }
                session.getContext().setRealm(realm);
                IdentityProviderModel idp = session.identityProviders().getByAlias(entry.alias());
                if (idp != null && RegistrationRecord.isRegistration(idp)) {
                    untouched.set(refresh.run(session, idp, false, false).untouched());
                }
            });
        } catch (RuntimeException e) {
            // An unexpected failure (a document the parser chokes on, a database error) backs off like any other
            // failure, in a transaction of its own: otherwise the registration would stay due and be tried every round.
            RefreshEvents.unexpected(entry.alias(), e);
            try {
                KeycloakModelUtils.runJobInTransaction(factory, session -> {
                    de.dvc.iam.keycloak.store.RegistrationEntity row = de.dvc.iam.keycloak.store.RegistrationStore.of(session)
                            .find(entry.realmId(), entry.alias()).orElse(null);
                    if (row != null) {
                        refresh.failed(row, "internal_error", Instant.now());
                    }
                });
            } catch (RuntimeException again) {
                RefreshEvents.backoffNotRecorded(entry.alias());
            }
            return false;
        }
        return untouched.get();
    }
}
