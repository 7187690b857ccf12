package de.dvc.iam.core.crypto;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class Sha256Test {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aTextHashesAsItsUtf8Bytes() {
        assertThat(Sha256.hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void documentHashesStayWhatRegistrationsHaveStored() {
        // Values written to DVC_REGISTRATION.DOCUMENT_HASH by earlier versions: a change of framing would make every
        // registration's next refresh parse and write again.
        assertThat(Sha256.ofDocuments(bytes("<md/>"))).isEqualTo("0efa5d723d263899437c9e1f3989fa4055a9de95f6923707f5882e23ebeaa9b6");
        assertThat(Sha256.ofDocuments(bytes("{\"issuer\":\"x\"}"), new byte[0]))
                .isEqualTo("0fe2052a0ca31baeab4f0bd90ce105dfe25968abd0505979bb3c2de8d25a6bfb");
    }

    @Test
    void bytesMovedBetweenDocumentsChangeTheHash() {
        assertThat(Sha256.ofDocuments(bytes("ab"), bytes("c"))).isNotEqualTo(Sha256.ofDocuments(bytes("a"), bytes("bc")));
    }
}
