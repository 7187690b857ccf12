package de.dvc.iam.core.registration;

import java.util.Locale;

/**
 * What one metadata refresh of a registration came to: the API's {@code refresh} answer, the registration's last
 * outcome and the tag of the metric {@code dvc.registration.refresh}.
 */
public enum RefreshOutcome {
    /** Not fetched: metadata registered as XML, or the realm's refresh is off. */
    SKIPPED,
    /** Nothing to apply. */
    UNCHANGED,
    /** New settings applied, the signing key as before. */
    APPLIED,
    /** New settings applied with a new signing key (noted in the history). */
    KEY_CHANGED,
    /** A new signing key waits for an operator; the IdP keeps the last good settings. */
    KEY_CHANGE_PENDING,
    /** Not fetched or not valid: the last good settings stay, the next try waits for {@link RefreshBackoff}. */
    FAILED;

    /** Consecutive failures from which a failing refresh is an error someone must look at (log level ERROR, alert). */
    public static final int ALARM_AFTER = 3;
    /** The longest last outcome a registration keeps (DVC_REGISTRATION.LAST_OUTCOME). */
    public static final int MAX_TEXT = 64;

    /** {@code key-change-pending} and the like. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The last outcome of a refresh that failed for {@code reason} (a finding's code), cut to what the row holds. */
    public static String failedText(String reason) {
        String text = FAILED.code() + " " + reason;
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
    }

    /** Whether the {@code failures}th failure in a row should reach someone (ERROR, not WARN). */
    public static boolean alarming(int failures) {
        return failures >= ALARM_AFTER;
    }
}
