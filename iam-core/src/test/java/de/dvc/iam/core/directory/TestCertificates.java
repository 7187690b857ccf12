package de.dvc.iam.core.directory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/** A test CA and a server certificate it issued for {@code localhost} (DNS name only, no IP), made with Bouncy Castle. */
final class TestCertificates {

    final KeyPair caKeys;
    final X509Certificate ca;
    final KeyPair serverKeys;
    final X509Certificate server;

    private TestCertificates(KeyPair caKeys, X509Certificate ca, KeyPair serverKeys, X509Certificate server) {
        this.caKeys = caKeys;
        this.ca = ca;
        this.serverKeys = serverKeys;
        this.server = server;
    }

    /** EC P-256 throughout: strong per BSI TR-02102-1 and generated in microseconds. */
    static TestCertificates create() {
        return create(ec(), Duration.ofDays(365));
    }

    static TestCertificates create(KeyPair serverKeys, Duration serverValidity) {
        KeyPair caKeys = ec();
        X509Certificate ca = issue("CN=Musterhausen Test CA", caKeys, "CN=Musterhausen Test CA", caKeys, true, Duration.ofDays(3650));
        X509Certificate server = issue("CN=localhost", serverKeys, "CN=Musterhausen Test CA", caKeys, false, serverValidity);
        return new TestCertificates(caKeys, ca, serverKeys, server);
    }

    String caPem() {
        return pem(ca);
    }

    static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The server side's TLS context: this certificate and its chain. */
    SSLContext serverContext() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = "test".toCharArray();
            store.setKeyEntry("server", serverKeys.getPrivate(), password, new X509Certificate[] {server, ca});
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair ec() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate issue(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys, boolean ca,
                                         Duration validity) {
        try {
            Instant from = Instant.now().minus(Duration.ofHours(1));
            var builder = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(System.nanoTime()),
                    Date.from(from), Date.from(from.plus(validity)), new X500Name(subject), subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (!ca) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
            }
            String algorithm = issuerKeys.getPublic().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder(algorithm).build(issuerKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
