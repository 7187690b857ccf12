package de.dvc.iam.core.directory;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Stops asking a directory that keeps failing, so that its agency's users get the "directory unavailable" page at
 * once instead of after a timeout each, and DVC's threads are not spent waiting on it. After
 * {@code failureThreshold} consecutive failures (no connection, timeout, directory busy) the breaker opens: calls
 * fail fast for {@code coolDown}; then one trial call is let through (half-open) — its success closes the breaker,
 * its failure opens it for another cool-down. An answer of any kind, a wrong password included, is a success: the
 * directory works.
 *
 * <p>One per directory. Thread-safe; the critical sections are a few field updates.
 */
public final class CircuitBreaker {

    /** The breaker's state, for logs and metrics. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    public static final int DEFAULT_FAILURE_THRESHOLD = 5;
    public static final Duration DEFAULT_COOL_DOWN = Duration.ofSeconds(30);

    private final int failureThreshold;
    private final long coolDownNanos;
    private final LongSupplier nanoClock;
    private State state = State.CLOSED;
    private int failures;
    private long openedAt;
    private boolean trialRunning;

    /** @param nanoClock monotonic time in nanoseconds ({@code System::nanoTime}; a fake one in tests) */
    public CircuitBreaker(int failureThreshold, Duration coolDown, LongSupplier nanoClock) {
        if (failureThreshold < 1 || coolDown.isNegative() || coolDown.isZero()) {
            throw new IllegalArgumentException("A circuit breaker needs a threshold ≥ 1 and a positive cool-down.");
        }
        this.failureThreshold = failureThreshold;
        this.coolDownNanos = coolDown.toNanos();
        this.nanoClock = nanoClock;
    }

    public static CircuitBreaker standard() {
        return new CircuitBreaker(DEFAULT_FAILURE_THRESHOLD, DEFAULT_COOL_DOWN, System::nanoTime);
    }

    /**
     * Whether a call may go to the directory now. A caller that got {@code true} must report the call's end with
     * {@link #succeeded()}, {@link #failed()} or {@link #abandoned()}, exactly once.
     */
    public synchronized boolean tryAcquire() {
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
                if (nanoClock.getAsLong() - openedAt < coolDownNanos) {
                    return false;
                }
                state = State.HALF_OPEN;
                trialRunning = true;
                return true;
            default:
                if (trialRunning) {
                    return false;
                }
                trialRunning = true;
                return true;
        }
    }

    public synchronized void succeeded() {
        state = State.CLOSED;
        failures = 0;
        trialRunning = false;
    }

    public synchronized void failed() {
        failures++;
        trialRunning = false;
        if (state == State.HALF_OPEN || failures >= failureThreshold) {
            state = State.OPEN;
            openedAt = nanoClock.getAsLong();
        }
    }

    /** The call ended without telling anything about the directory (e.g. the network guard refused it): no change. */
    public synchronized void abandoned() {
        trialRunning = false;
    }

    public synchronized State state() {
        return state;
    }

    /** Time until the next trial call, zero unless open. */
    public synchronized Duration remainingCoolDown() {
        if (state != State.OPEN) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(Math.max(0, coolDownNanos - (nanoClock.getAsLong() - openedAt)));
    }

    @Override
    public synchronized String toString() {
        return "CircuitBreaker[" + state + ", " + failures + " consecutive failures]";
    }
}
