package de.dvc.iam.core.directory;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import java.time.Duration;
import java.util.Arrays;

/**
 * The LDAP SDK's plumbing for one directory, from its settings: guarded sockets, TLS with the directory's own
 * trust anchors and host name verification (for StartTLS too), no referral following, bounded message size and
 * timeouts on every step. Shared by the login pool ({@link DirectoryClient}) and the one-off connections of a
 * validation ({@link DirectoryValidation}), so both meet the directory the same way.
 */
final class DirectoryConnector {

    /** An LDAP message larger than this is a hostile or broken directory: a user entry is a few kilobytes. */
    static final int MAX_MESSAGE_BYTES = 1 << 20;
    /** Longer than Active Directory's default MaxConnIdleTime (900 s) would let a pooled connection go stale. */
    static final Duration MAX_CONNECTION_AGE = Duration.ofMinutes(10);

    private final DirectorySettings settings;
    private final SSLContext tls;
    private final SingleServerSet servers;

    /** @param trust the trust manager to use; null for the settings' anchors (a validation passes one that records the chain) */
    DirectoryConnector(DirectorySettings settings, DirectoryNetworkGuard guard, X509TrustManager trust) {
        this.settings = settings;
        this.tls = settings.transport() == Transport.PLAIN ? null
                : DirectoryTrust.context(trust != null ? trust : DirectoryTrust.trustManager(settings.trustAnchors()));
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(millis(settings.connectTimeout()));
        options.setResponseTimeoutMillis(millis(settings.searchTimeout()));
        options.setFollowReferrals(false);
        options.setAbandonOnTimeout(true);
        options.setUseKeepAlive(true);
        options.setMaxMessageSize(MAX_MESSAGE_BYTES);
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        GuardedSocketFactory sockets = new GuardedSocketFactory(guard, settings.url().host(), millis(settings.connectTimeout()),
                settings.transport() == Transport.LDAPS ? tls.getSocketFactory() : null);
        this.servers = new SingleServerSet(settings.url().host(), settings.url().port(), sockets, options);
    }

    /** The service account's bind, bounded by the bind timeout. */
    SimpleBindRequest serviceBind() {
        byte[] secret = settings.bindSecret().utf8();
        try {
            SimpleBindRequest bind = new SimpleBindRequest(settings.bindDn(), secret.clone());
            bind.setResponseTimeoutMillis(settings.bindTimeout().toMillis());
            return bind;
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** StartTLS before anything else is sent, for {@code ldap://} with StartTLS; null otherwise. */
    PostConnectProcessor startTls() {
        return settings.transport() == Transport.START_TLS ? new StartTLSPostConnectProcessor(tls.getSocketFactory()) : null;
    }

    /** A new connection, TLS established, not yet bound. */
    LDAPConnection connect() throws LDAPException {
        LDAPConnection connection = servers.getConnection();
        try {
            PostConnectProcessor startTls = startTls();
            if (startTls != null) {
                startTls.processPreAuthenticatedConnection(connection);
            }
            return connection;
        } catch (LDAPException e) {
            connection.close();
            throw e;
        }
    }

    /** The pool of service-account connections; opens and binds its first connection now. */
    LDAPConnectionPool pool(String name) throws LDAPException {
        LDAPConnectionPool pool = new LDAPConnectionPool(servers, serviceBind(), 1, settings.poolSize(), startTls(), true);
        pool.setConnectionPoolName("dvc-directory-" + name);
        pool.setMaxWaitTimeMillis(settings.connectTimeout().toMillis());
        pool.setCreateIfNecessary(true);
        pool.setMaxConnectionAgeMillis(MAX_CONNECTION_AGE.toMillis());
        pool.setRetryFailedOperationsDueToInvalidConnections(false);
        return pool;
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }
}
