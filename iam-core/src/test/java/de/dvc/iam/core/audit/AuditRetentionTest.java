package de.dvc.iam.core.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AuditRetentionTest {

    @Test
    void blankMeans180Days() {
        assertThat(AuditRetention.parse(null).period()).isEqualTo(Duration.parse("P180D"));
        assertThat(AuditRetention.parse("").period()).isEqualTo(Duration.ofDays(180));
        assertThat(AuditRetention.parse("  ").period()).isEqualTo(AuditRetention.DEFAULT).isEqualTo(Duration.ofDays(180));
    }

    @Test
    void readsIsoDurations() {
        assertThat(AuditRetention.parse("PT1M").period()).isEqualTo(Duration.ofMinutes(1));
        assertThat(AuditRetention.parse(" P90D ").period()).isEqualTo(Duration.ofDays(90));
        assertThat(AuditRetention.parse("P3650D").period()).isEqualTo(Duration.ofDays(3650));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT30S", "PT59.999S", "PT0S", "-P1D", "-PT1M"})
    void refusesPeriodsShorterThanAMinute(String value) {
        assertThatIllegalArgumentException().isThrownBy(() -> AuditRetention.parse(value)).withMessageContaining("PT1M");
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "180", "180d", "P6M", "P1Y"})
    void refusesWhatIsNotAnIsoDurationAndSaysWhatIsExpected(String value) {
        assertThatIllegalArgumentException().isThrownBy(() -> AuditRetention.parse(value))
                .withMessageContaining("ISO-8601").withMessageContaining("P180D").withMessageContaining(value);
    }

    @Test
    void theConstructorRefusesNullAndShortPeriods() {
        assertThatIllegalArgumentException().isThrownBy(() -> new AuditRetention(null));
        assertThatIllegalArgumentException().isThrownBy(() -> new AuditRetention(Duration.ofSeconds(59)));
    }

    @Test
    void theCutoffIsThePeriodBeforeNow() {
        Instant now = Instant.parse("2026-11-30T08:00:00.123Z");

        assertThat(AuditRetention.parse("P180D").cutoff(now)).isEqualTo(Instant.parse("2026-06-03T08:00:00.123Z"));
        assertThat(AuditRetention.parse("PT1M").cutoff(now)).isEqualTo(Instant.parse("2026-11-30T07:59:00.123Z"));
        assertThat(AuditRetention.parse(null).cutoff(now)).isEqualTo(now.minus(Duration.ofDays(180)));
    }
}
