package de.dvc.iam.bench;

import de.dvc.iam.core.agency.AgencyCsv;
import de.dvc.iam.demo.DemoFederation;
import de.dvc.iam.demo.FixtureLoader;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Discovery benchmark (issue: home-IdP discovery at 12,000 agencies), one run, one machine:
 * <ol>
 *   <li>stock Keycloak 26.7.3, realm with 11,000 IdPs: the stock login page;</li>
 *   <li>DVC IAM with the national fixture (11,756 agencies + 2 demo agencies): the discovery page,
 *       the JSON search over 1,000 queries drawn from the fixture, and the server's memory;</li>
 *   <li>DVC IAM with 3 agencies: the discovery page.</li>
 * </ol>
 * Servers and their databases live under {@code bench/target}; a second run reuses the loaded
 * databases. Requests are sequential from one client on loopback: latencies are server time plus
 * loopback, not throughput.
 */
public final class DiscoveryBenchmark {

    private static final int PAGE_REQUESTS = 200;
    private static final int STOCK_PAGE_REQUESTS = 50;
    private static final int WARMUP = 20;
    private static final int SEARCH_QUERIES = 1000;
    private static final int STOCK_IDPS = 11_000;

    private final Path root;
    private final Path work;
    private final PrintStream out = System.out;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final StringBuilder report = new StringBuilder();

    DiscoveryBenchmark(Path root) {
        this.root = root;
        this.work = root.resolve("bench/target");
    }

    public static void main(String[] args) throws Exception {
        new DiscoveryBenchmark(Path.of("").toAbsolutePath()).run();
    }

    void run() throws Exception {
        report.append("# Discovery benchmark, ").append(LocalDate.now()).append('\n')
                .append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(Runtime.version()).append("; sequential requests from one client over loopback.\n\n")
                .append("| case | requests | p50 ms | p99 ms | page bytes |\n|---|---|---|---|---|\n");
        Latencies stock = stockLoginPage();
        row("stock Keycloak 26.7.3 login page, 11,000 IdPs", stock);
        List<AgencyCsv.Row> fixture = FixtureLoader.read(root.resolve("fixtures/agencies.csv"), 0);
        Latencies small = dvcDiscoveryPage("dvc-3", 1, null);
        row("DVC discovery page, 3 agencies", small);
        Latencies[] national = new Latencies[2];
        String memory = dvcNational(fixture, national);
        row("DVC discovery page, 11,757 agencies", national[0]);
        report.append("\n| search endpoint, 11,757 agencies | queries | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|\n")
                .append("| names, partial names, AGS, plain-vowel umlauts | ").append(national[1].count()).append(" | ")
                .append(fmt(national[1].percentileMillis(50))).append(" | ").append(fmt(national[1].percentileMillis(99)))
                .append(" | ").append(fmt(national[1].percentileMillis(100))).append(" |\n\n")
                .append(memory).append('\n')
                .append("\nTargets: page ≤ 50 KB and p50 ≤ 1.5 × the 3-agency page (")
                .append(fmt(national[0].percentileMillis(50) / small.percentileMillis(50))).append(" ×); search p99 ≤ 25 ms.\n");
        Path result = work.resolve("discovery-results.md");
        Files.writeString(result, report);
        out.println();
        out.println(report);
        out.println("Written to " + result);
    }

    private Latencies stockLoginPage() throws Exception {
        Path home = work.resolve("stock-keycloak");
        try (BenchServer server = BenchServer.start(home, work.resolve("state-stock"), out)) {
            Keycloak admin = server.admin();
            if (admin.realms().findAll().stream().noneMatch(r -> "stock".equals(r.getRealm()))) {
                out.println("Creating realm 'stock' with " + STOCK_IDPS + " IdPs (once; kept in bench/target/state-stock) ...");
                RealmRepresentation realm = new RealmRepresentation();
                realm.setRealm("stock");
                realm.setEnabled(true);
                ClientRepresentation client = new ClientRepresentation();
                client.setClientId("bench");
                client.setPublicClient(true);
                client.setRedirectUris(List.of("http://localhost/cb"));
                realm.setClients(List.of(client));
                admin.realms().create(realm);
                createStockIdps(admin);
            }
            String url = server.url + "/realms/stock/protocol/openid-connect/auth?client_id=bench&response_type=code"
                    + "&scope=openid&redirect_uri=" + URLEncoder.encode("http://localhost/cb", StandardCharsets.UTF_8);
            return measure("stock login page", url, STOCK_PAGE_REQUESTS);
        }
    }

