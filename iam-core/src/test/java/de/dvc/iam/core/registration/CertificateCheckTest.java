package de.dvc.iam.core.registration;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateCheckTest {

    private static final Instant NOW = Instant.parse("2026-11-30T03:00:00Z");

    @Test
    void aCertificateExpiresSoonWithinThirtyDaysAndOnceExpired() {
        assertThat(CertificateCheck.expiresSoon(NOW.plus(Duration.ofDays(31)), NOW)).isFalse();
        assertThat(CertificateCheck.expiresSoon(NOW.plus(Duration.ofDays(29)), NOW)).isTrue();
        assertThat(CertificateCheck.expiresSoon(NOW.minusSeconds(1), NOW)).isTrue();
    }
}
