package de.dvc.iam.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.dvc.iam.demo.DemoAgencies;
import de.dvc.iam.demo.AgencyIdpUsers;
import de.dvc.iam.demo.DemoAgencies.DemoAgency;
import de.dvc.iam.demo.DemoAgencies.DemoUser;
import de.dvc.iam.demo.DemoFederation;
import de.dvc.iam.demo.client.BrokeredLogin;
import de.dvc.iam.demo.client.LoginRequest;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Identity-contract benchmark, one server, one run: the brokered login (browser-less, the whole flow
 * from the authorization request through the agency IdP's login to the token response) and the token
 * endpoint (refresh grant, where every protocol mapper runs), in realm {@code dvc} with the DVC mappers
 * and in realm {@value StockComparisonRealm#REALM} with stock Keycloak mappers, against the same SAML
 * and OIDC agency IdPs. Each round measures every case ABBA (the realm of the outer blocks alternates by
 * round), so a drift within a round falls on both realms; it also reports the server's CPU time per request.
 *
 * <p>Each agency IdP has {@value #USERS} users, so concurrent logins are of different people, as in
 * production (Keycloak blocks concurrent logins of one user). They hash passwords with one PBKDF2 iteration here: with Keycloak's default
 * (210,000) the agency's password check would dominate every login and hide what the broker and
 * the mappers cost. Both realms use the same agency IdPs, so the comparison stays fair.
 */
public final class BrokerBenchmark {

    private static final int WARMUP_LOGINS = 50;
    private static final int WARMUP_REFRESHES = 500;
    private static final int WARMUP_MIN_ROUNDS = 3;
    private static final int WARMUP_MAX_ROUNDS = 25;
    private static final int WARMUP_JIT_SHARE_PERCENT = 10;
    /** The JVM's JIT compiler threads, as /proc names them (the first 15 characters of the thread name). */
    private static final List<String> JIT_THREADS = List.of("C1 CompilerThre", "C2 CompilerThre");
    private static final int LOGINS = 200;
    private static final int REFRESHES = 2000;
    private static final int CONCURRENCY = 4;
    /** Agency users per IdP; Keycloak blocks concurrent logins of one user (brute-force protection), people differ. */
    static final int USERS = 20;
    /** Rounds, even so that the order effect balances; {@code -Dbench.rounds=N} for a quick look (not for the result). */
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 10);
    static final String CLIENT = "bench";
    static final String SECRET = "bench-client-secret";
    static final String SERVICE_URL = "http://127.0.0.1:9";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final PrintStream out = System.out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, List<Latencies>> loginResults = new java.util.LinkedHashMap<>();
    private final Map<String, List<Latencies>> refreshResults = new java.util.LinkedHashMap<>();
    private final Map<String, List<Double>> loginThroughput = new java.util.LinkedHashMap<>();
    private final Map<String, List<Double>> refreshThroughput = new java.util.LinkedHashMap<>();
    /** Server CPU milliseconds per login or refresh, by case and round: the server's cost, free of client noise. */
    private final Map<String, List<Double>> cpuPerRequest = new java.util.LinkedHashMap<>();
    /** The JIT compiler threads' share of that CPU, and the CPU per request without them, by case and round. */
    private final Map<String, List<Double>> jitShare = new java.util.LinkedHashMap<>();
    private final Map<String, List<Double>> cpuWithoutJit = new java.util.LinkedHashMap<>();
    /** The JIT compiler's share of the server's CPU in each warm-up round, in percent. */
    private final List<Double> warmupShares = new ArrayList<>();
    /** The server's JFR recording ({@code bench/broker.sh --profile}): its samples are compared block by block. */
    private static final String RECORDING = System.getProperty("bench.recording");
    /** {@code -Dbench.dvc-audit=false} (BENCH_DVC_AUDIT=false): realm dvc without its audit listener, to measure the trail's cost. */
    private static final boolean DVC_AUDIT = !"false".equals(System.getProperty("bench.dvc-audit"));
    /**
     * {@code -Dbench.compare=audit} (BENCH_COMPARE=audit): instead of realm stock, realm dvc is measured against itself
     * without its audit listener, paired in the same rounds (ABBA blocks; the listener is switched between blocks): the
     * audit trail's cost in one run, free of the run-to-run drift that two separate runs carry.
     */
    static final boolean COMPARE_AUDIT = "audit".equals(System.getProperty("bench.compare"));
    /** What realm dvc is measured against: realm stock, or realm dvc without its audit trail. */
    private static final String OTHER = COMPARE_AUDIT ? "dvc-noaudit" : StockComparisonRealm.REALM;
    private static final String OTHER_LABEL = COMPARE_AUDIT ? "dvc without audit" : "stock";
    private Keycloak admin;
    private Boolean auditOn;
    private final BlockProfile profile = new BlockProfile();

    BrokerBenchmark(Path root) {
        this.root = root;
    }

    public static void main(String[] args) throws Exception {
        new BrokerBenchmark(Path.of("").toAbsolutePath()).run();
    }

    static ClientRepresentation client(String redirectUri, String secret) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(CLIENT);
        client.setSecret(secret);
        client.setPublicClient(false);
        client.setStandardFlowEnabled(true);
        client.setRedirectUris(List.of(redirectUri));
        client.setAttributes(Map.of("pkce.code.challenge.method", "S256", "dvc.sector", "bench.dvc.example"));
        return client;
    }

    /**
     * The server's options: the production defaults (the directory's full rebuild every 300 s; changes reach it by the
     * change poll within seconds), and {@code -Dbench.server-options} (BENCH_SERVER_OPTIONS, space-separated).
     */
    private static List<String> serverOptions() {
        List<String> options = new ArrayList<>();
        String extra = System.getProperty("bench.server-options", "").trim();
        if (!extra.isEmpty()) {
            options.addAll(List.of(extra.split("\\s+")));
        }
        return options;
    }

    void run() throws Exception {
        Path state = root.resolve("bench/target/state-broker");
        deleteTree(state);
        Files.createDirectories(state);
        // The agencies are created after start; the directory's change poll lists them within seconds, as a
        // production node has long listed its agencies when logins arrive. (Until 2026-12-01 the benchmark rebuilt the
        // whole directory every 5 s, from before changes reached it incrementally: background work in both realms' blocks.)
        try (BenchServer server = BenchServer.start(root.resolve("distribution/target/dvc-iam"), state, out,
                serverOptions())) {
            admin = server.admin();
            new DemoFederation(admin, server.url, SERVICE_URL).apply();
            if (!DVC_AUDIT) {
                // The audit trail's cost (own-tables issue): realm dvc without its login and token rows and lines.
                RealmRepresentation dvc = admin.realm("dvc").toRepresentation();
                List<String> listeners = new ArrayList<>(dvc.getEventsListeners());
                listeners.remove("dvc-audit");
                RealmRepresentation update = new RealmRepresentation();
                update.setEventsListeners(listeners);
                admin.realm("dvc").update(update);
            }
            String redirectUri = SERVICE_URL + "/login/oauth2/code/dvc";
            admin.realm("dvc").clients().create(client(redirectUri, SECRET)).close();
            if (!COMPARE_AUDIT) {
                StockComparisonRealm.create(admin, server.url, redirectUri, SECRET);
            }
            agencyUsers(admin);
            awaitDirectory(server.url);

            Map<String, List<String>> warmupTokens = new java.util.HashMap<>();
            for (String realm : List.of("dvc", OTHER)) {
                for (DemoAgency agency : DemoAgencies.ALL) {
                    // The first login of each person creates her user: one after the other.
                    warmupTokens.computeIfAbsent(realm, k -> new ArrayList<>()).addAll(logins(server.url, realm, agency, USERS, 1).refreshTokens);
                }
            }
            warmUp(server, warmupTokens);
            for (int round = 0; round < ROUNDS; round++) {
                // ABBA: the realm measured first in a round is also measured last, so a drift within the
                // round (the machine's background work, garbage collection, caches warming) falls on both.
                List<String> order = round % 2 == 0 ? List.of(OTHER, "dvc") : List.of("dvc", OTHER);
                List<String> blocks = List.of(order.get(0), order.get(1), order.get(1), order.get(0));
                Map<String, Block> measured = new java.util.HashMap<>();
                Map<String, List<String>> refreshTokens = new java.util.HashMap<>();
                for (DemoAgency agency : DemoAgencies.ALL) {
                    for (String realm : blocks) {
                        String key = realm + " " + agency.protocol();
                        long start = System.nanoTime();
                        long cpu = server.process.cpuMillis();
                        long jit = server.process.threadCpuMillis(JIT_THREADS);
                        java.time.Instant began = java.time.Instant.now();
                        Measured logins = logins(server.url, realm, agency, LOGINS / 2, CONCURRENCY);
                        profile.add("brokered login via " + agency.protocol(), realm, began, java.time.Instant.now(), logins.latencies.count());
                        measured.computeIfAbsent(key, k -> new Block()).add(System.nanoTime() - start,
                                server.process.cpuMillis() - cpu, server.process.threadCpuMillis(JIT_THREADS) - jit, logins.latencies);
                        refreshTokens.computeIfAbsent(realm, k -> new ArrayList<>()).addAll(logins.refreshTokens);
                    }
                }
                for (String realm : blocks) {
                    long start = System.nanoTime();
                    long cpu = server.process.cpuMillis();
                    long jit = server.process.threadCpuMillis(JIT_THREADS);
                    java.time.Instant began = java.time.Instant.now();
                    Latencies refreshes = refreshes(server.url, realm, refreshTokens.get(realm), REFRESHES / 2);
                    profile.add("token endpoint (refresh grant)", realm, began, java.time.Instant.now(), refreshes.count());
                    measured.computeIfAbsent(realm, k -> new Block()).add(System.nanoTime() - start,
                            server.process.cpuMillis() - cpu, server.process.threadCpuMillis(JIT_THREADS) - jit, refreshes);
                }
                measured.forEach((key, block) -> {
                    boolean login = key.contains(" ");
                    (login ? loginThroughput : refreshThroughput).computeIfAbsent(key, k -> new ArrayList<>()).add(block.throughput());
                    (login ? loginResults : refreshResults).computeIfAbsent(key, k -> new ArrayList<>()).add(Latencies.merged(block.latencies));
                    cpuPerRequest.computeIfAbsent(key, k -> new ArrayList<>()).add(block.cpuPerRequest());
                    jitShare.computeIfAbsent(key, k -> new ArrayList<>()).add(block.jitShare());
                    cpuWithoutJit.computeIfAbsent(key, k -> new ArrayList<>()).add(block.cpuPerRequestWithoutJit());
                });
            }
            report(server);
        }
        if (RECORDING != null) {
            String comparison = comparison(Path.of(RECORDING));
            Files.writeString(root.resolve("bench/target/broker-profile.md"), comparison);
            out.println(comparison);
        }
    }

    /** The block comparison, once the server's JVM has written its recording on exit (waits at most 60 s). */
    private String comparison(Path recording) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                Thread.sleep(1000);
                return profile.report(recording, OTHER, 25);
            } catch (java.io.IOException e) {
                if (attempt == 60) {
                    return "\nNo comparison by block: the recording " + recording + " cannot be read (" + e.getMessage() + ").\n";
                }
            }
        }
    }

    /**
     * Warms the server up until its JIT compiler has (nearly) finished with the measured paths: rounds of every case in
     * both realms, unmeasured, until the compiler threads used less than {@value #WARMUP_JIT_SHARE_PERCENT} % of the
     * server's CPU in a round, at least {@value #WARMUP_MIN_ROUNDS} and at most {@value #WARMUP_MAX_ROUNDS} rounds. A
     * fixed short warm-up left the compiler busy with a third of the server's CPU in the first measured rounds
     * (async-profiler, 2026-12-01), and the realm with more code to compile (realm dvc: DVC's providers and the
     * Keycloak paths they use) paid for it in its blocks: start-up cost, not the cost of a login on a running node.
     */
    private void warmUp(BenchServer server, Map<String, List<String>> refreshTokens) throws Exception {
        for (int round = 1; round <= WARMUP_MAX_ROUNDS; round++) {
            long cpu = server.process.cpuMillis();
            long jit = server.process.threadCpuMillis(JIT_THREADS);
            for (DemoAgency agency : DemoAgencies.ALL) {
                for (String realm : List.of("dvc", OTHER)) {
                    logins(server.url, realm, agency, WARMUP_LOGINS, CONCURRENCY);
                }
            }
            for (String realm : List.of("dvc", OTHER)) {
                refreshes(server.url, realm, refreshTokens.get(realm), WARMUP_REFRESHES);
            }
            long used = server.process.cpuMillis() - cpu;
            double share = used == 0 ? 0 : 100.0 * (server.process.threadCpuMillis(JIT_THREADS) - jit) / used;
            warmupShares.add(share);
            out.printf("Warm-up round %d: server CPU %.1f s, of it JIT compilation %.0f %%%n", round, used / 1e3, share);
            if (round >= WARMUP_MIN_ROUNDS && share < WARMUP_JIT_SHARE_PERCENT) {
                return;
            }
        }
    }

    /** Waits (at most 60 s) until the node's agency directory lists the demo agencies, as in production. */
    private void awaitDirectory(String serverUrl) throws Exception {
        for (DemoAgency agency : DemoAgencies.ALL) {
            URI search = URI.create(serverUrl + "/realms/dvc/dvc-discovery/search?q="
                    + java.net.URLEncoder.encode(agency.agency().name(), StandardCharsets.UTF_8));
            for (int i = 0; i < 120 && !http.send(HttpRequest.newBuilder(search).GET().build(), HttpResponse.BodyHandlers.ofString())
                    .body().contains("\"" + agency.idpAlias() + "\""); i++) {
                Thread.sleep(500);
            }
        }
    }

    private record Measured(Latencies latencies, List<String> refreshTokens) {
    }

    /** One case of one round: its two ABBA blocks summed. */
    private static final class Block {
        private long nanos;
        private long cpuMillis;
        private long jitMillis;
        private final List<Latencies> latencies = new ArrayList<>();

        void add(long blockNanos, long blockCpuMillis, long blockJitMillis, Latencies blockLatencies) {
            nanos += blockNanos;
            cpuMillis += blockCpuMillis;
            jitMillis += Math.max(0, Math.min(blockJitMillis, blockCpuMillis));
            latencies.add(blockLatencies);
        }

        double jitShare() {
            return cpuMillis == 0 ? 0 : jitMillis / (double) cpuMillis;
        }

        double cpuPerRequestWithoutJit() {
            return (cpuMillis - jitMillis) / (double) requests();
        }

        int requests() {
            return latencies.stream().mapToInt(Latencies::count).sum();
        }

        double throughput() {
            return requests() / (nanos / 1e9);
        }

        double cpuPerRequest() {
            return cpuMillis / (double) requests();
        }
    }

    /**
     * The realm a case runs in; in the audit comparison both run in realm dvc, whose audit listener is switched on or
     * off first (between blocks, not while one runs).
     */
    private String realmOf(String variant) {
        if (!COMPARE_AUDIT) {
            return variant;
        }
        boolean on = "dvc".equals(variant);
        if (auditOn == null || auditOn != on) {
            RealmRepresentation dvc = admin.realm("dvc").toRepresentation();
            List<String> listeners = new ArrayList<>(dvc.getEventsListeners());
            listeners.remove("dvc-audit");
            if (on) {
                listeners.add("dvc-audit");
            }
            RealmRepresentation update = new RealmRepresentation();
            update.setEventsListeners(listeners);
            admin.realm("dvc").update(update);
            auditOn = on;
        }
        return "dvc";
    }

    private Measured logins(String serverUrl, String variant, DemoAgency agency, int count, int concurrency) throws Exception {
        String realm = realmOf(variant);
        List<Callable<long[]>> tasks = new ArrayList<>();
        List<String> refreshTokens = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < count; i++) {
            String username = user(i % USERS);
            tasks.add(() -> {
                long start = System.nanoTime();
                BrokeredLogin browser = new BrokeredLogin(new LoginRequest(serverUrl, SERVICE_URL, realm).as(CLIENT), serverUrl);
                BrokeredLogin.Outcome outcome = browser.login(agency.idpAlias(), username, PASSWORD, Map.of());
                JsonNode tokens = browser.tokenResponse(outcome, SECRET);
                long duration = System.nanoTime() - start;
                if (refreshTokens.size() < 50) {
                    refreshTokens.add(tokens.get("refresh_token").asText());
                }
                return new long[] {duration};
            });
        }
        return new Measured(runAll(tasks, concurrency), refreshTokens);
    }

    private Latencies refreshes(String serverUrl, String variant, List<String> refreshTokens, int count) throws Exception {
        String realm = realmOf(variant);
        URI tokenEndpoint = URI.create(serverUrl + "/realms/" + realm + "/protocol/openid-connect/token");
        String basic = "Basic " + Base64.getEncoder().encodeToString((CLIENT + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        List<Callable<long[]>> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String refreshToken = refreshTokens.get(i % refreshTokens.size());
            tasks.add(() -> {
                long start = System.nanoTime();
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(tokenEndpoint).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", basic)
                        .POST(HttpRequest.BodyPublishers.ofString(LoginRequest.encode(Map.of("grant_type", "refresh_token",
                                "refresh_token", refreshToken)))).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("Refresh at " + realm + " failed: HTTP " + response.statusCode() + " " + response.body());
                }
                return new long[] {System.nanoTime() - start};
            });
        }
        return runAll(tasks, CONCURRENCY);
    }

    /** Runs the tasks on {@code concurrency} threads, at most 15 minutes; every task must succeed. */
    private static Latencies runAll(List<Callable<long[]>> tasks, int concurrency) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<long[]>> futures = pool.invokeAll(tasks, 15, TimeUnit.MINUTES);
            Latencies latencies = new Latencies(tasks.size());
            for (Future<long[]> future : futures) {
                if (future.isCancelled()) {
                    throw new IllegalStateException("The benchmark phase ran out of time (15 min).");
                }
                latencies.add(future.get()[0], 0);
            }
            return latencies;
        } finally {
            pool.shutdownNow();
        }
    }

    static final String PASSWORD = "bench";

    static String user(int index) {
        return "bench-" + index;
    }

    /** Agency users bench-0 … bench-19 in each agency IdP, hashed with one PBKDF2 iteration (see class comment). */
    static void agencyUsers(Keycloak admin) {
        for (DemoAgency agency : DemoAgencies.ALL) {
            RealmResource realm = admin.realm(agency.idpRealm());
            RealmRepresentation representation = realm.toRepresentation();
            representation.setPasswordPolicy("hashAlgorithm(pbkdf2-sha256) and hashIterations(1)");
            realm.update(representation);
            AgencyIdpUsers users = new AgencyIdpUsers(admin, agency);
            for (int i = 0; i < USERS; i++) {
                users.ensure(new DemoUser(user(i), user(i) + "@" + agency.domain(), "Bench", "User " + i, PASSWORD,
                        "Referat " + i, List.of("Rolle A", "Rolle B")));
            }
        }
    }

    private void report(BenchServer server) throws Exception {
        StringBuilder report = new StringBuilder();
        report.append("# Identity-contract benchmark, ").append(LocalDate.now()).append('\n')
                .append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(Runtime.version()).append("; one DVC IAM server (Keycloak 26.7.3 + DVC providers), ")
                .append(CONCURRENCY).append(" concurrent clients on loopback, ").append(ROUNDS)
                .append(" rounds; each round measures every case in four blocks of half the count, ABBA (stock, DVC, DVC, stock or the reverse, alternating by round). Realm `dvc`: DVC mappers; realm `stock`: stock Keycloak mappers. ")
                .append("Agency IdPs hash with 1 PBKDF2 iteration (see BrokerBenchmark). ")
                .append(StockComparisonRealm.STORE_EVENTS
                        ? "Realm `stock` stores its login and token events (Keycloak's event store, BENCH_STOCK_EVENTS=true); realm `dvc` writes its audit trail.\n\n"
                        : "Realm `stock` as shipped: no event store; realm `dvc` writes its audit trail (a row and a JSON line per login and token).\n\n")
                .append(StockComparisonRealm.SAME_SIGNATURE
                        ? "**Realm `stock` signs its tokens with ES256 as realm `dvc` does (BENCH_STOCK_SIGNATURE=ES256)**: the difference is DVC's own work.\n\n"
                        : "Tokens: realm `dvc` signs with ES256 (DVC's default), realm `stock` with RS256 (Keycloak's default).\n\n")
                .append(System.getProperty("dvc.server.cpus", "").isBlank() ? ""
                        : "**Pinned (BENCH_PIN=true): the server on CPUs " + System.getProperty("dvc.server.cpus")
                        + ", the load generator on CPU 0** (the cores above are the load generator's).\n\n")
                .append(DVC_AUDIT ? "" : "**Realm `dvc` without its audit listener (BENCH_DVC_AUDIT=false): no login or token rows or lines.**\n\n")
                .append(COMPARE_AUDIT ? "**Audit comparison (BENCH_COMPARE=audit): realm `dvc` with its audit trail (`dvc`) against realm `dvc` "
                        + "without its audit listener (`dvc-noaudit`), switched between the blocks of each round; in the tables below "
                        + "\"DVC\" is `dvc` with the trail and \"stock\" is `dvc-noaudit`.**\n\n" : "")
                .append("| case | per round | throughput /s (median round) | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|---|---|\n");
        for (DemoAgencies.Protocol protocol : DemoAgencies.Protocol.values()) {
            for (String realm : List.of(OTHER, "dvc")) {
                String key = realm + " " + protocol;
                row(report, "brokered login via " + protocol + ", " + (realm.equals("dvc") ? "realm dvc" : OTHER_LABEL), LOGINS, loginThroughput.get(key), loginResults.get(key));
            }
        }
        for (String realm : List.of(OTHER, "dvc")) {
            row(report, "token endpoint (refresh grant), " + (realm.equals("dvc") ? "realm dvc" : OTHER_LABEL), REFRESHES, refreshThroughput.get(realm), refreshResults.get(realm));
        }
        report.append("\nDVC / stock throughput, paired by round (both realms measured in the same round, ABBA; s = stock in the "
                + "outer blocks, d = DVC in the outer blocks, alternating); the **median** of the rounds is the result, not the best round.\n\n| case | per round | median |\n|---|---|---|\n");
        for (DemoAgencies.Protocol protocol : DemoAgencies.Protocol.values()) {
            ratios(report, "brokered login via " + protocol, loginThroughput.get("dvc " + protocol),
                    loginThroughput.get(OTHER + " " + protocol));
        }
        ratios(report, "token endpoint (refresh grant)", refreshThroughput.get("dvc"), refreshThroughput.get(OTHER));
        report.append("\nServer CPU time per request (user + system of the server process, from /proc; includes the agency IdP's "
                + "work for a login, which is the same for both realms), median of the rounds, and DVC / stock per round "
                + "(above 1: DVC costs more):\n\n| case | stock ms | dvc ms | DVC / stock per round | median |\n|---|---|---|---|---|\n");
        for (DemoAgencies.Protocol protocol : DemoAgencies.Protocol.values()) {
            cpu(report, "brokered login via " + protocol, cpuPerRequest.get("dvc " + protocol),
                    cpuPerRequest.get(OTHER + " " + protocol));
        }
        cpu(report, "token endpoint (refresh grant)", cpuPerRequest.get("dvc"), cpuPerRequest.get(OTHER));
        report.append(String.format("%nWarm-up before the first measured round: %d rounds of every case in both realms (%d logins per "
                + "realm and IdP, %d refresh grants per realm), until the JIT compiler used less than %d %% of the server's CPU in a "
                + "round (at most %d rounds); its share by warm-up round: %s %%.%n", warmupShares.size(), WARMUP_LOGINS,
                WARMUP_REFRESHES, WARMUP_JIT_SHARE_PERCENT, WARMUP_MAX_ROUNDS,
                String.join(", ", warmupShares.stream().map(v -> String.format("%.0f", v)).toList())));
        report.append("\nThe JIT compiler threads' share of the server's CPU in the measured blocks (median of the rounds), and the "
                + "server CPU per request without them (what a login costs a node whose code is compiled):\n\n"
                + "| case | JIT share, stock | JIT share, dvc | stock ms | dvc ms | DVC / stock per round | median |\n|---|---|---|---|---|---|---|\n");
        for (DemoAgencies.Protocol protocol : DemoAgencies.Protocol.values()) {
            jit(report, "brokered login via " + protocol, "dvc " + protocol, OTHER + " " + protocol);
        }
        jit(report, "token endpoint (refresh grant)", "dvc", OTHER);
        report.append('\n');
        report.append(String.format("- Server RSS after the run: %.0f MB%n", server.process.rssKilobytes() / 1e3));
        Path file = root.resolve("bench/target/broker-results.md");
        Files.writeString(file, report.toString());
        out.println();
        out.println(report);
        out.println("Written to " + file);
    }

    private static void row(StringBuilder report, String name, int count, List<Double> throughput, List<Latencies> rounds) {
        Latencies best = rounds.stream().min(Comparator.comparingDouble(l -> l.percentileMillis(50))).orElseThrow();
        report.append(String.format("| %s | %d | %.1f | %.1f | %.1f | %.1f |%n", name, count, median(throughput),
                best.percentileMillis(50), best.percentileMillis(95), best.percentileMillis(99)));
    }

    /** One row: the DVC / stock ratio of each round, and their median. */
    private static void ratios(StringBuilder report, String name, List<Double> dvc, List<Double> stock) {
        List<Double> ratios = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < Math.min(dvc.size(), stock.size()); i++) {
            ratios.add(dvc.get(i) / stock.get(i));
            // even rounds measure stock in the outer blocks, odd rounds DVC (see run())
            shown.add(String.format("%.2f %s", dvc.get(i) / stock.get(i), i % 2 == 0 ? "s" : "d"));
        }
        report.append(String.format("| %s | %s | **%.2f×** |%n", name, String.join(", ", shown), median(ratios)));
    }

    private static void cpu(StringBuilder report, String name, List<Double> dvc, List<Double> stock) {
        report.append(String.format("| %s | %.1f | %.1f | %s |%n", name, median(stock), median(dvc), perRound(dvc, stock)));
    }

    private void jit(StringBuilder report, String name, String dvcKey, String stockKey) {
        List<Double> dvc = cpuWithoutJit.get(dvcKey);
        List<Double> stock = cpuWithoutJit.get(stockKey);
        report.append(String.format("| %s | %.1f %% | %.1f %% | %.1f | %.1f | %s |%n", name,
                100 * median(jitShare.get(stockKey)), 100 * median(jitShare.get(dvcKey)), median(stock), median(dvc),
                perRound(dvc, stock)));
    }

    /** The DVC / stock ratio of each round, then their median in bold: the last two cells of a CPU row. */
    private static String perRound(List<Double> dvc, List<Double> stock) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(dvc.size(), stock.size()); i++) {
            ratios.add(dvc.get(i) / stock.get(i));
        }
        return String.format("%s | **%.2f×**", String.join(", ", ratios.stream().map(r -> String.format("%.2f", r)).toList()),
                median(ratios));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        if (sorted.isEmpty()) {
            return 0;
        }
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static double best(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
