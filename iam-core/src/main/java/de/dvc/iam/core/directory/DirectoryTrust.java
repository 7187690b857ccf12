package de.dvc.iam.core.directory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The certificates a directory's TLS certificate must chain to: the ones the agency registered for this directory,
 * and nothing else — neither the JVM's public CAs (an agency's internal AD CS is not among them, and a public CA
 * must not vouch for an agency's directory) nor another directory's CA. The host name is checked as well
 * ({@link GuardedSocketFactory}, RFC 6125).
 */
final class DirectoryTrust {

    private DirectoryTrust() {
    }

    /**
     * @param pem one or more PEM certificates ({@code -----BEGIN CERTIFICATE-----})
     * @throws IllegalArgumentException saying what is wrong
     */
    static List<X509Certificate> parse(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("Give the CA certificate(s) that issued the directory's TLS certificate, in PEM"
                    + " (-----BEGIN CERTIFICATE----- …); DVC trusts only these for this directory.");
        }
        if (pem.contains("PRIVATE KEY")) {
            throw new IllegalArgumentException("This text contains a private key: never send it. Give only the CA certificate(s).");
        }
        Collection<? extends Certificate> parsed;
        try {
            parsed = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("The CA certificates are not readable PEM X.509 certificates.");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        parsed.forEach(c -> certificates.add((X509Certificate) c));
        if (certificates.isEmpty() || certificates.size() > 10) {
            throw new IllegalArgumentException("Give 1 to 10 CA certificates in PEM.");
        }
        return List.copyOf(certificates);
    }

    /** A TLS context trusting exactly {@code anchors}. */
    static SSLContext context(List<X509Certificate> anchors) {
        return context(trustManager(anchors));
    }

    static SSLContext context(X509TrustManager trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this JVM", e);
        }
    }

    static javax.net.ssl.X509ExtendedTrustManager trustManager(List<X509Certificate> anchors) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < anchors.size(); i++) {
                store.setCertificateEntry("anchor-" + i, anchors.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof javax.net.ssl.X509ExtendedTrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("No X.509 trust manager");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("Cannot build the directory's trust store", e);
        }
    }
}
