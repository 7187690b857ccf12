package de.dvc.iam.core.registration;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RefreshScheduleTest {

    private static final Instant T = Instant.parse("2026-11-30T03:00:00Z");
    private final RefreshSchedule hourly = new RefreshSchedule(Duration.ofHours(1));

    @Test
    void aCheckedRegistrationIsDueAnIntervalLaterAndTheNextRoundTakesItDespiteTimerDrift() {
        Instant checked = T.plusSeconds(90); // early in the round that started at T
        Instant next = hourly.nextAfterCheck(checked);
        assertThat(next).isEqualTo(T.plus(Duration.ofHours(1)).plusSeconds(90));
        Instant nextRound = T.plus(Duration.ofHours(1)).minusSeconds(5); // this node's timer ran a little early
        assertThat(next).isBeforeOrEqualTo(hourly.dueBy(nextRound));
    }

    @Test
    void oneCheckedLateInARoundWaitsARoundAndIsThenAmongTheOldestDue() {
        Instant checked = T.plus(Duration.ofMinutes(50)); // the round's budget nearly used up
        Instant nextRound = T.plus(Duration.ofHours(1));
        assertThat(hourly.nextAfterCheck(checked)).isAfter(hourly.dueBy(nextRound));
        assertThat(hourly.nextAfterCheck(checked)).isBefore(hourly.dueBy(nextRound.plus(Duration.ofHours(1))));
    }

    @Test
    void failuresBackOffAndTheirNextTryIsIndependentOfTheInterval() {
        assertThat(hourly.nextAfterFailure(T, 1)).isEqualTo(T.plus(Duration.ofMinutes(5)));
        assertThat(hourly.nextAfterFailure(T, 3)).isEqualTo(T.plus(Duration.ofMinutes(20)));
        assertThat(hourly.nextAfterFailure(T, 40)).isEqualTo(T.plus(Duration.ofHours(24)));
    }

    @Test
    void onlyAScheduledRefreshOfTheSameBytesWithoutAHeldKeyChangeSkipsTheParse() {
        assertThat(RefreshSchedule.unchanged("abc", "abc", false, false)).isTrue();
        assertThat(RefreshSchedule.unchanged("abc", "abd", false, false)).as("changed bytes").isFalse();
        assertThat(RefreshSchedule.unchanged("abc", null, false, false)).as("never applied").isFalse();
        assertThat(RefreshSchedule.unchanged("abc", "abc", true, false)).as("forced by an admin").isFalse();
        assertThat(RefreshSchedule.unchanged("abc", "abc", false, true)).as("a held key change is looked at again").isFalse();
        assertThat(RefreshSchedule.unchanged(null, null, false, false)).isFalse();
    }

    @Test
    void theIntervalMustBePositive() {
        assertThatThrownBy(() -> new RefreshSchedule(Duration.ZERO)).hasMessageContaining("positive");
    }
}
