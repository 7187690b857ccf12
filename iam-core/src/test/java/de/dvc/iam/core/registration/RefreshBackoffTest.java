package de.dvc.iam.core.registration;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshBackoffTest {

    @Test
    void doublesFromFiveMinutesUpToADay() {
        assertThat(RefreshBackoff.after(1)).isEqualTo(Duration.ofMinutes(5));
        assertThat(RefreshBackoff.after(2)).isEqualTo(Duration.ofMinutes(10));
        assertThat(RefreshBackoff.after(5)).isEqualTo(Duration.ofMinutes(80));
        assertThat(RefreshBackoff.after(9)).isEqualTo(Duration.ofHours(21).plusMinutes(20));
        assertThat(RefreshBackoff.after(10)).isEqualTo(Duration.ofHours(24));
        assertThat(RefreshBackoff.after(1000)).isEqualTo(Duration.ofHours(24));
    }
}
