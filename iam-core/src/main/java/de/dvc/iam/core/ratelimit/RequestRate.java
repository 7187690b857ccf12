package de.dvc.iam.core.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client (e.g. per remote address) for unauthenticated endpoints such as the agency
 * search: {@code perSecond} requests a second on average, bursts up to {@code burst}. The table of
 * clients is bounded ({@code maxClients}); when it is full, idle buckets (full again) are dropped, and if
 * none is idle, new clients share one overflow bucket, so a flood of spoofed sources cannot grow memory
 * and still meets a limit.
 *
 * <p>Thread-safe.
 */
public final class RequestRate {

    private final double perNano;
    private final double burst;
    private final int maxClients;
    private final LongSupplier clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Bucket overflow;

    private static final class Bucket {
        private double tokens;
        private long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }
    }

    public RequestRate(double perSecond, int burst, int maxClients) {
        this(perSecond, burst, maxClients, System::nanoTime);
    }

    /** @param clock nanoseconds, for tests */
    public RequestRate(double perSecond, int burst, int maxClients, LongSupplier clock) {
        if (perSecond <= 0 || burst < 1 || maxClients < 1) {
            throw new IllegalArgumentException("Rate, burst and client table size must be positive.");
        }
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.maxClients = maxClients;
        this.clock = clock;
        this.overflow = new Bucket(burst, clock.getAsLong());
    }

    /**
     * Takes one request of {@code client}.
     *
     * @return empty if it may proceed, else how long until it may
     */
    public java.util.Optional<Duration> take(String client) {
        long now = clock.getAsLong();
        Bucket bucket = buckets.get(client);
        if (bucket == null) {
            if (buckets.size() >= maxClients) {
                dropIdle(now);
            }
            bucket = buckets.size() >= maxClients ? overflow : buckets.computeIfAbsent(client, c -> new Bucket(burst, now));
        }
        synchronized (bucket) {
            refill(bucket, now);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return java.util.Optional.empty();
            }
            long waitNanos = (long) Math.ceil((1 - bucket.tokens) / perNano);
            return java.util.Optional.of(Duration.ofNanos(waitNanos));
        }
    }

    private void refill(Bucket bucket, long now) {
        bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updated) * perNano);
        bucket.updated = now;
    }

    private void dropIdle(long now) {
        buckets.entrySet().removeIf(entry -> {
            synchronized (entry.getValue()) {
                refill(entry.getValue(), now);
                return entry.getValue().tokens >= burst;
            }
        });
    }
}
