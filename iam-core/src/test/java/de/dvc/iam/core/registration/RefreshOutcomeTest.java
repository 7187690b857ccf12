package de.dvc.iam.core.registration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshOutcomeTest {

    @Test
    void codesAreWhatTheApiAndTheMetricsShow() {
        assertThat(RefreshOutcome.KEY_CHANGE_PENDING.code()).isEqualTo("key-change-pending");
        assertThat(RefreshOutcome.KEY_CHANGED.code()).isEqualTo("key-changed");
        assertThat(RefreshOutcome.UNCHANGED.code()).isEqualTo("unchanged");
    }

    @Test
    void aFailureIsKeptWithItsReasonCutToTheColumn() {
        assertThat(RefreshOutcome.failedText("metadata_unreachable")).isEqualTo("failed metadata_unreachable");
        assertThat(RefreshOutcome.failedText("x".repeat(100))).hasSize(RefreshOutcome.MAX_TEXT).startsWith("failed xxx");
    }

    @Test
    void theThirdFailureInARowIsAnAlarm() {
        assertThat(RefreshOutcome.alarming(2)).isFalse();
        assertThat(RefreshOutcome.alarming(3)).isTrue();
    }
}
