package de.dvc.iam.config.apply;

import de.dvc.iam.config.plan.Plan;
import de.dvc.iam.config.plan.PlannedChange;
import de.dvc.iam.config.state.ServerState;
import de.dvc.iam.config.state.Write;
import de.dvc.iam.config.state.WriteFailed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the writes of a plan: phase by phase ({@link Phases}), up to {@code parallelism} objects at a time within a
 * phase. {@link #stop} (Ctrl-C) lets the objects in flight finish and starts no more; a server that cannot be reached
 * stops it the same way. One run per instance; {@link #stop} may be called from any thread.
 */
public final class Applier {

    private final ServerState server;
    private final int parallelism;
    private final Progress progress;
    private final AtomicReference<String> stopped = new AtomicReference<>();

    public Applier(ServerState server, int parallelism, Progress progress) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        this.server = server;
        this.parallelism = parallelism;
        this.progress = progress;
    }

    /** Starts no more objects; those in flight finish. */
    public void stop(String reason) {
        stopped.compareAndSet(null, reason);
    }

    public ApplyReport apply(Plan plan) {
        long start = System.nanoTime();
        Map<Write, WriteResult> results = java.util.Collections.synchronizedMap(new IdentityHashMap<>());
        Phases phases = Phases.of(plan);
        progress.started(phases.writes());
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, runnable -> {
            Thread thread = new Thread(runnable, "dvc-config-apply");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (List<Write> phase : phases.list()) {
                List<Callable<Void>> tasks = new ArrayList<>();
                for (Write write : phase) {
                    tasks.add(() -> {
                        results.put(write, run(write, phases, results));
                        return null;
                    });
                }
                pool.invokeAll(tasks);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop("interrupted");
        } finally {
            pool.shutdown();
            progress.finished();
        }
        return new ApplyReport(outcomes(plan, results), Optional.ofNullable(stopped.get()), Duration.ofNanos(System.nanoTime() - start));
    }

    private WriteResult run(Write write, Phases phases, Map<Write, WriteResult> results) {
        if (stopped.get() != null) {
            return WriteResult.notStarted("not started: apply was stopped (" + stopped.get() + ")");
        }
        Optional<String> blocked = phases.blockedBy(write, results);
        if (blocked.isPresent()) {
            progress.done(true);
            return WriteResult.notStarted(blocked.get());
        }
        try {
            server.write(write);
            progress.done(false);
            return WriteResult.APPLIED;
        } catch (WriteFailed e) {
            if (e.serverGone()) {
                stop("the server cannot be reached");
            }
            progress.done(true);
            return WriteResult.failed(e.getMessage());
        } catch (RuntimeException e) {
            progress.done(true);
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return WriteResult.failed(write.kind().label() + " " + write.name() + ": " + message);
        }
    }

    private static List<Outcome> outcomes(Plan plan, Map<Write, WriteResult> results) {
        List<Outcome> outcomes = new ArrayList<>();
        for (PlannedChange change : plan.changes()) {
            List<WriteResult> steps = change.writes().stream()
                    .map(w -> results.getOrDefault(w, WriteResult.notStarted("not started: apply was stopped"))).toList();
            long applied = steps.stream().filter(r -> r.status() == Outcome.Status.APPLIED).count();
            Optional<String> problem = steps.stream().filter(r -> r.status() != Outcome.Status.APPLIED)
                    .map(WriteResult::message).findFirst();
            Outcome.Status status;
            if (applied == steps.size()) {
                status = Outcome.Status.APPLIED;
            } else if (applied > 0) {
                status = Outcome.Status.PARTLY_APPLIED;
            } else {
                status = steps.stream().anyMatch(r -> r.status() == Outcome.Status.FAILED) ? Outcome.Status.FAILED
                        : Outcome.Status.NOT_STARTED;
            }
            outcomes.add(new Outcome(change, status, problem));
        }
        return outcomes;
    }

    /** What became of one write. */
    record WriteResult(Outcome.Status status, String message) {
        static final WriteResult APPLIED = new WriteResult(Outcome.Status.APPLIED, "");

        static WriteResult failed(String message) {
            return new WriteResult(Outcome.Status.FAILED, message);
        }

        static WriteResult notStarted(String message) {
            return new WriteResult(Outcome.Status.NOT_STARTED, message);
        }

        boolean ok() {
            return status == Outcome.Status.APPLIED;
        }
    }
}
