package de.dvc.iam.core.registration;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RefreshPolicyTest {

    @Test
    void encodesAndDecodesTheSameText() {
        RefreshPolicy policy = new RefreshPolicy(7200, true);
        assertThat(policy.encode()).isEqualTo("interval-seconds=7200;key-change-needs-approval=true");
        assertThat(RefreshPolicy.decode(policy.encode())).isEqualTo(policy);
        assertThat(policy.interval()).contains(Duration.ofHours(2));
        assertThat(new RefreshPolicy(0, false).off()).isTrue();
        assertThat(new RefreshPolicy(0, false).interval()).isEmpty();
    }

    @Test
    void refusesWhatItDoesNotWrite() {
        for (String text : new String[]{null, "", "interval-seconds=60", "interval-seconds=x;key-change-needs-approval=true",
                "interval-seconds=60;key-change-needs-approval=yes", "key-change-needs-approval=true;interval-seconds=60",
                "interval-seconds=-1;key-change-needs-approval=true", "interval-seconds=604801;key-change-needs-approval=false",
                "interval-seconds=60;key-change-needs-approval=true;x=1"}) {
            assertThatThrownBy(() -> RefreshPolicy.decode(text)).as(String.valueOf(text)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
