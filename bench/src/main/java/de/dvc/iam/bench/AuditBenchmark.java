package de.dvc.iam.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.dvc.iam.demo.AgencyIdpUsers;
import de.dvc.iam.demo.ApiRoles;
import de.dvc.iam.demo.DemoAgencies;
import de.dvc.iam.demo.DemoFederation;
import de.dvc.iam.demo.ServerDatabase;
import de.dvc.iam.demo.client.DeviceGrant;
import org.keycloak.admin.client.Keycloak;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Audit query benchmark (own-tables issue): the audit API over a trail of {@value #DEFAULT_ROWS} rows, 180 days of
 * logins, tokens and refusals of 12,000 agencies, generated straight into the server's H2 database while it is
 * stopped (the rows' hashes are placeholders: this measures queries, not verification). Then, sequentially from one
 * client: one agency's month (the agency admin's question, what the agency index serves), one agency's month as
 * CSV, the operator's newest page and ten pages deeper by cursor, and all refusals of a week (no agency filter).
 * The generated database is kept under {@code bench/target/state-audit} for later runs.
 */
public final class AuditBenchmark {

    private static final int DEFAULT_ROWS = 10_000_000;
    private static final int ROWS = Integer.getInteger("bench.audit.rows", DEFAULT_ROWS);
    private static final int AGENCIES = 12_000;
    private static final int QUERIES = 200;
    private static final int WARMUP = 20;
    private static final Duration SPAN = Duration.ofDays(180);
    private static final String SERVICE_URL = "http://127.0.0.1:9";
    private static final String OPERATOR = "audit.bench";
    private static final String DB_USER = "dvc";
    private static final String DB_PASSWORD = "audit-bench";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final PrintStream out = System.out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final StringBuilder report = new StringBuilder();

    AuditBenchmark(Path root) {
        this.root = root;
    }

    public static void main(String[] args) throws Exception {
        new AuditBenchmark(Path.of("").toAbsolutePath()).run();
    }

    void run() throws Exception {
        Path home = root.resolve("distribution/target/dvc-iam");
        Path state = root.resolve("bench/target/state-audit");
        Path marker = state.resolve("rows-" + ROWS);
        // The demo's operator IdP (bund-bmi) for the operator's token, and own database credentials for the generator.
        List<String> options = new java.util.ArrayList<>(de.dvc.iam.demo.DvcServer.demoOnlyOptions());
        options.addAll(List.of("--db-username=" + DB_USER, "--db-password=" + DB_PASSWORD));
        Instant end;
        Path portFile = state.resolve("http-port");
        if (!Files.exists(marker)) {
            deleteTree(state);
            Files.createDirectories(state);
            String realmId;
            int port = BenchServer.freePort();
            Files.writeString(portFile, Integer.toString(port));
            try (BenchServer server = BenchServer.start(home, state, out, options, port)) {
                Keycloak admin = server.admin();
                new DemoFederation(admin, server.url, SERVICE_URL).apply();
                new AgencyIdpUsers(admin, DemoAgencies.BUND_BMI).ensure(new DemoAgencies.DemoUser(OPERATOR,
                        OPERATOR + "@bmi.bund.example", "Audit", "Bench", "demo", "X", List.of()));
                DeviceGrant.accessToken(server.url, SERVICE_URL, OPERATOR + "@bmi.bund.example", OPERATOR);
                ApiRoles.grant(admin.realm("dvc"), OPERATOR, "dvc-federation-operator", null);
                realmId = admin.realm("dvc").toRepresentation().getId();
            }
            end = Instant.now();
            generate(home, state, realmId, end);
            Files.writeString(marker, end.toString());
        } else {
            end = Instant.parse(Files.readString(marker).trim());
        }
        int port = Files.exists(portFile) ? Integer.parseInt(Files.readString(portFile).trim()) : BenchServer.freePort();
        try (BenchServer server = BenchServer.start(home, state, out, options, port)) {
            String token = DeviceGrant.accessToken(server.url, SERVICE_URL, OPERATOR + "@bmi.bund.example", OPERATOR);
            measure(server, token, end);
        }
        Path file = root.resolve("bench/target/audit-results.md");
        Files.writeString(file, report.toString());
        out.println();
        out.println(report);
        out.println("Written to " + file);
    }

    /** {@value #DEFAULT_ROWS} rows over 180 days up to {@code end}, in transactions of 500,000 rows. */
    private void generate(Path home, Path state, String realmId, Instant end) throws Exception {
        long start = end.minus(SPAN).toEpochMilli();
        double step = SPAN.toMillis() / (double) ROWS;
        long began = System.nanoTime();
        try (Connection db = ServerDatabase.open(home, state, DB_USER, DB_PASSWORD)) {
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO DVC_AUDIT_EVENT (ID, CHAIN_ID, SEQ, REALM_ID, "
                    + "EVENT_TIME, TYPE, OUTCOME, REASON, USER_KEY, AGENCY_USER, AGENCY, IDP, ACR, SERVICE, ACTOR, PREV_HASH, HASH) "
                    + "SELECT 'bench/' || LPAD(CAST(X AS VARCHAR), 19, '0'), 'bench', X, ?, CAST(? + X * ? AS BIGINT), "
                    + "CASE WHEN MOD(X, 20) = 0 THEN 'refusal' WHEN MOD(X, 3) = 0 THEN 'token' ELSE 'login' END, "
                    + "CASE WHEN MOD(X, 20) = 0 THEN 'refused' ELSE 'success' END, "
                    + "CASE WHEN MOD(X, 20) = 0 THEN 'domain_binding' END, 'p-' || MOD(X * 7919, 2000000), "
                    + "'u' || MOD(X * 31, 500000), 'agency-' || MOD(X, " + AGENCIES + "), 'agency-' || MOD(X, " + AGENCIES + "), "
                    + "'normal', 'service-' || MOD(X, 50), NULL, REPEAT('0', 64), REPEAT('0', 64) FROM SYSTEM_RANGE(?, ?)")) {
                for (long from = 1; from <= ROWS; from += 500_000) {
                    insert.setString(1, realmId);
                    insert.setLong(2, start);
                    insert.setDouble(3, step);
                    insert.setLong(4, from);
                    insert.setLong(5, Math.min(ROWS, from + 499_999));
                    insert.executeUpdate();
                    db.commit();
                    out.printf("%,d rows ...%n", Math.min(ROWS, from + 499_999));
                }
            }
        }
        out.printf("Generated %,d audit rows in %.0f s.%n", ROWS, (System.nanoTime() - began) / 1e9);
    }

    private void measure(BenchServer server, String token, Instant end) throws Exception {
        Random random = new Random(42);
        String base = server.url + "/realms/dvc/dvc-audit/events?";
        long spanDays = SPAN.toDays();
        // Warm-up: JIT, caches, the database's pages.
        for (int i = 0; i < WARMUP; i++) {
            get(base + agencyMonth(random, end, spanDays) + "&limit=100", token);
        }
        Latencies agencyMonth = new Latencies(QUERIES);
        long rows = 0;
        for (int i = 0; i < QUERIES; i++) {
            long began = System.nanoTime();
            JsonNode page = JSON.readTree(get(base + agencyMonth(random, end, spanDays) + "&limit=100", token));
            agencyMonth.add(System.nanoTime() - began, 0);
            rows += page.get("events").size();
        }
        Latencies csv = new Latencies(QUERIES / 4);
        for (int i = 0; i < QUERIES / 4; i++) {
            long began = System.nanoTime();
            String body = get(base + agencyMonth(random, end, spanDays) + "&limit=1000&format=csv", token);
            csv.add(System.nanoTime() - began, body.length());
        }
        Latencies newest = new Latencies(QUERIES / 4);
        Latencies deep = new Latencies(QUERIES / 4 * 10);
        for (int i = 0; i < QUERIES / 4; i++) {
            long began = System.nanoTime();
            JsonNode page = JSON.readTree(get(base + "limit=100&to=" + end + "&from=" + end.minus(Duration.ofDays(1)), token));
            newest.add(System.nanoTime() - began, 0);
            for (int p = 0; p < 10 && page.hasNonNull("nextCursor"); p++) {
                began = System.nanoTime();
                page = JSON.readTree(get(base + "limit=100&to=" + end + "&from=" + end.minus(Duration.ofDays(1)) + "&cursor="
                        + page.get("nextCursor").asText(), token));
                deep.add(System.nanoTime() - began, 0);
            }
        }
        Latencies refusals = new Latencies(QUERIES / 4);
        for (int i = 0; i < QUERIES / 4; i++) {
            Instant to = end.minus(Duration.ofDays(random.nextInt((int) spanDays - 7)));
            long began = System.nanoTime();
            get(base + "type=refusal&limit=100&to=" + to + "&from=" + to.minus(Duration.ofDays(7)), token);
            refusals.add(System.nanoTime() - began, 0);
        }
        long dbBytes;
        try (Stream<Path> files = Files.walk(server.process.log().getParent().resolve("keycloak"))) {
            dbBytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        report.append("# Audit query benchmark, ").append(LocalDate.now()).append('\n')
                .append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ").append(Runtime.version())
                .append("; DVC IAM on the embedded H2 (dev-file); ").append(String.format("%,d", ROWS))
                .append(" audit rows over 180 days, ").append(String.format("%,d", AGENCIES))
                .append(" agencies; sequential requests from one client on loopback, after ").append(WARMUP).append(" warm-up queries.\n\n")
                .append("| query | requests | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|---|\n");
        row("one agency, a random 30-day window, page of 100 (JSON)", agencyMonth);
        row("one agency, a random 30-day window, up to 1,000 rows (CSV)", csv);
        row("operator: newest page of 100 (last 24 h, all agencies)", newest);
        row("operator: pages 2 to 11 by cursor", deep);
        row("operator: refusals of a random week (no agency filter), page of 100", refusals);
        report.append(String.format("%nRows returned per agency-month page: %.1f on average. Database files: %.2f GB. "
                + "Server RSS after the run: %.0f MB.%n", rows / (double) QUERIES, dbBytes / 1e9, server.process.rssKilobytes() / 1e3));
    }

    private static String agencyMonth(Random random, Instant end, long spanDays) {
        Instant to = end.minus(Duration.ofDays(random.nextInt((int) spanDays - 30)));
        return "agency=agency-" + random.nextInt(AGENCIES) + "&to=" + to + "&from=" + to.minus(Duration.ofDays(30));
    }

    private void row(String name, Latencies latencies) {
        report.append(String.format("| %s | %d | %.1f | %.1f | %.1f |%n", name, latencies.count(), latencies.percentileMillis(50),
                latencies.percentileMillis(95), latencies.percentileMillis(99)));
    }

    private String get(String url, String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Audit query failed: HTTP " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
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
