package de.dvc.iam.bench;

import de.dvc.iam.config.cli.DvcConfig;
import de.dvc.iam.demo.DemoCluster;
import de.dvc.iam.demo.DemoFederation;
import de.dvc.iam.demo.DvcServer;
import de.dvc.iam.demo.PostgresServer;
import org.keycloak.admin.client.Keycloak;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A directory change on a cluster at national size (bench/directory-cluster.sh): {@value #DEFAULT_NODES} DVC nodes on one
 * PostgreSQL behind HAProxy (all on 127.0.0.1), realm dvc with the national fixture ({@code fixtures/agencies.csv},
 * 11,756 agencies with a placeholder IdP each, applied by dvc-config as an operator loads it). Measured:
 * <ol>
 *   <li>start-up: each node's full build of its directory (its log) and what its search answered meanwhile;</li>
 *   <li>rounds of: a new agency's registration approved through node 1, then every node's search polled every 100 ms until
 *       it lists the agency's IdP; the same registration suspended through node 1, polled until no node lists it.</li>
 * </ol>
 * The nodes keep the directory's production settings (a change poll every 2 s, then the changed agencies read a second
 * later); only the search's rate per client address is raised, for the client that polls every node.
 *
 * <p>The fixture is loaded once, on node 1 alone (the other nodes would rebuild their directory over and over during the
 * load), and the database is kept in bench/target/state-directory-cluster for later runs. Result:
 * bench/target/directory-cluster-results.md.
 */
public final class DirectoryClusterBenchmark {

    static final int DEFAULT_NODES = 3;
    private static final int NODES = Integer.getInteger("bench.directory.nodes", DEFAULT_NODES);
    private static final int ROUNDS = Integer.getInteger("bench.directory.rounds", 10);
    /** Polled during start-up: a common word of the fixture. */
    private static final String WARM_UP_WORD = "berlin";
    /** In the state directory: the load balancer's port at the load, which later runs use again. */
    private static final String BALANCER_PORT = "balancer-port";

    private final Path root;
    private final Path state;
    private final PrintStream out = System.out;

    private DirectoryClusterBenchmark(Path root) {
        this.root = root;
        this.state = root.resolve("bench/target/state-directory-cluster");
    }

    public static void main(String[] args) throws Exception {
        new DirectoryClusterBenchmark(Path.of("").toAbsolutePath()).run();
    }

