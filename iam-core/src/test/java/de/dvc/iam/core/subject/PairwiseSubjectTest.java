package de.dvc.iam.core.subject;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PairwiseSubjectTest {

    private final PairwiseSubject subjects = new PairwiseSubject("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    @Test
    void stableWithinASectorDifferentBetweenSectors() {
        String a1 = subjects.of("steuer.dvc.example", "user-1");

        assertThat(subjects.of("steuer.dvc.example", "user-1")).isEqualTo(a1);
        assertThat(subjects.of("bau.dvc.example", "user-1")).isNotEqualTo(a1);
        assertThat(subjects.of("steuer.dvc.example", "user-2")).isNotEqualTo(a1);
        assertThat(a1).matches("[A-Za-z0-9_-]{43}").doesNotContain("user-1");
    }

    @Test
    void dependsOnTheSecret() {
        PairwiseSubject other = new PairwiseSubject("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8));
        assertThat(other.of("s", "u")).isNotEqualTo(subjects.of("s", "u"));
    }

    @Test
    void refusesWeakSecretsAndBlankInput() {
        assertThatThrownBy(() -> new PairwiseSubject(new byte[16])).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> subjects.of(" ", "u")).isInstanceOf(IllegalArgumentException.class);
    }
}
