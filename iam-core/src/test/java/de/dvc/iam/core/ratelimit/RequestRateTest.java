package de.dvc.iam.core.ratelimit;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RequestRateTest {

    private final AtomicLong now = new AtomicLong();

    @Test
    void aClientGetsItsBurstThenTheRate() {
        RequestRate rate = new RequestRate(10, 5, 100, now::get);
        for (int i = 0; i < 5; i++) {
            assertThat(rate.take("a")).as("burst %d", i).isEmpty();
        }
        assertThat(rate.take("a")).hasValueSatisfying(wait -> assertThat(wait.toMillis()).isBetween(1L, 100L));
        assertThat(rate.take("b")).as("another client has its own bucket").isEmpty();
        now.addAndGet(100_000_000L); // 0.1 s = one request at 10/s
        assertThat(rate.take("a")).isEmpty();
        assertThat(rate.take("a")).isPresent();
    }

    @Test
    void aFloodOfSourcesSharesTheOverflowBucketAndMemoryStaysBounded() {
        RequestRate rate = new RequestRate(1, 2, 3, now::get);
        for (String c : new String[] {"a", "b", "c"}) {
            rate.take(c);
        }
        int admitted = 0;
        for (int i = 0; i < 100; i++) {
            if (rate.take("spoofed-" + i).isEmpty()) {
                admitted++;
            }
        }
        assertThat(admitted).as("only the overflow bucket's burst").isEqualTo(2);
        now.addAndGet(10_000_000_000L); // everyone idle again: their buckets are dropped, new clients get their own
        assertThat(rate.take("new")).isEmpty();
        assertThat(rate.take("new")).isEmpty();
        assertThat(rate.take("new")).isPresent();
    }
}
