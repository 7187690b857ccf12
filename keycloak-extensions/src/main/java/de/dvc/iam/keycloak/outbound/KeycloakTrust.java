package de.dvc.iam.keycloak.outbound;

import org.apache.http.conn.socket.LayeredConnectionSocketFactory;
import org.apache.http.conn.ssl.DefaultHostnameVerifier;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.conn.util.PublicSuffixMatcherLoader;
import org.apache.http.ssl.SSLContexts;
import org.jboss.logging.Logger;
import org.keycloak.common.enums.HostnameVerificationPolicy;
import org.keycloak.models.KeycloakSession;
import org.keycloak.truststore.TruststoreProvider;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/**
 * TLS of the guarded client as Keycloak's default client sets it up (26.7 {@code DefaultHttpClientFactory} and
 * {@code HttpClientBuilder}): the trust store and host name verification policy of the server's
 * {@link TruststoreProvider} ({@code --truststore-paths}, {@code --tls-hostname-verifier}); without a trust store
 * the JVM's.
 */
final class KeycloakTrust {

    private static final Logger LOG = Logger.getLogger(KeycloakTrust.class);

    private KeycloakTrust() {
    }

    static LayeredConnectionSocketFactory socketFactory(KeycloakSession session) {
        TruststoreProvider truststore = session.getProvider(TruststoreProvider.class);
        KeyStore store = truststore == null ? null : truststore.getTruststore();
        HostnameVerificationPolicy policy = truststore == null ? HostnameVerificationPolicy.DEFAULT : truststore.getPolicy();
        try {
            SSLContext context;
            if (store == null) {
                LOG.warn("TruststoreProvider is disabled: the guarded outbound client trusts the JVM's CAs.");
                context = SSLContext.getInstance("TLS");
                context.init(null, null, null);
            } else {
                context = SSLContexts.custom().setProtocol("TLS").loadTrustMaterial(store, null).build();
            }
            return new SSLConnectionSocketFactory(context, verifier(policy));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The trust store of Keycloak's TruststoreProvider cannot be used for outbound TLS: "
                    + e.getMessage(), e);
        }
    }

    @SuppressWarnings("deprecation") // WILDCARD and STRICT map to HttpClient's deprecated verifiers, as in Keycloak
    private static HostnameVerifier verifier(HostnameVerificationPolicy policy) {
        return switch (policy == null ? HostnameVerificationPolicy.DEFAULT : policy) {
            case ANY -> NoopHostnameVerifier.INSTANCE;
            case WILDCARD -> new org.apache.http.conn.ssl.BrowserCompatHostnameVerifier();
            case STRICT -> new org.apache.http.conn.ssl.StrictHostnameVerifier();
            case DEFAULT -> new DefaultHostnameVerifier(PublicSuffixMatcherLoader.getDefault());
        };
    }
}
