package de.dvc.iam.config.validate;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/** SAML 2.0 IdP metadata with a real self-signed signing certificate of a chosen RSA key size. */
public final class TestMetadata {

    private TestMetadata() {
    }

    public static byte[] idp(String entityId, int rsaBits) {
        String certificate = Base64.getEncoder().encodeToString(encoded(certificate(rsaBits)));
        return ("<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" "
                + "xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" entityID=\"" + entityId + "\">"
                + "<md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
                + "<md:KeyDescriptor use=\"signing\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>" + certificate
                + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"
                + "<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" "
                + "Location=\"https://idp.agency.example/sso\"/>"
                + "</md:IDPSSODescriptor></md:EntityDescriptor>").getBytes(StandardCharsets.UTF_8);
    }

    private static X509Certificate certificate(int rsaBits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(rsaBits);
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=idp.agency.example");
            Instant notBefore = Instant.now().minus(Duration.ofDays(1));
            var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(System.nanoTime()), Date.from(notBefore),
                    Date.from(notBefore.plus(Duration.ofDays(365))), name, keys.getPublic());
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
