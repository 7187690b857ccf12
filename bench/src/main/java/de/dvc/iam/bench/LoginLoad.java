package de.dvc.iam.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A closed-loop login load: {@code clients} threads, each logging in again as soon as its last login ended (or after a
 * pause, for people who retry by hand), for a fixed time. A login that does not end as expected is counted as a
 * failure and the first one's description kept. Every loop is bounded by the time and by {@value #MAX_ATTEMPTS}
 * attempts per client.
 */
final class LoginLoad {

    private static final int MAX_ATTEMPTS = 1_000_000;

    /** One login of client {@code client}; returns null when it ended as expected, else what happened instead. */
    @FunctionalInterface
    interface Attempt {
        String run(int client, int iteration) throws Exception;
    }

    /** What one load produced: successes, failures, the wall time from start until the last client stopped, durations. */
    record Result(int succeeded, int failed, double seconds, Latencies latencies, String firstFailure) {
        double perSecond() {
            return succeeded / seconds;
        }
    }

    private LoginLoad() {
    }

    /** {@code count} attempts one after the other (one client); the result's durations are those that ended as expected. */
    static Result sequential(int count, Attempt attempt) {
        Latencies expected = new Latencies(count);
        String firstFailure = null;
        int ok = 0;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long began = System.nanoTime();
            String failure;
            try {
                failure = attempt.run(0, i);
            } catch (Exception e) {
                failure = e.toString();
            }
            if (failure == null) {
                ok++;
                expected.add(System.nanoTime() - began, 0);
            } else if (firstFailure == null) {
                firstFailure = failure;
            }
        }
        return new Result(ok, count - ok, (System.nanoTime() - start) / 1e9, expected, firstFailure);
    }

    /** The blocks of one case as one result: their logins, failures, seconds and durations together. */
    static Result merged(List<Result> blocks) {
        return new Result(blocks.stream().mapToInt(Result::succeeded).sum(), blocks.stream().mapToInt(Result::failed).sum(),
                blocks.stream().mapToDouble(Result::seconds).sum(), Latencies.merged(blocks.stream().map(Result::latencies).toList()),
                blocks.stream().map(Result::firstFailure).filter(java.util.Objects::nonNull).findFirst().orElse(null));
    }

    /** Runs {@code clients} clients for {@code duration}; started clients finish the login they are in. */
    static Result run(int clients, Duration duration, Duration pause, Attempt attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        try {
            List<Future<long[][]>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit(() -> {
                    List<long[]> attempts = new ArrayList<>();
                    for (int i = 0; i < MAX_ATTEMPTS && System.nanoTime() < deadline; i++) {
                        long began = System.nanoTime();
                        String failure;
                        try {
                            failure = attempt.run(client, i);
                        } catch (Exception e) {
                            failure = e.toString();
                        }
                        if (failure != null) {
                            firstFailure.compareAndSet(null, failure);
                        }
                        attempts.add(new long[] {System.nanoTime() - began, failure == null ? 1 : 0});
                        if (!pause.isZero() && System.nanoTime() < deadline) {
                            Thread.sleep(pause.toMillis());
                        }
                    }
                    return attempts.toArray(long[][]::new);
                }));
            }
            List<long[]> all = new ArrayList<>();
            for (Future<long[][]> future : futures) {
                // a login is bounded by its HTTP timeouts (30 s per request); a minute after the deadline something is wrong
                all.addAll(List.of(future.get(duration.toSeconds() + 120, TimeUnit.SECONDS)));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Latencies succeeded = new Latencies(all.size());
            int ok = 0;
            for (long[] one : all) {
                if (one[1] == 1) {
                    ok++;
                    succeeded.add(one[0], 0);
                }
            }
            return new Result(ok, all.size() - ok, seconds, succeeded, firstFailure.get());
        } finally {
            pool.shutdownNow();
        }
    }
}
