package de.dvc.iam.demo;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts the DVC IAM server distribution ({@code distribution/target/dvc-iam}, pre-built with our
 * providers) in production mode on 127.0.0.1, with its H2 database in a state directory of ours.
 * Used by the demo and by the integration tests, so both run the server exactly as it ships.
 */
public final class DvcServer {

    /** Demo only: master realm administrator created on the first start. */
    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";

    private final Path home;
    private final Path stateDir;
    private final int httpPort;
    private final int managementPort;
    private final List<String> options;
    private final ClusterNode cluster;

    /**
     * How a node of a cluster runs (distribution {@code distribution/target/dvc-iam-cluster}): PostgreSQL, Infinispan
     * with JGroups on 127.0.0.1 (data port {@code bindPort}, failure detection {@code bindPort + 50000}, discovery
     * through the database: JDBC_PING2), and one frontend URL for all nodes, the load balancer's, so tokens and
     * redirects name the federation, not a node.
     */
    public record ClusterNode(String nodeName, String jdbcUrl, String dbUser, String dbPassword, int bindPort,
                              String frontendUrl) {
        int frontendPort() {
            return URI.create(frontendUrl).getPort();
        }
    }

    public DvcServer(Path home, Path stateDir, int httpPort, int managementPort) {
        this(home, stateDir, httpPort, managementPort, List.of());
    }

    /** @param options further {@code kc.sh start} options, e.g. provider settings of a test */
    public DvcServer(Path home, Path stateDir, int httpPort, int managementPort, List<String> options) {
        this(home, stateDir, httpPort, managementPort, options, null);
    }

    private DvcServer(Path home, Path stateDir, int httpPort, int managementPort, List<String> options, ClusterNode cluster) {
        this.home = home;
        this.stateDir = stateDir;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.options = List.copyOf(options);
        this.cluster = cluster;
    }

    /** This server as a node of a cluster ({@code home} must then be the cluster build of the distribution). */
    public static DvcServer clusterNode(Path home, Path stateDir, int httpPort, int managementPort, List<String> options,
                                        ClusterNode node) {
        return new DvcServer(home, stateDir, httpPort, managementPort, options, node);
    }

    /**
     * Server options of the demo and the tests, never of production: the demo's agency IdPs are realms of this
     * server on http://localhost; the demo operator logs in through the BMI's IdP, which is registered only up to
     * assurance "normal" (production: {@code operator-min-assurance} stays at its default, substantiell).
     */
    public static List<String> demoOnlyOptions() {
        String registrations = "--spi-realm-restapi-extension--dvc-registrations--";
        return List.of(registrations + "insecure-endpoint-hosts=localhost",
                registrations + "operator-idps=" + DemoAgencies.BUND_BMI.idpAlias(),
                registrations + "operator-min-assurance=normal");
    }

    /** The server as browsers and agency IdPs reach it: on a cluster, the load balancer. */
    public String url() {
        return cluster != null ? cluster.frontendUrl() : "http://localhost:" + httpPort;
    }

    /** This node itself, bypassing any load balancer (tests: a session started on one node, used on another). */
    public String nodeUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** The management interface (health, Prometheus metrics at {@code /metrics}), on 127.0.0.1. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    /** Option of the outbound guard (connectionsHttpClient dvc-guarded) naming addresses it admits: demo and tests only. */
    public static final String GUARD_ALLOW = "--spi-connections-http-client--dvc-guarded--allow=";

    /**
     * The demo's agency IdPs are realms of this server (http://localhost:port): its broker calls (token, JWKS, metadata
     * import) must reach this server's own port, and only that port, through the outbound guard.
     */
    private List<String> withOwnAddressAllowed(List<String> given) {
        String own = "127.0.0.1:" + httpPort + ",[::1]:" + httpPort;
        if (cluster != null) {
            own += ",127.0.0.1:" + cluster.frontendPort() + ",[::1]:" + cluster.frontendPort();
        }
        List<String> merged = new ArrayList<>();
        boolean found = false;
        for (String option : given) {
            if (option.startsWith(GUARD_ALLOW)) {
                merged.add(option + "," + own);
                found = true;
            } else {
                merged.add(option);
            }
        }
        if (!found) {
            merged.add(GUARD_ALLOW + own);
        }
        return merged;
    }

    public ServerProcess start(Duration readyTimeout) throws IOException, DemoStartException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + httpPort,
                "--http-management-port=" + managementPort));
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "JAVA_HOME", System.getProperty("java.home"),
                "KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER,
                "KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD));
        String javaOpts = System.getProperty("dvc.server.java-opts-append", "");
        if (cluster == null) {
            command.addAll(List.of("--hostname-strict=false",
                    // Keycloak 26.7 reads the cache stack at start as well: without this it opens JGroups ports on all interfaces.
                    "--cache=local",
                    "--db-url=jdbc:h2:file:" + stateDir.toAbsolutePath().resolve("keycloak/keycloakdb") + ";NON_KEYWORDS=VALUE"));
        } else {
            command.addAll(List.of("--hostname=" + cluster.frontendUrl(), "--proxy-headers=xforwarded",
                    "--db-url=" + cluster.jdbcUrl(), "--db-username=" + cluster.dbUser(),
                    "--cache=ispn", "--cache-embedded-network-bind-address=127.0.0.1",
                    "--cache-embedded-network-bind-port=" + cluster.bindPort(),
                    // Sessions are persistent (in the database): no fsync shortcut, so a database crash loses none.
                    "--spi-cache-embedded--default--node-name=" + cluster.nodeName(),
                    "--spi-connections-jpa--quarkus--async-commit=false"));
            env.put("KC_DB_PASSWORD", cluster.dbPassword());
            // Several nodes on one host: a bounded heap each (the default takes 70 % of the machine's memory). Keycloak
            // 26.7.3 honours cache-embedded-network-bind-port itself (checked: no -Djgroups.bind.port needed, keycloak#46663).
            env.put("JAVA_OPTS_KC_HEAP", "-Xms256m -Xmx1g");
        }
        command.addAll(withOwnAddressAllowed(options));
        // Benchmarks only: e.g. a JFR recording of the server (bench/broker.sh --profile).
        if (!javaOpts.isBlank()) {
            env.put("JAVA_OPTS_APPEND", javaOpts);
        }
        // Benchmarks only: the server on CPUs of its own (taskset), apart from the load generator.
        String cpus = System.getProperty("dvc.server.cpus", "");
        if (!cpus.isBlank()) {
            command.addAll(0, List.of("taskset", "-c", cpus));
        }
        String name = cluster == null ? "Keycloak" : "Keycloak " + cluster.nodeName();
        Path log = stateDir.resolve(cluster == null ? "keycloak.log" : cluster.nodeName() + ".log");
        ServerProcess process = ServerProcess.start(name, command, env, home, log);
        process.awaitReady(URI.create(managementUrl() + "/health/ready"), readyTimeout);
        return process;
    }
}
