package de.dvc.iam.core.directory;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class CircuitBreakerTest {

    private final AtomicLong now = new AtomicLong();
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(30), now::get);

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            assertThat(breaker.tryAcquire()).isTrue();
            breaker.failed();
        }
    }

    @Test
    void opensAfterConsecutiveFailuresOnly() {
        fail(2);
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.succeeded(); // an answer resets the count
        fail(2);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        fail(1);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.tryAcquire()).isFalse();
        assertThat(breaker.remainingCoolDown()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void letsOneTrialThroughAfterTheCoolDown() {
        fail(3);
        now.addAndGet(Duration.ofSeconds(29).toNanos());
        assertThat(breaker.tryAcquire()).isFalse();
        now.addAndGet(Duration.ofSeconds(1).toNanos());

        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(breaker.tryAcquire()).as("a second call while the trial runs").isFalse();
        breaker.succeeded();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void aFailedTrialOpensForAnotherCoolDown() {
        fail(3);
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.failed();

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.tryAcquire()).isFalse();
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void anAbandonedTrialLetsTheNextOneThrough() {
        fail(3);
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.abandoned();
        assertThat(breaker.tryAcquire()).isTrue();
    }
}
