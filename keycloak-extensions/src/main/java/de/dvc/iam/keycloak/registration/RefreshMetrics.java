package de.dvc.iam.keycloak.registration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Meters of the metadata refresh in the server's Micrometer registry, served with Keycloak's own at the management
 * interface's {@code /metrics} (Prometheus names in brackets). Their number does not grow with the federation: totals
 * carry only an outcome, and a registration has series of its own only while it is in trouble (12,000 registrations
 * would otherwise mean 50,000 to 80,000 series per node).
 * <ul>
 *   <li>{@code dvc.registration.refresh} [{@code dvc_registration_refresh_total}], tag {@code outcome}
 *       (unchanged, applied, key-changed, key-change-pending, failed): refreshes run;</li>
 *   <li>{@code dvc.registration.refresh.failing} [{@code dvc_registration_refresh_failing}]: registrations whose last
 *       refresh failed;</li>
 *   <li>{@code dvc.registration.certificates.expiring} [{@code dvc_registration_certificates_expiring}]: registrations
 *       whose first SAML signing certificate expires within {@value #EXPIRING_DAYS} days (or has expired);</li>
 *   <li>only for those, tagged {@code agency} and {@code idp}: {@code dvc.registration.refresh.failures}
 *       [{@code dvc_registration_refresh_failures}], consecutive failed refreshes (alert on ≥ 3), and
 *       {@code dvc.registration.certificate.days.left} [{@code dvc_registration_certificate_days_left}]. A registration's
 *       series disappear with its good refresh or its renewed certificate.</li>
 * </ul>
 * Values are those of the node that ran the refresh (one per round); after a restart they appear with the next
 * round. Thread-safe.
 */
final class RefreshMetrics {

    static final int EXPIRING_DAYS = 30;

    private final MeterRegistry registry;
    private final Map<String, Tracked> failures = new ConcurrentHashMap<>();
    private final Map<String, Tracked> daysLeft = new ConcurrentHashMap<>();

    /** A per-registration gauge, registered while the registration is in trouble. */
    private record Tracked(Gauge gauge, AtomicLong value) {
    }

    RefreshMetrics() {
        this(Metrics.globalRegistry);
    }

    RefreshMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("dvc.registration.refresh.failing", failures, Map::size)
                .description("Registered IdPs whose last metadata refresh failed").strongReference(true).register(registry);
        Gauge.builder("dvc.registration.certificates.expiring", daysLeft, Map::size)
                .description("Registered IdPs whose signing certificate expires within " + EXPIRING_DAYS + " days")
                .strongReference(true).register(registry);
        roundGauges();
    }

    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong roundSeconds = new AtomicLong();
    private final AtomicLong roundDue = new AtomicLong();

    /** Registers the round's gauges (once; they keep the last round's values of this node). */
    private void roundGauges() {
        Gauge.builder("dvc.registration.refresh.backlog", backlog, AtomicLong::doubleValue)
                .description("Registrations still due after the last refresh round ended (postponed to the next)")
                .strongReference(true).register(registry);
        Gauge.builder("dvc.registration.refresh.round.seconds", roundSeconds, AtomicLong::doubleValue)
                .description("Duration of the last refresh round").strongReference(true).register(registry);
        Gauge.builder("dvc.registration.refresh.round.due", roundDue, AtomicLong::doubleValue)
                .description("Registrations due at the start of the last refresh round").strongReference(true).register(registry);
    }

    /** Records a round: how many were due, how long it took, and how many are still due after it. */
    void round(long due, long seconds, long stillDue) {
        roundDue.set(due);
        roundSeconds.set(seconds);
        backlog.set(stillDue);
    }

    /** Counts the database writes of refreshes by kind: {@code idp} (an IdP update, invalidating caches cluster-wide),
     *  {@code registration} (one registration row) or {@code schedule} (one statement rescheduling unchanged ones). */
    void wrote(String kind, int count) {
        if (count > 0) {
            Counter.builder("dvc.registration.refresh.writes").description("Database writes of metadata refreshes")
                    .tags("kind", kind).register(registry).increment(count);
        }
    }

    /** Records one refresh and the IdP's count of consecutive failures after it. */
    void refreshed(String agency, String idp, String outcome, int consecutiveFailures) {
        Counter.builder("dvc.registration.refresh").description("Metadata refreshes of registered IdPs")
                .tags("outcome", outcome).register(registry).increment();
        track(failures, "dvc.registration.refresh.failures", "Consecutive failed metadata refreshes", agency, idp,
                consecutiveFailures > 0 ? consecutiveFailures : null);
    }

    /** Records when the IdP's first signing certificate expires. */
    void certificateExpires(String agency, String idp, Instant notAfter, Instant now) {
        long days = Duration.between(now, notAfter).toDays();
        track(daysLeft, "dvc.registration.certificate.days.left", "Days until the IdP's signing certificate expires", agency, idp,
                days <= EXPIRING_DAYS ? days : null);
    }

    /** Sets the registration's gauge to {@code value}, registering it if needed; removes it when {@code value} is null. */
    private void track(Map<String, Tracked> tracked, String name, String description, String agency, String idp, Long value) {
        String key = agency + "\n" + idp;
        if (value == null) {
            Tracked gone = tracked.remove(key);
            if (gone != null) {
                registry.remove(gone.gauge());
            }
            return;
        }
        tracked.computeIfAbsent(key, k -> {
            AtomicLong holder = new AtomicLong();
            Gauge gauge = Gauge.builder(name, holder, AtomicLong::doubleValue).description(description)
                    .tags("agency", agency == null ? "" : agency, "idp", idp).strongReference(true).register(registry);
            return new Tracked(gauge, holder);
        }).value().set(value);
    }

    private void track(Map<String, Tracked> tracked, String name, String description, String agency, String idp, Integer value) {
        track(tracked, name, description, agency, idp, value == null ? null : Long.valueOf(value));
    }
}
