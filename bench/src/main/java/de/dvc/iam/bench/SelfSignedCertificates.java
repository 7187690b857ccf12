package de.dvc.iam.bench;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/** EC P-256 key pairs and self-signed certificates the registration benchmark makes for itself (never downloaded). */
final class SelfSignedCertificates {

    private SelfSignedCertificates() {
    }

    static KeyPair ecKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /**
     * A certificate of {@code keys} valid from a day ago for {@code validity}, signed with SHA256withECDSA by its own key.
     *
     * @param forLoopback whether it names 127.0.0.1 as subject alternative name (a TLS server there)
     */
    static X509Certificate selfSigned(KeyPair keys, String subject, Duration validity, boolean forLoopback) throws Exception {
        X500Name name = new X500Name(subject);
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(validity)), name, keys.getPublic());
        if (forLoopback) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        }
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                .build(keys.getPrivate())));
    }

    /** The certificate as SAML metadata carries it: base64 DER, one line. */
    static String base64(X509Certificate certificate) throws Exception {
        return Base64.getEncoder().encodeToString(certificate.getEncoded());
    }

    /** The public key as an RFC 7517 JWK ({@code kty} EC, {@code crv} P-256) for signatures. */
    static String jwk(ECPublicKey key, String kid) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return "{\"kty\":\"EC\",\"crv\":\"P-256\",\"use\":\"sig\",\"alg\":\"ES256\",\"kid\":\"" + kid + "\",\"x\":\""
                + url.encodeToString(coordinate(key.getW().getAffineX())) + "\",\"y\":\""
                + url.encodeToString(coordinate(key.getW().getAffineY())) + "\"}";
    }

    /** A P-256 coordinate as exactly 32 bytes, big-endian (RFC 7518, 6.2.1.2). */
    private static byte[] coordinate(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] fixed = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, fixed, 32 - copy, copy);
        return fixed;
    }
}
