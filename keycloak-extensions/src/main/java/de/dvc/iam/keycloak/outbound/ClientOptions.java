package de.dvc.iam.keycloak.outbound;

import org.keycloak.Config;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;

/**
 * The pool, timeout and size options of the guarded client, under the names and with the defaults of Keycloak's
 * own {@code default} provider (26.7), so a server switched to {@code dvc-guarded} keeps its settings by renaming
 * the provider in them. One deliberate difference: {@code establish-connection-timeout-millis} defaults to 10 s
 * instead of the operating system's timeout (minutes), so an agency URL pointing at an unanswering public address
 * cannot hold a Keycloak worker for long.
 *
 * @param socketTimeoutMillis             inactivity timeout of a connection
 * @param establishConnectionTimeoutMillis time to connect
 * @param connectionRequestTimeoutMillis  time to wait for a pooled connection
 * @param maxPooledPerRoute               connections per host
 * @param connectionPoolSize              connections in all
 * @param connectionTtlMillis             lifetime of a pooled connection, -1 unlimited
 * @param maxConnectionIdleTimeMillis     idle connections are closed after this, 0 never
 * @param disableCookies                  no cookie state between requests
 * @param reuseConnections                keep-alive
 * @param expectContinueEnabled           {@code Expect: 100-continue}
 * @param maxConsumedResponseSize         largest body read by {@code getString}/{@code getInputStream} and by
 *                                        Keycloak's {@code SimpleHttp}
 */
record ClientOptions(long socketTimeoutMillis, long establishConnectionTimeoutMillis, long connectionRequestTimeoutMillis,
        int maxPooledPerRoute, int connectionPoolSize, long connectionTtlMillis, long maxConnectionIdleTimeMillis,
        boolean disableCookies, boolean reuseConnections, boolean expectContinueEnabled, long maxConsumedResponseSize) {

    static final ClientOptions DEFAULT = new ClientOptions(5000L, 10_000L, 5000L, 64, 128, -1L, 900_000L, true, true, false,
            10_000_000L);

    static ClientOptions read(Config.Scope config) {
        return new ClientOptions(
                config.getLong("socket-timeout-millis", DEFAULT.socketTimeoutMillis),
                config.getLong("establish-connection-timeout-millis", DEFAULT.establishConnectionTimeoutMillis),
                config.getLong("connection-request-timeout-millis", DEFAULT.connectionRequestTimeoutMillis),
                config.getInt("max-pooled-per-route", DEFAULT.maxPooledPerRoute),
                config.getInt("connection-pool-size", DEFAULT.connectionPoolSize),
                config.getLong("connection-ttl-millis", DEFAULT.connectionTtlMillis),
                config.getLong("max-connection-idle-time-millis", DEFAULT.maxConnectionIdleTimeMillis),
                config.getBoolean("disable-cookies", DEFAULT.disableCookies),
                config.getBoolean("reuse-connections", DEFAULT.reuseConnections),
                config.getBoolean("expect-continue-enabled", DEFAULT.expectContinueEnabled),
                config.getLong("max-consumed-response-size", DEFAULT.maxConsumedResponseSize));
    }

    /** These options and the guard's own, for {@code kc.sh show-config} and the server info page. */
    static List<ProviderConfigProperty> metadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("allow").type("string").helpText("Comma-separated exceptions to 'public addresses only': "
                        + "CIDR ranges (127.0.0.0/8) or address:port (127.0.0.1:8080, [::1]:8080). Demo and tests only.").add()
                .property().name("dns-server").type("string").helpText("DNS server (host:port) for host names; "
                        + "empty: the system's resolvers.").add()
                .property().name("socket-timeout-millis").type("long").helpText("Socket inactivity timeout.")
                .defaultValue(DEFAULT.socketTimeoutMillis).add()
                .property().name("establish-connection-timeout-millis").type("long").helpText("Timeout to connect.")
                .defaultValue(DEFAULT.establishConnectionTimeoutMillis).add()
                .property().name("connection-request-timeout-millis").type("long").helpText("Timeout to obtain a pooled connection.")
                .defaultValue(DEFAULT.connectionRequestTimeoutMillis).add()
                .property().name("max-pooled-per-route").type("int").helpText("Connections per route.")
                .defaultValue(DEFAULT.maxPooledPerRoute).add()
                .property().name("connection-pool-size").type("int").helpText("Connections in all.")
                .defaultValue(DEFAULT.connectionPoolSize).add()
                .property().name("connection-ttl-millis").type("long").helpText("Lifetime of a pooled connection.")
                .defaultValue(DEFAULT.connectionTtlMillis).add()
                .property().name("max-connection-idle-time-millis").type("long").helpText("Idle connections are evicted after this.")
                .defaultValue(DEFAULT.maxConnectionIdleTimeMillis).add()
                .property().name("disable-cookies").type("boolean").helpText("Disables cookie state.")
                .defaultValue(DEFAULT.disableCookies).add()
                .property().name("reuse-connections").type("boolean").helpText("Whether connections are reused.")
                .defaultValue(DEFAULT.reuseConnections).add()
                .property().name("expect-continue-enabled").type("boolean").helpText("Sends Expect: 100-continue.")
                .defaultValue(DEFAULT.expectContinueEnabled).add()
                .property().name("max-consumed-response-size").type("long").helpText("Largest response body read.")
                .defaultValue(DEFAULT.maxConsumedResponseSize).add()
                .build();
    }
}
