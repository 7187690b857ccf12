package de.dvc.iam.core.directory;

import de.dvc.iam.core.registration.CertificateCheck;
import de.dvc.iam.core.registration.Finding;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The TLS part of a directory's validation report: the server certificate's validity and strength (BSI
 * TR-02102-1 via {@link CertificateCheck#strength}), and the validity of the CA certificates the agency gave,
 * with advice in a directory administrator's terms.
 */
final class TlsFindings {

    private TlsFindings() {
    }

    static void check(X509Certificate[] serverChain, List<X509Certificate> anchors, Instant now, Consumer<Finding> findings) {
        if (serverChain != null && serverChain.length > 0) {
            X509Certificate leaf = serverChain[0];
            String which = "The directory's TLS certificate '" + leaf.getSubjectX500Principal().getName() + "'";
            validity(leaf, which, "Install a current certificate on the directory server (e.g. renew it from the AD CS).", now, findings);
            CertificateCheck.strength(leaf, which, findings);
        }
        for (X509Certificate anchor : anchors) {
            String which = "The CA certificate '" + anchor.getSubjectX500Principal().getName() + "'";
            validity(anchor, which, "Register the CA certificate that issues the directory's certificate now.", now, findings);
        }
    }

    private static void validity(X509Certificate certificate, String which, String fix, Instant now, Consumer<Finding> findings) {
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (notAfter.isBefore(now)) {
            findings.accept(Finding.error("certificate_expired", which + " expired on " + notAfter + ".", fix));
        } else if (notAfter.isBefore(now.plus(CertificateCheck.EXPIRY_WARNING))) {
            findings.accept(Finding.warning("certificate_expires_soon", which + " expires on " + notAfter + ".",
                    fix + " Logins stop when it expires."));
        }
        if (certificate.getNotBefore().toInstant().isAfter(now)) {
            findings.accept(Finding.warning("certificate_not_yet_valid", which + " is valid only from "
                    + certificate.getNotBefore().toInstant() + ".", "Check the directory server's clock and the certificate."));
        }
    }
}
