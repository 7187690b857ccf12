package de.dvc.iam.core.registration;

import java.time.Duration;
import java.time.Instant;

/**
 * The refresh queue's rules: when a registration is due again, what a round takes, and when a fetched document
 * counts as unchanged (no parse, no write). Each registration carries its next refresh time; a round takes every
 * active one due by its start plus a tenth of the interval (so that timer drift between rounds never skips a
 * registration by seconds), oldest due first.
 *
 * @param interval the time between refreshes of one registration (server option {@code refresh-seconds})
 */
public record RefreshSchedule(Duration interval) {

    public RefreshSchedule {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("The refresh interval must be positive, is " + interval);
        }
    }

    /** The latest next-refresh time a round starting at {@code roundStart} takes. */
    public Instant dueBy(Instant roundStart) {
        return roundStart.plus(interval.dividedBy(10));
    }

    /** When a registration checked at {@code checked} (unchanged, applied or skipped) is due again. */
    public Instant nextAfterCheck(Instant checked) {
        return checked.plus(interval);
    }

    /** When a registration whose refresh failed for the {@code failures}th time in a row at {@code failed} is tried again. */
    public Instant nextAfterFailure(Instant failed, int failures) {
        return failed.plus(RefreshBackoff.after(failures));
    }

    /**
     * Whether a fetched document can be taken as unchanged without parsing it: a scheduled (not forced) refresh, the
     * same hash as the last applied document, and no signing key change held for an operator (that one must be
     * looked at again, e.g. to be accepted).
     */
    public static boolean unchanged(String fetchedHash, String storedHash, boolean forced, boolean keyChangeHeld) {
        return !forced && !keyChangeHeld && fetchedHash != null && fetchedHash.equals(storedHash);
    }
}