    private static void createStockIdps(Keycloak admin) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger failures = new AtomicInteger();
        for (int i = 0; i < STOCK_IDPS; i++) {
            int n = i;
            pool.execute(() -> {
                IdentityProviderRepresentation idp = new IdentityProviderRepresentation();
                idp.setAlias("idp-" + n);
                idp.setDisplayName("Behörde " + n);
                idp.setProviderId("oidc");
                idp.setEnabled(true);
                String base = "https://login.idp-" + n + ".example";
                idp.setConfig(Map.of("authorizationUrl", base + "/authorize", "tokenUrl", base + "/token",
                        "clientId", "kc", "clientSecret", "placeholder", "clientAuthMethod", "client_secret_basic"));
                try (var response = admin.realm("stock").identityProviders().create(idp)) {
                    if (response.getStatus() / 100 != 2) {
                        failures.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(2, TimeUnit.HOURS) || failures.get() > 0) {
            throw new IllegalStateException("Creating the stock IdPs failed " + failures.get() + " times");
        }
    }

    /** DVC with the demo agencies plus the first {@code extraRows} fixture rows; returns page latencies. */
    private Latencies dvcDiscoveryPage(String state, int extraRows, Latencies[] searchOut) throws Exception {
        try (BenchServer server = BenchServer.start(root.resolve("distribution/target/dvc-iam"), work.resolve("state-" + state), out)) {
            new DemoFederation(server.admin(), server.url, "http://localhost:8081").apply();
            new FixtureLoader(server.admin(), DemoFederation.REALM, out, 4)
                    .load(FixtureLoader.read(root.resolve("fixtures/agencies.csv"), extraRows));
            return measure("DVC discovery page (" + state + ")", discoveryUrl(server.url), PAGE_REQUESTS);
        }
    }

    private String dvcNational(List<AgencyCsv.Row> fixture, Latencies[] results) throws Exception {
        try (BenchServer server = BenchServer.start(root.resolve("distribution/target/dvc-iam"), work.resolve("state-dvc-national"), out)) {
            new DemoFederation(server.admin(), server.url, "http://localhost:8081").apply();
            // Listing 12,000 IdPs or organizations through the admin API takes minutes, so a
            // finished load is remembered by a marker instead of being re-checked on every run.
            Path loaded = work.resolve("state-dvc-national/fixture-loaded");
            if (!Files.exists(loaded)) {
                out.println("Loading the national fixture (first run only; ~20 min on 2 cores) ...");
                new FixtureLoader(server.admin(), DemoFederation.REALM, out, 4).load(fixture);
                Files.writeString(loaded, fixture.size() + " agencies\n");
            }
            // The node builds its directory in the background after start; a search waits for it,
            // so nothing else competes for the CPU while pages are measured.
            long first = System.nanoTime();
            get(server.url + "/realms/dvc/dvc-discovery/search?q=berlin");
            out.printf("First search after start (waits for the directory warm-up): %.0f ms%n", (System.nanoTime() - first) / 1e6);
            results[0] = measure("DVC discovery page (national)", discoveryUrl(server.url), PAGE_REQUESTS);
            results[1] = searchLatencies(server.url, fixture);
            return memory(server);
        }
    }

    private Latencies searchLatencies(String serverUrl, List<AgencyCsv.Row> fixture) throws Exception {
        Random random = new Random(20261126L);
        List<String> queries = new ArrayList<>();
        while (queries.size() < SEARCH_QUERIES) {
            AgencyCsv.Row row = fixture.get(random.nextInt(fixture.size()));
            String name = row.agency().name().split(",")[0];
            switch (queries.size() % 4) {
                case 0 -> queries.add(name);
                case 1 -> queries.add(name.substring(0, Math.min(name.length(), 3 + random.nextInt(4))));
                case 2 -> queries.add(row.agency().ags().orElse(name));
                default -> queries.add(name.replace("ä", "a").replace("ö", "o").replace("ü", "u").replace("ß", "s"));
            }
        }
        String base = serverUrl + "/realms/dvc/dvc-discovery/search?q=";
        for (int i = 0; i < WARMUP; i++) {
            get(base + URLEncoder.encode(queries.get(i), StandardCharsets.UTF_8));
        }
        Latencies latencies = new Latencies(queries.size());
        for (String query : queries) {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = get(base + URLEncoder.encode(query, StandardCharsets.UTF_8));
            latencies.add(System.nanoTime() - start, response.body().length);
        }
        out.printf("search: p50 %.2f ms, p99 %.2f ms%n", latencies.percentileMillis(50), latencies.percentileMillis(99));
        return latencies;
    }

    private String memory(BenchServer server) throws IOException, InterruptedException {
        String metrics = new String(get(server.managementUrl + "/metrics").body(), StandardCharsets.UTF_8);
        double heap = metrics.lines().filter(l -> l.startsWith("jvm_memory_used_bytes{area=\"heap\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        long rss = server.process.rssKilobytes();
        return String.format("Memory of the DVC server with 11,757 agencies after the run: heap used %.0f MB, "
                + "process RSS %.0f MB (default JVM options of kc.sh).", heap / 1e6, rss / 1e3);
    }

    private static String discoveryUrl(String serverUrl) {
        return serverUrl + "/realms/dvc/protocol/openid-connect/auth?client_id=demo-service&response_type=code"
                + "&scope=openid&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
                + "&redirect_uri=" + URLEncoder.encode("http://localhost:8081/login/oauth2/code/dvc", StandardCharsets.UTF_8);
    }

    private Latencies measure(String what, String url, int requests) throws IOException, InterruptedException {
        for (int i = 0; i < Math.min(WARMUP, requests); i++) {
            get(url);
        }
        Latencies latencies = new Latencies(requests);
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = get(url);
            if (response.statusCode() != 200) {
                throw new IllegalStateException(what + ": HTTP " + response.statusCode() + " for " + url);
            }
            latencies.add(System.nanoTime() - start, response.body().length);
        }
        out.printf("%s: p50 %.1f ms, p99 %.1f ms, %d bytes%n", what, latencies.percentileMillis(50),
                latencies.percentileMillis(99), latencies.lastBytes());
        return latencies;
    }

    private HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private void row(String name, Latencies latencies) {
        report.append("| ").append(name).append(" | ").append(latencies.count()).append(" | ")
                .append(fmt(latencies.percentileMillis(50))).append(" | ").append(fmt(latencies.percentileMillis(99)))
                .append(" | ").append(latencies.lastBytes()).append(" |\n");
    }

    private static String fmt(double value) {
        return String.format("%.2f", value);
    }
}
