package de.dvc.iam.demo;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What needs no running slapd: the message when it is missing, and the certificate it would serve (SlapdDirectoryIT runs it). */
class SlapdServerTest {

    @Test
    void aMissingSlapdSaysWhichPackageToInstall() {
        assertThatThrownBy(() -> SlapdServer.start(Path.of("/nonexistent/slapd"), Duration.ofSeconds(1)))
                .isInstanceOf(DemoStartException.class)
                .hasMessageContaining("/nonexistent/slapd")
                .hasMessageContaining("apt-get install slapd ldap-utils");
    }

    @Test
    void theServerCertificateNamesOnlyTheAddressAndChainsToTheCa() throws Exception {
        SlapdCertificates certificates = SlapdCertificates.issue("127.0.0.1");
        X509Certificate server = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(certificates.serverCertificatePem().getBytes(StandardCharsets.US_ASCII)));

        server.verify(certificates.ca().getPublicKey());
        // type 7 = iPAddress; no DNS name (type 2), so a connection to "localhost" fails host name verification
        assertThat(server.getSubjectAlternativeNames()).containsExactly(List.of(7, "127.0.0.1"));
        assertThat(server.getBasicConstraints()).isEqualTo(-1);
        String keyPem = certificates.serverKeyPem();
        assertThat(keyPem).startsWith("-----BEGIN PRIVATE KEY-----");
        byte[] der = Base64.getMimeDecoder().decode(keyPem.replaceAll("-----[A-Z ]+-----", ""));
        // GnuTLS (slapd) refuses an EC key without its public key, which the JDK's own encoding leaves out
        var sec1 = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(PrivateKeyInfo.getInstance(der).parsePrivateKey());
        assertThat(sec1.getPublicKey()).isNotNull();
        assertThat(sec1.getParametersObject()).isNotNull();
        assertThat(SlapdCertificates.issue("127.0.0.1").caPem()).isNotEqualTo(certificates.caPem());
    }

    @Test
    void theConfigGivesTheServiceAccountReadAccessButNoPasswords() {
        String config = SlapdConfig.text(Path.of("/tmp/x"), SlapdRoot.DN, "pw");

        assertThat(config).contains("access to attrs=userPassword\n  by self write\n  by anonymous auth\n  by * none")
                .contains("by dn.exact=\"" + SlapdTree.SERVICE_DN + "\" read")
                .contains("TLSProtocolMin 3.3").contains("security simple_bind=128").contains("disallow bind_anon");
        // the password rule must come first: slapd applies the first "access to" that matches
        assertThat(config.indexOf("attrs=userPassword")).isLessThan(config.indexOf("dn.subtree="));
    }
}
