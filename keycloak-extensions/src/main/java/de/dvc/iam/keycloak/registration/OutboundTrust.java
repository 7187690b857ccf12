package de.dvc.iam.keycloak.registration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * The TLS trust of the guarded client: the JVM's CAs, plus the certificates of an extra PKCS12 trust
 * store where option {@code outbound-trust-store} names one (a test's or a private federation CA).
 */
final class OutboundTrust {

    private OutboundTrust() {
    }

    static SSLSocketFactory socketFactory(String trustStore, String password) {
        if (trustStore == null || trustStore.isBlank()) {
            return (SSLSocketFactory) SSLSocketFactory.getDefault();
        }
        try {
            KeyStore extra = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(Path.of(trustStore))) {
                extra.load(in, password == null ? new char[0] : password.toCharArray());
            }
            X509TrustManager jvm = x509(null);
            X509TrustManager own = x509(extra);
            X509TrustManager both = new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                    throw new CertificateException("The guarded client does not act as a server.");
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                    try {
                        jvm.checkServerTrusted(chain, authType);
                    } catch (CertificateException e) {
                        own.checkServerTrusted(chain, authType);
                    }
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    X509Certificate[] a = jvm.getAcceptedIssuers();
                    X509Certificate[] b = own.getAcceptedIssuers();
                    X509Certificate[] all = Arrays.copyOf(a, a.length + b.length);
                    System.arraycopy(b, 0, all, a.length, b.length);
                    return all;
                }
            };
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {both}, null);
            return context.getSocketFactory();
        } catch (Exception e) {
            throw new IllegalStateException("outbound-trust-store '" + trustStore + "' cannot be read: " + e.getMessage(), e);
        }
    }

    private static X509TrustManager x509(KeyStore store) throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return (X509TrustManager) Arrays.stream(factory.getTrustManagers()).filter(X509TrustManager.class::isInstance)
                .findFirst().orElseThrow();
    }
}
