package de.dvc.iam.bench;

import de.dvc.iam.demo.DemoAgencies;
import de.dvc.iam.demo.DemoAgencies.DemoAgency;
import de.dvc.iam.demo.DemoCluster;
import de.dvc.iam.demo.DemoFederation;
import de.dvc.iam.demo.DvcServer;
import de.dvc.iam.demo.client.BrokeredLogin;
import de.dvc.iam.demo.client.LoginRequest;
import org.keycloak.admin.client.Keycloak;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Sizing benchmark (bench/cluster.sh): the brokered-login mix of bench/broker.sh (SAML and OIDC agency IdPs,
 * code redeemed for tokens) through HAProxy, against a 1-node and a 3-node cluster on PostgreSQL, realm {@code dvc}
 * and the stock comparison realm alternating (ABBA) in the same run. Reports logins/s and the CPU all server processes
 * (nodes, PostgreSQL, HAProxy) spent per login, from which the cores for the national 8 am peak follow.
 *
 * <p>All of it shares this machine's cores with the load client: the 3-node figures show the cost of clustering
 * (replication, JGroups, more processes), not scale-out.
 */
public final class ClusterBenchmark {

    private static final int LOGINS = Integer.getInteger("bench.cluster.logins", 200);
    private static final int ROUNDS = Integer.getInteger("bench.cluster.rounds", 2);
    private static final int CONCURRENCY = 6;
    private static final List<Integer> SIZES = List.of(1, 3);
    /** The national peak to size for (issue: 700 to 1,200 brokered logins/s at 8 am). */
    private static final int PEAK_LOGINS_PER_SECOND = 1_200;

    private final Path root;
    private final PrintStream out = System.out;
    private final StringBuilder rows = new StringBuilder();

    ClusterBenchmark(Path root) {
        this.root = root;
    }

    public static void main(String[] args) throws Exception {
        new ClusterBenchmark(Path.of("").toAbsolutePath()).run();
    }

    void run() throws Exception {
        List<String> sizing = new ArrayList<>();
        for (int size : SIZES) {
            Path state = root.resolve("bench/target/state-cluster-" + size);
            BrokerBenchmark.deleteTree(state);
            try (DemoCluster cluster = new DemoCluster(root.resolve("distribution/target/dvc-iam-cluster"), state, size,
                    DemoCluster.freeLoopbackPorts(size), DvcServer.demoOnlyOptions())) {
                out.println("Starting a cluster of " + size + " (state " + state + ") ...");
                cluster.start(Duration.ofMinutes(15));
                try (Keycloak admin = Keycloak.getInstance(cluster.url(), "master", DvcServer.ADMIN_USER, DvcServer.ADMIN_PASSWORD,
                        "admin-cli")) {
                    new DemoFederation(admin, cluster.url(), BrokerBenchmark.SERVICE_URL).apply();
                    String redirectUri = BrokerBenchmark.SERVICE_URL + "/login/oauth2/code/dvc";
                    admin.realm("dvc").clients().create(BrokerBenchmark.client(redirectUri, BrokerBenchmark.SECRET)).close();
                    StockComparisonRealm.create(admin, cluster.url(), redirectUri, BrokerBenchmark.SECRET);
                    BrokerBenchmark.agencyUsers(admin);
                }
                List<String> realms = List.of("dvc", StockComparisonRealm.REALM);
                for (String realm : realms) {
                    logins(cluster.url(), realm, BrokerBenchmark.USERS * 2, 1); // first logins create the users
                    logins(cluster.url(), realm, 40, CONCURRENCY);
                }
                Map<String, double[]> totals = new java.util.HashMap<>(); // realm → {seconds, cpu ms, logins}
                for (int round = 0; round < ROUNDS; round++) {
                    List<String> order = round % 2 == 0 ? List.of(StockComparisonRealm.REALM, "dvc") : List.of("dvc", StockComparisonRealm.REALM);
                    for (String realm : List.of(order.get(0), order.get(1), order.get(1), order.get(0))) {
                        long cpu = cluster.cpuMillis();
                        long start = System.nanoTime();
                        int done = logins(cluster.url(), realm, LOGINS / 2, CONCURRENCY);
                        double seconds = (System.nanoTime() - start) / 1e9;
                        double[] total = totals.computeIfAbsent(realm, k -> new double[3]);
                        total[0] += seconds;
                        total[1] += cluster.cpuMillis() - cpu;
                        total[2] += done;
                    }
                }
                for (String realm : realms) {
                    double[] total = totals.get(realm);
                    double perSecond = total[2] / total[0];
                    double cpuPerLogin = total[1] / total[2];
                    rows.append(String.format(Locale.ROOT, "| %d | %s | %.1f | %.0f | %.1f |%n", size, realm, perSecond, cpuPerLogin,
                            1000.0 / cpuPerLogin));
                    if ("dvc".equals(realm)) {
                        double cores = PEAK_LOGINS_PER_SECOND * cpuPerLogin / 1000.0;
                        sizing.add(String.format(Locale.ROOT, "- measured on %d node(s): %.0f ms CPU per login → %.0f cores busy at %d"
                                        + " logins/s; with Keycloak's recommended 150 %% headroom %.0f cores", size, cpuPerLogin, cores,
                                PEAK_LOGINS_PER_SECOND, cores * 2.5));
                    }
                }
            }
        }
        String report = "# Cluster sizing benchmark, " + LocalDate.now() + "\n\n"
                + "Machine: " + Runtime.getRuntime().availableProcessors() + " cores shared by the load client, HAProxy, PostgreSQL and"
                + " the nodes. " + LOGINS * ROUNDS + " measured brokered logins per realm and cluster size (SAML and OIDC alternating,"
                + " code redeemed for tokens), " + CONCURRENCY + " concurrent clients, ABBA blocks of realm dvc and the stock"
                + " comparison realm.\n\n"
                + "| nodes | realm | logins/s (whole machine) | CPU ms per login (all server processes) | logins/s per core |\n"
                + "|---|---|---|---|---|\n" + rows + "\n"
                + "Sizing for " + PEAK_LOGINS_PER_SECOND + " brokered logins/s:\n" + String.join("\n", sizing) + "\n";
        Path results = root.resolve("bench/target/cluster-results.md");
        Files.writeString(results, report);
        out.println(report);
        out.println("Written to " + results);
    }

    /** {@code count} brokered logins (SAML and OIDC alternating) through the load balancer; all must succeed. */
    private static int logins(String url, String realm, int count, int concurrency) throws Exception {
        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            DemoAgency agency = DemoAgencies.ALL.get(i % DemoAgencies.ALL.size());
            String username = BrokerBenchmark.user((i / DemoAgencies.ALL.size()) % BrokerBenchmark.USERS);
            tasks.add(() -> {
                BrokeredLogin browser = new BrokeredLogin(new LoginRequest(url, BrokerBenchmark.SERVICE_URL, realm)
                        .as(BrokerBenchmark.CLIENT), url);
                BrokeredLogin.Outcome outcome = browser.login(agency.idpAlias(), username, BrokerBenchmark.PASSWORD, Map.of());
                browser.tokenResponse(outcome, BrokerBenchmark.SECRET);
                return true;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            int done = 0;
            for (Future<Boolean> future : pool.invokeAll(tasks, 15, TimeUnit.MINUTES)) {
                if (future.isCancelled()) {
                    throw new IllegalStateException("The benchmark phase ran out of time (15 min).");
                }
                done += future.get() ? 1 : 0;
            }
            return done;
        } finally {
            pool.shutdownNow();
        }
    }
}
