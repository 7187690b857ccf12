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

    public DvcServer(Path home, Path stateDir, int httpPort, int managementPort) {
        this(home, stateDir, httpPort, managementPort, List.of());
    }

    /** @param options further {@code kc.sh start} options, e.g. provider settings of a test */
    public DvcServer(Path home, Path stateDir, int httpPort, int managementPort, List<String> options) {
        this.home = home;
        this.stateDir = stateDir;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.options = List.copyOf(options);
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

    /** The server as browsers and agency IdPs reach it. */
    public String url() {
        return "http://localhost:" + httpPort;
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
                "--http-management-port=" + managementPort, "--hostname-strict=false",
                // Keycloak 26.7 reads the cache stack at start as well: without this it opens JGroups ports on all interfaces.
                "--cache=local",
                "--db-url=jdbc:h2:file:" + stateDir.toAbsolutePath().resolve("keycloak/keycloakdb") + ";NON_KEYWORDS=VALUE"));
        command.addAll(withOwnAddressAllowed(options));
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "JAVA_HOME", System.getProperty("java.home"),
                "KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER,
                "KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD));
        // Benchmarks only: e.g. a JFR recording of the server (bench/broker.sh --profile).
        String javaOpts = System.getProperty("dvc.server.java-opts-append", "");
        if (!javaOpts.isBlank()) {
            env.put("JAVA_OPTS_APPEND", javaOpts);
        }
        ServerProcess process = ServerProcess.start("Keycloak", command, env, home, stateDir.resolve("keycloak.log"));
        process.awaitReady(URI.create("http://127.0.0.1:" + managementPort + "/health/ready"), readyTimeout);
        return process;
    }
}
