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
 * Meters of the metadata refresh in the server's Micrometer registry, served with Keycloak's own at
 * the management interface's {@code /metrics} (Prometheus names in brackets), each tagged with
 * {@code agency} and {@code idp}:
 * <ul>
 *   <li>{@code dvc.registration.refresh} [{@code dvc_registration_refresh_total}], tag {@code outcome}
 *       (unchanged, applied, key-changed, key-change-pending, failed): refreshes run;</li>
 *   <li>{@code dvc.registration.refresh.failures} [{@code dvc_registration_refresh_failures}]:
 *       consecutive failed refreshes, 0 after a good one — alert on ≥ 3;</li>
 *   <li>{@code dvc.registration.certificate.days.left} [{@code dvc_registration_certificate_days_left}]:
 *       days until the IdP's first signing certificate expires (SAML) — alert on ≤ 30.</li>
 * </ul>
 * Values are those of the node that ran the refresh (one per round); after a restart they appear
 * with the next round. Thread-safe.
 */
final class RefreshMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> daysLeft = new ConcurrentHashMap<>();

    RefreshMetrics() {
        this(Metrics.globalRegistry);
    }

    RefreshMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records one refresh and the IdP's count of consecutive failures after it. */
    void refreshed(String agency, String idp, String outcome, int consecutiveFailures) {
        Counter.builder("dvc.registration.refresh").description("Metadata refreshes of registered IdPs")
                .tags("agency", agency, "idp", idp, "outcome", outcome).register(registry).increment();
        gauge(failures, "dvc.registration.refresh.failures", "Consecutive failed metadata refreshes", agency, idp)
                .set(consecutiveFailures);
    }

    /** Records when the IdP's first signing certificate expires. */
    void certificateExpires(String agency, String idp, Instant notAfter, Instant now) {
        gauge(daysLeft, "dvc.registration.certificate.days.left", "Days until the IdP's signing certificate expires", agency, idp)
                .set(Duration.between(now, notAfter).toDays());
    }

    private AtomicLong gauge(Map<String, AtomicLong> values, String name, String description, String agency, String idp) {
        return values.computeIfAbsent(agency + "\n" + idp, key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::doubleValue).description(description)
                    .tags("agency", agency, "idp", idp).strongReference(true).register(registry);
            return value;
        });
    }
}
