package de.dvc.iam.core.registration;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DomainProofTest {

    @Test
    void aTxtRecordWithTheTokenProvesTheDomain() {
        String token = DomainProof.newToken();
        DomainProof proof = new DomainProof("SenFin.Berlin.example", token);

        assertThat(proof.recordName()).isEqualTo("_dvc-iam.senfin.berlin.example");
        assertThat(proof.provenBy(List.of("v=spf1 -all", "\"dvc-iam-verification=" + token + "\""))).isTrue();
        assertThat(proof.provenBy(List.of("dvc-iam-verification=" + DomainProof.newToken()))).as("another token").isFalse();
        assertThat(proof.provenBy(List.of())).isFalse();
        assertThat(DomainProof.newToken()).isNotEqualTo(token).hasSize(32);
        assertThatThrownBy(() -> new DomainProof("x.example", "short")).isInstanceOf(IllegalArgumentException.class);
    }
}
