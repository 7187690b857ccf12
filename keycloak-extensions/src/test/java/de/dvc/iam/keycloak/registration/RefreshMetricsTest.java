package de.dvc.iam.keycloak.registration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RefreshMetrics metrics = new RefreshMetrics(registry);

    @Test
    void failuresHaveSeriesOnlyWhileFailingAndTotalsOnlyAnOutcome() {
        metrics.refreshed("berlin-senfin", "berlin-senfin", "failed", 1);
        metrics.refreshed("berlin-senfin", "berlin-senfin", "failed", 2);
        metrics.refreshed("bund-bmi", "bund-bmi", "unchanged", 0);

        assertThat(failures("berlin-senfin")).isEqualTo(2.0);
        assertThat(registry.find("dvc.registration.refresh.failures").tag("agency", "bund-bmi").gauge()).as("healthy: no series").isNull();
        assertThat(registry.get("dvc.registration.refresh.failing").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("dvc.registration.refresh").tags("outcome", "failed").counter().count()).isEqualTo(2.0);
        assertThat(registry.get("dvc.registration.refresh").counters()).allSatisfy(counter ->
                assertThat(counter.getId().getTag("agency")).as("totals name no agency").isNull());

        metrics.refreshed("berlin-senfin", "berlin-senfin", "applied", 0);
        assertThat(registry.find("dvc.registration.refresh.failures").gauges()).as("recovered: series gone").isEmpty();
        assertThat(registry.get("dvc.registration.refresh.failing").gauge().value()).isZero();
        assertThat(registry.get("dvc.registration.refresh").tags("outcome", "applied").counter().count()).isEqualTo(1.0);
    }

    @Test
    void certificateDaysLeftOnlyForExpiringCertificates() {
        Instant now = Instant.parse("2026-11-27T00:00:00Z");
        metrics.certificateExpires("bund-bmi", "bund-bmi", now.plus(Duration.ofDays(400)), now);
        assertThat(registry.find("dvc.registration.certificate.days.left").gauges()).isEmpty();

        metrics.certificateExpires("berlin-senfin", "berlin-senfin", now.plus(Duration.ofDays(20)), now);
        assertThat(registry.get("dvc.registration.certificate.days.left").tags("idp", "berlin-senfin").gauge().value()).isEqualTo(20.0);
        metrics.certificateExpires("berlin-senfin", "berlin-senfin", now.minus(Duration.ofDays(3)), now);
        assertThat(registry.get("dvc.registration.certificate.days.left").tags("idp", "berlin-senfin").gauge().value()).isEqualTo(-3.0);
        assertThat(registry.get("dvc.registration.certificates.expiring").gauge().value()).isEqualTo(1.0);

        metrics.certificateExpires("berlin-senfin", "berlin-senfin", now.plus(Duration.ofDays(365)), now);
        assertThat(registry.find("dvc.registration.certificate.days.left").gauges()).as("renewed").isEmpty();
        assertThat(registry.get("dvc.registration.certificates.expiring").gauge().value()).isZero();
    }

    @Test
    void aThousandHealthyRegistrationsAddNoSeries() {
        Instant now = Instant.parse("2026-11-27T00:00:00Z");
        int before = registry.getMeters().size();
        for (int i = 0; i < 1000; i++) {
            metrics.refreshed("agency-" + i, "idp-" + i, i % 2 == 0 ? "unchanged" : "applied", 0);
            metrics.certificateExpires("agency-" + i, "idp-" + i, now.plus(Duration.ofDays(365)), now);
        }
        assertThat(registry.getMeters().size() - before).as("only the two outcome totals").isEqualTo(2);
    }

    private double failures(String agency) {
        return registry.get("dvc.registration.refresh.failures").tags("agency", agency).gauge().value();
    }
}
