package de.dvc.iam.core.registration;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The signing certificates of a SAML IdP as Keycloak keeps them (config {@code signingCertificate}: base64 DER,
 * comma-separated): the earliest expiry (refresh metrics) and a summary per certificate (the operator's trust view).
 *
 * <p>Stateless and thread-safe.
 */
public final class SigningCertificates {

    private SigningCertificates() {
    }

    /** The earliest expiry; empty if there is no readable certificate. */
    public static Optional<Instant> firstExpiry(String encoded) {
        return read(encoded).stream().filter(c -> c != null).map(c -> c.getNotAfter().toInstant()).min(Instant::compareTo);
    }

    /** Subject, expiry, signature algorithm and key strength of each certificate, in order; unreadable ones say so. */
    public static List<Map<String, Object>> summaries(String encoded) {
        List<Map<String, Object>> summaries = new ArrayList<>();
        for (X509Certificate certificate : read(encoded)) {
            Map<String, Object> summary = new LinkedHashMap<>();
            if (certificate == null) {
                summary.put("error", "not a readable X.509 certificate");
            } else {
                summary.put("subject", certificate.getSubjectX500Principal().getName());
                summary.put("notAfter", certificate.getNotAfter().toInstant().toString());
                summary.put("signatureAlgorithm", certificate.getSigAlgName());
                summary.put("key", certificate.getPublicKey() instanceof RSAPublicKey rsa ? "RSA " + rsa.getModulus().bitLength()
                        : certificate.getPublicKey() instanceof ECPublicKey ec ? "EC " + ec.getParams().getCurve().getField().getFieldSize()
                        : certificate.getPublicKey().getAlgorithm());
            }
            summaries.add(summary);
        }
        return summaries;
    }

    /** One entry per comma-separated value: the certificate, or null where it cannot be read. */
    private static List<X509Certificate> read(String encoded) {
        List<X509Certificate> certificates = new ArrayList<>();
        if (encoded == null || encoded.isBlank()) {
            return certificates;
        }
        for (String one : encoded.split(",")) {
            try {
                certificates.add((X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(Base64.getMimeDecoder().decode(one.trim()))));
            } catch (CertificateException | IllegalArgumentException e) {
                certificates.add(null);
            }
        }
        return certificates;
    }
}
