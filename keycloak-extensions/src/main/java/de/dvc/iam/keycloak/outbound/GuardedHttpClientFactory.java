package de.dvc.iam.keycloak.outbound;

import de.dvc.iam.core.outbound.GuardedHttpClient;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.config.Registry;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.LayeredConnectionSocketFactory;
import org.apache.http.impl.NoConnectionReuseStrategy;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClientBuilder;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.connections.httpclient.HttpClientFactory;
import org.keycloak.connections.httpclient.HttpClientProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keycloak's outbound HTTP client (SPI {@code connectionsHttpClient}) with an address guard. Agencies supply the
 * URLs Keycloak calls as a broker (token, userinfo, JWKS, logout, SAML artifact resolution); without a guard an
 * agency, or whoever controls its DNS, could point them at Keycloak's own network (server-side request forgery):
 * the cloud metadata service, the database, internal admin endpoints. This client connects only to public
 * addresses ({@link de.dvc.iam.core.outbound.AddressGuard}). It checks every connection at the moment of connecting
 * ({@link GuardedSocketFactory}), on the address actually connected to, so DNS rebinding, IP literals in any
 * spelling ({@code ::ffff:127.0.0.1}) and redirects gain nothing; a DNS answer is refused as a whole if any of its
 * addresses is ({@link GuardedDnsResolver}). Redirects are not followed, as in Keycloak's default client.
 *
 * <p>It guards everything Keycloak sends through this SPI, including calls to DVC's own services registered as
 * clients (back-channel logout, client JWKS, request URIs): those must be public or named in {@code allow}.
 *
 * <p>Enable it at build time and configure it at start:
 * <pre>
 * kc.sh build ... --spi-connections-http-client--provider=dvc-guarded
 * kc.sh start --optimized ... --spi-connections-http-client--dvc-guarded--allow=127.0.0.1:8080
 * </pre>
 * The provider choice is a build-time option of Keycloak ({@code kc.spi-*--provider}); with it Keycloak loads only
 * this provider of the SPI, so no code path can ask for the unguarded {@code default} one. Options: {@code allow}
 * (see {@link ConnectionGuard}; each exception is logged as a warning: demo and tests only), {@code dns-server}
 * ({@code host:port}, the resolver for host names; empty: the system's) and the pool, timeout and size options of
 * Keycloak's default client ({@link ClientOptions}). Not supported: {@code proxy-mappings} and the proxy environment
 * variables (a proxy would connect on our behalf, unchecked), client certificates ({@code client-keystore}),
 * {@code disable-trust-manager}, {@code allow-redirects} and the retry options.
 */
public final class GuardedHttpClientFactory implements HttpClientFactory {

    public static final String PROVIDER_ID = "dvc-guarded";
    private static final Logger LOG = Logger.getLogger(GuardedHttpClientFactory.class);

    private ConnectionGuard guard;
    private GuardedHttpClient.Resolver resolver;
    private ClientOptions options;
    private volatile CloseableHttpClient client;

    @Override
    public HttpClientProvider create(KeycloakSession session) {
        return new GuardedHttpClientProvider(client(session), options.maxConsumedResponseSize());
    }

    /** Built on first use: the trust store comes from a session, as in Keycloak's default factory. */
    private CloseableHttpClient client(KeycloakSession session) {
        CloseableHttpClient built = client;
        if (built == null) {
            synchronized (this) {
                built = client;
                if (built == null) {
                    built = build(guard, resolver, options, KeycloakTrust.socketFactory(session));
                    client = built;
                }
            }
        }
        return built;
    }

    /**
     * The guarded client: every {@code http} and {@code https} connection checked by {@code guard}, host names
     * resolved by {@code resolver}, TLS by {@code tls}.
     */
    static CloseableHttpClient build(ConnectionGuard guard, GuardedHttpClient.Resolver resolver, ClientOptions options,
            LayeredConnectionSocketFactory tls) {
        Registry<ConnectionSocketFactory> sockets = RegistryBuilder.<ConnectionSocketFactory>create()
                .register("http", GuardedSocketFactory.plain(guard))
                .register("https", GuardedSocketFactory.tls(tls, guard))
                .build();
        PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager(sockets, null, null,
                new GuardedDnsResolver(guard, resolver), options.connectionTtlMillis(), TimeUnit.MILLISECONDS);
        pool.setMaxTotal(options.connectionPoolSize());
        pool.setDefaultMaxPerRoute(options.maxPooledPerRoute());
        RequestConfig requests = RequestConfig.custom()
                .setConnectTimeout((int) options.establishConnectionTimeoutMillis())
                .setSocketTimeout((int) options.socketTimeoutMillis())
                .setConnectionRequestTimeout((int) options.connectionRequestTimeoutMillis())
                .setExpectContinueEnabled(options.expectContinueEnabled())
                .build();
        // No useSystemProperties(): no proxy from -Dhttp.proxyHost either, see the class comment.
        HttpClientBuilder builder = HttpClients.custom()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(requests)
                .disableRedirectHandling();
        if (!options.reuseConnections()) {
            builder.setConnectionReuseStrategy(NoConnectionReuseStrategy.INSTANCE);
        }
        if (options.maxConnectionIdleTimeMillis() > 0) {
            builder.evictIdleConnections(options.maxConnectionIdleTimeMillis(), TimeUnit.MILLISECONDS);
        }
        if (options.disableCookies()) {
            builder.disableCookieManagement();
        }
        return builder.build();
    }

    @Override
    public void init(Config.Scope config) {
        options = ClientOptions.read(config);
        guard = ConnectionGuard.parse(config.get("allow", ""));
        resolver = resolver(config.get("dns-server", ""));
        if (guard.hasExceptions()) {
            LOG.warnf("Keycloak's outbound HTTP may reach %s (option allow of connectionsHttpClient %s): demo and tests only.",
                    guard, PROVIDER_ID);
        } else {
            LOG.infof("Keycloak's outbound HTTP reaches public addresses only (connectionsHttpClient %s).", PROVIDER_ID);
        }
    }

    /**
     * Option {@code dns-server}: the registration API's resolver ({@code registration.DnsLookup}), so that agency
     * host names resolve alike for registration checks and for broker calls.
     */
    private static GuardedHttpClient.Resolver resolver(String dnsServer) {
        if (dnsServer == null || dnsServer.isBlank()) {
            return GuardedHttpClient.Resolver.SYSTEM;
        }
        return new de.dvc.iam.keycloak.registration.DnsLookup(dnsServer).resolver();
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // the client is built on first use
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ClientOptions.metadata();
    }

    @Override
    public void close() {
        CloseableHttpClient built = client;
        if (built != null) {
            try {
                built.close();
            } catch (IOException e) {
                LOG.debugf("Closing the guarded outbound client: %s", e.getMessage());
            }
        }
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
