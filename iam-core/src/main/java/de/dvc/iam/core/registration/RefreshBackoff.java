package de.dvc.iam.core.registration;

import java.time.Duration;

/**
 * How long a metadata refresh waits after failures before it tries again: 5 minutes after the first,
 * doubling with each further failure, at most 24 hours. The last good metadata stays in use meanwhile.
 */
public final class RefreshBackoff {

    static final Duration FIRST = Duration.ofMinutes(5);
    static final Duration MAX = Duration.ofHours(24);

    private RefreshBackoff() {
    }

    /** @param failures consecutive failures so far, at least 1 */
    public static Duration after(int failures) {
        Duration delay = FIRST.multipliedBy(1L << Math.min(Math.max(failures, 1) - 1, 10));
        return delay.compareTo(MAX) > 0 ? MAX : delay;
    }
}
