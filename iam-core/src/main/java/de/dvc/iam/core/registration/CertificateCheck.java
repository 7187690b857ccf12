package de.dvc.iam.core.registration;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Checks a signing or encryption certificate of an agency IdP: validity period, and key strength and
 * algorithms per BSI TR-02102-1 (2024): RSA below 2048 bits or SHA-1/MD5 signatures are errors; RSA
 * 2048 is accepted with a warning (the TR asks for 3000 bits from 2023 on); RSA ≥ 3072 and EC on
 * curves of 256 bits or more are fine; DSA is an error.
 *
 * <p>{@link #strength} is public for the TLS certificates of agency directories ({@code core.directory}), which
 * follow the same TR; validity there is judged with directory-specific advice.
 */
public final class CertificateCheck {

    /** Certificates expiring within this time get a warning. */
    public static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    private CertificateCheck() {
    }

    /** Whether a certificate valid until {@code notAfter} expires within {@link #EXPIRY_WARNING} of {@code now}, or has expired. */
    public static boolean expiresSoon(Instant notAfter, Instant now) {
        return notAfter.isBefore(now.plus(EXPIRY_WARNING));
    }

    static void check(X509Certificate certificate, String role, Instant now, Consumer<Finding> findings) {
        String subject = certificate.getSubjectX500Principal().getName();
        String which = "The " + role + " certificate '" + subject + "'";
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (notAfter.isBefore(now)) {
            findings.accept(Finding.error("certificate_expired", which + " expired on " + notAfter + ".",
                    "Publish metadata with a current certificate."));
        } else if (expiresSoon(notAfter, now)) {
            findings.accept(Finding.warning("certificate_expires_soon", which + " expires on " + notAfter + ".",
                    "Roll over to a new certificate: publish it in the metadata next to the current one now."));
        }
        if (certificate.getNotBefore().toInstant().isAfter(now)) {
            findings.accept(Finding.warning("certificate_not_yet_valid", which + " is valid only from "
                    + certificate.getNotBefore().toInstant() + ".", "Check the IdP's clock and the certificate."));
        }
        strength(certificate, which, findings);
    }

    /**
     * The signature algorithm and key strength of {@code certificate} per BSI TR-02102-1.
     *
     * @param which names the certificate in the findings, e.g. "The directory's TLS certificate 'CN=dc1'"
     */
    public static void strength(X509Certificate certificate, String which, Consumer<Finding> findings) {
        String algorithm = certificate.getSigAlgName().toUpperCase(Locale.ROOT);
        if (algorithm.contains("SHA1") || algorithm.contains("MD5") || algorithm.contains("MD2")) {
            findings.accept(Finding.error("weak_signature_algorithm", which + " is signed with " + certificate.getSigAlgName()
                    + "; BSI TR-02102-1 does not allow SHA-1 or MD5.", "Issue the certificate with SHA-256 or stronger."));
        }
        key(certificate.getPublicKey(), which, findings);
    }

    /** The instants at which {@link #check}'s answer for this certificate changes: validity start, expiry warning, expiry. */
    static List<Instant> changes(X509Certificate certificate) {
        Instant notAfter = certificate.getNotAfter().toInstant();
        return List.of(certificate.getNotBefore().toInstant(), notAfter.minus(EXPIRY_WARNING), notAfter);
    }

    private static void key(PublicKey key, String which, Consumer<Finding> findings) {
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < 2048) {
                findings.accept(Finding.error("key_too_weak", which + " has an RSA key of " + bits
                        + " bits; BSI TR-02102-1 requires at least 2048 (3000 from 2023).", "Use an RSA key of 3072 bits or an EC key on P-256 or stronger."));
            } else if (bits < 3000) {
                findings.accept(Finding.warning("key_rsa_2048", which + " has an RSA key of " + bits
                        + " bits; BSI TR-02102-1 recommends at least 3000 bits from 2023 on.", "Plan a key of 3072 bits (or EC P-256) at the next rollover."));
            }
        } else if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            if (bits < 250) {
                findings.accept(Finding.error("key_too_weak", which + " has an EC key of " + bits
                        + " bits; BSI TR-02102-1 requires at least 250.", "Use P-256, P-384 or brainpoolP256r1 or stronger."));
            }
        } else if (key instanceof DSAPublicKey) {
            findings.accept(Finding.error("key_algorithm_not_allowed", which + " has a DSA key, which DVC IAM does not accept.",
                    "Use RSA (3072 bits) or EC (P-256 or stronger)."));
        } else {
            findings.accept(Finding.error("key_algorithm_not_allowed", which + " has a " + key.getAlgorithm()
                    + " key, which DVC IAM does not accept.", "Use RSA (3072 bits) or EC (P-256 or stronger)."));
        }
    }

    static final List<String> WEAK_XML_SIGNATURE_ALGORITHMS = List.of(
            "http://www.w3.org/2000/09/xmldsig#rsa-sha1", "http://www.w3.org/2000/09/xmldsig#dsa-sha1",
            "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1", "http://www.w3.org/2001/04/xmldsig-more#rsa-md5",
            "http://www.w3.org/2000/09/xmldsig#sha1");
}
