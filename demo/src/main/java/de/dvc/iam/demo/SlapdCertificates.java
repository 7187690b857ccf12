package de.dvc.iam.demo;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * A throw-away CA and the TLS certificate it issued to a test directory, made fresh for every {@link SlapdServer}
 * (never a downloaded or checked-in key): the agency registers the CA, as it would register its AD CS root, and the
 * directory's certificate names the address DVC connects to as an IP subject alternative name only (RFC 6125: an
 * IP address is matched against iPAddress SANs, never against a DNS name), so a connection by host name must fail
 * host name verification — which the tests rely on.
 *
 * <p>EC P-256 with SHA-256 throughout: strong per BSI TR-02102-1, so the validation report has no key findings, and
 * generated in milliseconds. Immutable.
 */
public final class SlapdCertificates {

    /** Long enough that DirectoryValidation does not warn of expiry, which would hide the findings a test looks for. */
    private static final Duration VALIDITY = Duration.ofDays(365);

    private final X509Certificate ca;
    private final X509Certificate server;
    private final KeyPair serverKeys;

    private SlapdCertificates(X509Certificate ca, X509Certificate server, KeyPair serverKeys) {
        this.ca = ca;
        this.server = server;
        this.serverKeys = serverKeys;
    }

    /** A new CA and a server certificate for {@code ipAddress} (e.g. {@code 127.0.0.1}). */
    public static SlapdCertificates issue(String ipAddress) {
        KeyPair caKeys = ecKeys();
        KeyPair serverKeys = ecKeys();
        String caName = "CN=Musterhausen Verzeichnis-CA " + Long.toHexString(new SecureRandom().nextLong());
        X509Certificate ca = certificate(caName, caKeys, caName, caKeys, null);
        X509Certificate server = certificate("CN=" + ipAddress, serverKeys, caName, caKeys, ipAddress);
        return new SlapdCertificates(ca, server, serverKeys);
    }

    public X509Certificate ca() {
        return ca;
    }

    /** The CA certificate in PEM: what an agency registers as its directory's {@code caCertificates}. */
    public String caPem() {
        return pem("CERTIFICATE", encoded(ca));
    }

    String serverCertificatePem() {
        return pem("CERTIFICATE", encoded(server));
    }

    /**
     * The server's private key, PKCS #8 in PEM, written only into slapd's own directory. The inner SEC 1
     * ECPrivateKey (RFC 5915) carries the public key: the JDK leaves that optional field out, and GnuTLS, which
     * Debian's slapd uses, refuses a key without it ("ASN1 parser: Element was not found").
     */
    String serverKeyPem() {
        SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(serverKeys.getPublic().getEncoded());
        ECPrivateKey privateKey = (ECPrivateKey) serverKeys.getPrivate();
        try {
            var sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(privateKey.getParams().getOrder().bitLength(),
                    privateKey.getS(), publicKey.getPublicKeyData(), publicKey.getAlgorithm().getParameters());
            return pem("PRIVATE KEY", new PrivateKeyInfo(publicKey.getAlgorithm(), sec1).getEncoded());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot encode the test directory's key", e);
        }
    }

    private static X509Certificate certificate(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys,
                                               String ipAddress) {
        Instant from = Instant.now().minus(Duration.ofHours(1));
        var builder = new JcaX509v3CertificateBuilder(new X500Name(issuer), new BigInteger(64, new SecureRandom()),
                Date.from(from), Date.from(from.plus(VALIDITY)), new X500Name(subject), subjectKeys.getPublic());
        try {
            boolean isCa = ipAddress == null;
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(isCa
                    ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
            if (!isCa) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.iPAddress, ipAddress)));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
        } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot issue the test directory's certificate " + subject, e);
        }
    }

    private static KeyPair ecKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 is not available in this JVM", e);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
