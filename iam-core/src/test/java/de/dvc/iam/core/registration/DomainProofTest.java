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

    @Test
    void aWellKnownFileWithTheTokenOnALineProvesTheDomain() {
        String token = DomainProof.newToken();
        DomainProof proof = new DomainProof("senfin.berlin.example", token);

        assertThat(proof.wellKnownUri(443)).hasToString("https://senfin.berlin.example/.well-known/dvc-iam-verification.txt");
        assertThat(proof.wellKnownUri(8443)).hasToString("https://senfin.berlin.example:8443/.well-known/dvc-iam-verification.txt");
        assertThat(proof.provenByFile("# DVC IAM\r\n  dvc-iam-verification=" + token + "  \n")).isTrue();
        assertThat(proof.provenByFile("dvc-iam-verification=" + token + "x")).as("a longer value").isFalse();
        assertThat(proof.provenByFile("<html>dvc-iam-verification=" + token + "</html>")).as("not a line of its own").isFalse();
        assertThat(proof.provenByFile("")).isFalse();
    }
}
