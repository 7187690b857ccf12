package de.dvc.iam.core.registration;

import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SigningCertificatesTest {

    @Test
    void keycloaksCommaSeparatedCertificatesAreSummarizedAndTheFirstExpiryFound() {
        Instant now = Instant.now();
        X509Certificate rsa = TestKeys.certificate(TestKeys.rsa(3072), "SHA256withRSA", now.minus(Duration.ofDays(1)), Duration.ofDays(400));
        X509Certificate ec = TestKeys.certificate(TestKeys.ec("secp256r1"), "SHA256withECDSA", now.minus(Duration.ofDays(1)), Duration.ofDays(40));
        String config = TestKeys.base64(rsa) + "," + TestKeys.base64(ec) + ",not-a-certificate";

        assertThat(SigningCertificates.summaries(config)).extracting(m -> m.get("key")).containsExactly("RSA 3072", "EC 256", null);
        assertThat(SigningCertificates.summaries(config).get(2)).containsKey("error");
        assertThat(SigningCertificates.firstExpiry(config)).contains(ec.getNotAfter().toInstant());
        assertThat(SigningCertificates.firstExpiry("")).isEmpty();
        assertThat(SigningCertificates.summaries(null)).isEmpty();
    }
}
