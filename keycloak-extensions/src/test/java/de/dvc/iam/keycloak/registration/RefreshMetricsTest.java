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
    void failuresCountUpAndResetAfterAGoodRefreshPerAgencyAndIdp() {
        metrics.refreshed("berlin-senfin", "berlin-senfin", "failed", 1);
        metrics.refreshed("berlin-senfin", "berlin-senfin", "failed", 2);
        metrics.refreshed("bund-bmi", "bund-bmi", "unchanged", 0);

        assertThat(failures("berlin-senfin")).isEqualTo(2.0);
        assertThat(failures("bund-bmi")).isZero();
        assertThat(registry.get("dvc.registration.refresh").tags("agency", "berlin-senfin", "outcome", "failed").counter().count())
                .isEqualTo(2.0);

        metrics.refreshed("berlin-senfin", "berlin-senfin", "applied", 0);
        assertThat(failures("berlin-senfin")).isZero();
        assertThat(registry.get("dvc.registration.refresh").tags("agency", "berlin-senfin", "outcome", "applied").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void certificateDaysLeftFollowTheLatestRefresh() {
        Instant now = Instant.parse("2026-11-27T00:00:00Z");
        metrics.certificateExpires("berlin-senfin", "berlin-senfin", now.plus(Duration.ofDays(20)), now);
        assertThat(registry.get("dvc.registration.certificate.days.left").tags("idp", "berlin-senfin").gauge().value()).isEqualTo(20.0);
        metrics.certificateExpires("berlin-senfin", "berlin-senfin", now.minus(Duration.ofDays(3)), now);
        assertThat(registry.get("dvc.registration.certificate.days.left").tags("idp", "berlin-senfin").gauge().value()).isEqualTo(-3.0);
    }

    private double failures(String agency) {
        return registry.get("dvc.registration.refresh.failures").tags("agency", agency).gauge().value();
    }
}