    void run() throws Exception {
        Path home = root.resolve("distribution/target/dvc-iam-cluster");
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No cluster distribution at " + home + "; build it: ./mvnw -B package -DskipTests -pl distribution -am");
        }
        DirectoryClusterReport report = new DirectoryClusterReport(NODES, ROUNDS, RegistrationReport.loadAverage());
        Path marker = state.resolve("fixture-loaded");
        report.load(Files.exists(marker) ? "loaded by an earlier run (" + Files.readString(marker).strip() + ")" : load(home, marker));
        try (DemoCluster cluster = new DemoCluster(home, state, NODES, ports(), options())) {
            startAndWatch(cluster, report);
            try (Keycloak admin = Keycloak.getInstance(cluster.url(), "master", DvcServer.ADMIN_USER, DvcServer.ADMIN_PASSWORD, "admin-cli")) {
                ProbeRegistrations probes = new ProbeRegistrations(cluster.url(), BrokerBenchmark.SERVICE_URL, admin);
                probes.operator();
                List<ServerLog> logs = new ArrayList<>();
                for (int i = 0; i < NODES; i++) {
                    logs.add(new ServerLog(cluster.process(i).log()));
                }
                new DirectoryChangeRounds(cluster, probes, report).run(ROUNDS);
                for (int i = 0; i < NODES; i++) {
                    report.updates(i, logs.get(i).next());
                    report.memory(i, cluster.process(i).rssKilobytes());
                }
            }
        }
        report.end(RegistrationReport.loadAverage());
        Path result = root.resolve("bench/target/directory-cluster-results.md");
        Files.writeString(result, report.toString());
        out.println();
        out.println(report);
        out.println("Written to " + result);
    }

    /**
     * Free loopback ports, the load balancer's the one of the load: the demo agencies' IdPs (realms of the cluster) and
     * their clients name it, so the kept database serves logins through that port only.
     */
    private DemoCluster.Ports ports() throws IOException {
        int balancer = Integer.parseInt(Files.readString(state.resolve(BALANCER_PORT)).strip());
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), balancer));
        } catch (IOException e) {
            throw new IOException("Port " + balancer + ", the load balancer's of the kept state " + state + ", is in use: stop what uses"
                    + " it, or delete that directory (the next run loads the fixture again).", e);
        }
        DemoCluster.Ports free = DemoCluster.freeLoopbackPorts(NODES);
        return new DemoCluster.Ports(balancer, free.http(), free.management(), free.jgroups(), free.database());
    }

    /** Bench-only node options: the demo's, and a search rate per address that lets one client poll every 100 ms. */
    private static List<String> options() {
        List<String> options = new ArrayList<>(DvcServer.demoOnlyOptions());
        options.add("--spi-realm-restapi-extension--dvc-discovery--rate-per-second=1000");
        options.add("--spi-realm-restapi-extension--dvc-discovery--rate-burst=1000");
        return options;
    }

    /** A new state: the fixture as federation files (import-csv), applied with the demo's on node 1 alone. */
    private String load(Path home, Path marker) throws Exception {
        Path database = new PostgresServer(state.resolve("postgresql"), 0).dataDir();
        BrokerBenchmark.deleteTree(state);
        if (database.startsWith("/var/tmp")) {
            BrokerBenchmark.deleteTree(database.getParent()); // as root: PostgreSQL's data outside the state directory
        }
        Files.createDirectories(state);
        Path files = state.resolve("federation");
        PrintWriter console = new PrintWriter(out, true);
        int exit = DvcConfig.run(console, console, "import-csv", "--placeholder-idps", "--overwrite", "--schema-dir",
                root.resolve("federation-config/schema").toString(), root.resolve("fixtures/agencies.csv").toString(), files.toString());
        if (exit != DvcConfig.VALID) {
            throw new IllegalStateException("dvc-config import-csv of the fixture ended with exit code " + exit);
        }
        DemoCluster.Ports ports = DemoCluster.freeLoopbackPorts(1);
        Files.writeString(state.resolve(BALANCER_PORT), ports.balancer() + "\n");
        try (DemoCluster one = new DemoCluster(home, state, 1, ports, options())) {
            out.println("Loading the national fixture on node1 alone (first run only) ...");
            one.start(Duration.ofMinutes(15));
            long began = System.nanoTime();
            try (Keycloak admin = Keycloak.getInstance(one.url(), "master", DvcServer.ADMIN_USER, DvcServer.ADMIN_PASSWORD, "admin-cli")) {
                new DemoFederation(admin, one.url(), BrokerBenchmark.SERVICE_URL).apply(Optional.of(files));
            }
            String done = String.format(Locale.ROOT, "applied on node1 alone in %.0f s on %s", (System.nanoTime() - began) / 1e9, LocalDate.now());
            Files.writeString(marker, done + "\n");
            out.println("Fixture " + done);
            return done;
        }
    }

    /** Starts the cluster while a client polls every node's search; reads each node's full build from its log. */
    private void startAndWatch(DemoCluster cluster, DirectoryClusterReport report) throws Exception {
        List<ServerLog> logs = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            logs.add(new ServerLog(state.resolve(DemoCluster.nodeName(i) + ".log")));
        }
        ExecutorService watchers = Executors.newFixedThreadPool(NODES);
        try {
            long began = System.nanoTime();
            List<Future<DiscoveryWatch.Warming>> warming = new ArrayList<>();
            for (int i = 0; i < NODES; i++) {
                DiscoveryWatch watch = new DiscoveryWatch(cluster.node(i).nodeUrl());
                warming.add(watchers.submit(() -> watch.warmUp(WARM_UP_WORD, began, Duration.ofMinutes(20))));
            }
            out.println("Starting " + NODES + " nodes (state " + state + ") ...");
            cluster.start(Duration.ofMinutes(15));
            for (int i = 0; i < NODES; i++) {
                report.startUp(i, warming.get(i).get(5, TimeUnit.MINUTES), logs.get(i).next());
            }
        } finally {
            watchers.shutdownNow();
        }
    }
}
