package de.dvc.iam.core.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * How long the audit trail keeps its rows (Aufbewahrungsfrist). The BSI minimum standard for logging
 * (Mindeststandard zur Protokollierung und Detektion) makes a stated retention and deletion a duty; the
 * default of 180 days is DVC's choice within it (docs/security.md says why), and keeping personal data
 * longer needs its own reason (DSGVO Art. 5 (1) e). A row older than the period is deleted by the
 * retention job; the deletion itself is a row of the trail.
 *
 * @param period how long rows are kept, at least one minute (short periods are for tests)
 */
public record AuditRetention(Duration period) {

    public static final Duration DEFAULT = Duration.ofDays(180);

    public AuditRetention {
        if (period == null || period.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("The audit retention is an ISO-8601 duration of at least PT1M, e.g. P180D.");
        }
    }

    /** Reads an option value (ISO-8601 duration, e.g. {@code P180D}); blank means the default. */
    public static AuditRetention parse(String value) {
        if (value == null || value.isBlank()) {
            return new AuditRetention(DEFAULT);
        }
        try {
            return new AuditRetention(Duration.parse(value.trim()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("The audit retention is an ISO-8601 duration of at least PT1M, e.g. P180D; got "
                    + value.trim() + ".");
        }
    }

    /** Rows older than this instant are due for deletion. */
    public Instant cutoff(Instant now) {
        return now.minus(period);
    }
}
