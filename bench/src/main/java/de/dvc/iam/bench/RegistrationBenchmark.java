package de.dvc.iam.bench;

import de.dvc.iam.demo.AgencyIdpUsers;
import de.dvc.iam.demo.ApiRoles;
import de.dvc.iam.demo.DemoAgencies;
import de.dvc.iam.demo.DemoFederation;
import de.dvc.iam.demo.DvcServer;
import de.dvc.iam.demo.client.DeviceGrant;
import org.keycloak.admin.client.Keycloak;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Registration benchmark (own-tables issue, "Measured: Registrations"), one node on the embedded H2, one run:
 * <ol>
 *   <li>an HTTPS server on 127.0.0.1 publishes the metadata of {@value #DEFAULT_COUNT} agency IdPs ({@link AgencyDocuments});</li>
 *   <li>the IdPs are created as a server before the upgrade stored registrations (everything in the IdP's configuration),
 *       through the admin REST API; the next start moves them to DVC's tables (RegistrationMigration), and its first
 *       scheduled refresh round fetches and parses every document;</li>
 *   <li>every registration made due again in the stopped server's database, a restart: the operator's list and filters,
 *       then a steady round in which most documents are the same bytes as before, then the server's heap.</li>
 * </ol>
 * The refresh runs on its own schedule, the first round one interval after the server's start: the benchmark waits for
 * it and watches it from outside ({@link RefreshRoundWatch}).
 */
public final class RegistrationBenchmark {

    private static final int DEFAULT_COUNT = 12_000;
    private static final int COUNT = Integer.getInteger("bench.registrations", DEFAULT_COUNT);
    private static final int PARALLELISM = Integer.getInteger("bench.registrations.parallelism", 16);
    /**
     * The refresh interval: a round starts one interval after the server's start and may take the interval less 31 s
     * (RegistrationResourceFactory); what it does not reach, the next round does ({@link RefreshRoundWatch#awaitCycle}).
     * Long enough for the migration to end before the first round, short enough not to wait idle for long.
     */
    private static final int REFRESH_SECONDS = Integer.getInteger("bench.registrations.refresh-seconds", Math.max(240, COUNT / 30));
    private static final String SERVICE_URL = "http://127.0.0.1:9";
    private static final String OPERATOR = "registration.bench";
    private static final String DB_USER = "dvc";
    private static final String DB_PASSWORD = "registration-bench";
    private static final String OPTION = "--spi-realm-restapi-extension--dvc-registrations--";

    /** What the migrating start logged: registrations moved, the time from the first to the last, its summary line. */
    record MigrationLog(long moved, double spanSeconds, String summary, long notMoved) {
        static MigrationLog of(List<ServerLog.Entry> entries) {
            List<ServerLog.Entry> moved = entries.stream().filter(e -> e.message().startsWith("Registration ")
                    && e.message().contains(" moved to DVC's tables with ")).toList();
            String summary = entries.stream().map(ServerLog.Entry::message).filter(m -> m.contains("registration(s) of the old format moved"))
                    .findFirst().orElse("(no summary line)");
            long notMoved = entries.stream().filter(e -> e.message().contains("was not moved to DVC's tables now")).count();
            double span = moved.size() < 2 ? 0 : Duration.between(moved.get(0).time(), moved.get(moved.size() - 1).time()).toMillis() / 1000.0;
            return new MigrationLog(moved.size(), span, summary, notMoved);
        }
    }

    private final Path root;
    private final PrintStream out = System.out;

    RegistrationBenchmark(Path root) {
        this.root = root;
    }

    public static void main(String[] args) throws Exception {
        new RegistrationBenchmark(Path.of("").toAbsolutePath()).run();
    }

    void run() throws Exception {
        Path home = root.resolve("distribution/target/dvc-iam");
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No server distribution at " + home + "; build it first: ./mvnw -B install -DskipTests -pl distribution -am");
        }
        Path state = root.resolve("bench/target/state-registrations");
        BrokerBenchmark.deleteTree(state);
        Files.createDirectories(state);
        RegistrationReport report = new RegistrationReport(COUNT, PARALLELISM, REFRESH_SECONDS);
        KeyPair signing = SelfSignedCertificates.ecKeyPair();
        KeyPair expiring = SelfSignedCertificates.ecKeyPair();
        String signingCertificate = SelfSignedCertificates.base64(SelfSignedCertificates.selfSigned(signing, "CN=Bench Agency Signing",
                Duration.ofDays(730), false));
        String expiringCertificate = SelfSignedCertificates.base64(SelfSignedCertificates.selfSigned(expiring, "CN=Bench Agency Signing Expiring",
                Duration.ofDays(20), false));
        String jwk = SelfSignedCertificates.jwk((ECPublicKey) signing.getPublic(), "bench-1");
        Instant validUntil = Instant.now().plus(Duration.ofDays(365));
        Path file = root.resolve("bench/target/registrations-results.md");
        report.note("Load average (1 / 5 / 15 min) at the start: " + RegistrationReport.loadAverage() + ".");
        // Killed (e.g. Ctrl-C): the server this started goes too, not only this JVM.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy)));
        try {
            measure(home, state, report, signingCertificate, expiringCertificate, jwk, validUntil, file);
            report.note("\nLoad average (1 / 5 / 15 min) at the end: " + RegistrationReport.loadAverage() + ".");
        } catch (Exception | Error e) {
            report.note("\n**The benchmark stopped early:** " + e);
            Files.writeString(file, report.toString());
            throw e;
        }
        Files.writeString(file, report.toString());
        out.println();
        out.println(report);
        out.println("Written to " + file);
    }

    private void measure(Path home, Path state, RegistrationReport report, String signingCertificate, String expiringCertificate, String jwk,
                         Instant validUntil, Path file) throws Exception {
        try (AgencyMetadataServer agencies = new AgencyMetadataServer(state,
                port -> new AgencyDocuments(COUNT, port, signingCertificate, expiringCertificate, jwk, validUntil))) {
            int port = BenchServer.freePort();
            List<String> options = new ArrayList<>(DvcServer.demoOnlyOptions());
            options.addAll(List.of("--db-username=" + DB_USER, "--db-password=" + DB_PASSWORD,
                    OPTION + "outbound-allow=127.0.0.1/32", OPTION + "outbound-trust-store=" + agencies.trustStore(),
                    OPTION + "outbound-trust-store-password=" + AgencyMetadataServer.TRUST_STORE_PASSWORD,
                    OPTION + "refresh-parallelism=" + PARALLELISM));
            try (BenchServer server = BenchServer.start(home, state, out, refresh(options, 0), port)) {
                report.created(setUp(server, agencies.documents()));
            }
            Files.writeString(file, report.toString());
            int emptySettings = RegistrationTables.storeEmptyBrokerSettings(home, state, DB_USER, DB_PASSWORD);
            report.note(String.format("%nThe admin REST API drops empty configuration values: %,d empty broker settings (BrokerSettings.saml(),"
                    + " artifactResolutionServiceUrl=\"\") were added in the database, so that the IdPs look as DVC's registration API"
                    + " stores them.", emptySettings));
            RegistrationTables beforeMigration = RegistrationTables.read(home, state, DB_USER, DB_PASSWORD);

            // The upgrade: this start moves the registrations, and round 1 follows one interval after it (no restart between).
            Path logFile = state.resolve("keycloak.log");
            ServerLog migrationLog = new ServerLog(logFile);
            ServerLog log = new ServerLog(logFile);
            List<RefreshRoundWatch.Round> rounds = new ArrayList<>();
            List<Map<AgencyDocuments.Behaviour, Long>> fetches = new ArrayList<>();
            List<RegistrationTables> tables = new ArrayList<>();
            Map<AgencyDocuments.Behaviour, Long> before = agencies.fetches();
            out.printf("Starting the server that moves %,d registrations of the old format ...%n", COUNT);
            Instant launch = Instant.now();
            long began = System.nanoTime();
            double migratingStart;
            MigrationLog migration;
            try (BenchServer server = BenchServer.start(home, state, out, refresh(options, REFRESH_SECONDS), port, Duration.ofMinutes(90))) {
                migratingStart = (System.nanoTime() - began) / 1e9;
                migration = MigrationLog.of(migrationLog.next());
                report.migration(migratingStart, migration, beforeMigration, null);
                if (Instant.now().isAfter(launch.plusSeconds(REFRESH_SECONDS - 30))) {
                    report.note("\n**Round 1 may have started while the migration still ran** (ready after " + Math.round(migratingStart)
                            + " s, interval " + REFRESH_SECONDS + " s): raise BENCH_REFRESH_SECONDS.");
                }
                Files.writeString(file, report.toString());
                rounds.add(RefreshRoundWatch.awaitCycle(server, log, launch.plusSeconds(REFRESH_SECONDS), REFRESH_SECONDS, COUNT, out));
            }
            fetches.add(grown(before, agencies.fetches()));
            RegistrationTables afterRound1 = RegistrationTables.read(home, state, DB_USER, DB_PASSWORD);
            tables.add(afterRound1);
            report.migration(migratingStart, migration, beforeMigration, afterRound1);
            report.rounds(List.of("round 1 (every document fetched and parsed)"), rounds, fetches, tables, List.of(expected(true)));
            Files.writeString(file, report.toString());

            out.printf("All %,d registrations due again; agencies publish their next round ...%n",
                    RegistrationTables.allDue(home, state, DB_USER, DB_PASSWORD));
            agencies.nextRound();
            log = new ServerLog(logFile);
            before = agencies.fetches();
            List<OperatorListLatency.Case> cases;
            boolean cutShort;
            Optional<JvmHeap> heap;
            long rss;
            double plainStart;
            launch = Instant.now();
            began = System.nanoTime();
            try (BenchServer server = BenchServer.start(home, state, out, refresh(options, REFRESH_SECONDS), port)) {
                plainStart = (System.nanoTime() - began) / 1e9;
                String token = DeviceGrant.accessToken(server.url, SERVICE_URL, OPERATOR + "@bmi.bund.example", OPERATOR);
                Instant listDeadline = launch.plusSeconds(REFRESH_SECONDS - 20);
                out.println("Operator list and filters ...");
                Keycloak admin = server.admin();
                cases = new OperatorListLatency(server.url, token, () -> admin.tokenManager().getAccessTokenString(), COUNT)
                        .measure(listDeadline, agencies.documents());
                cutShort = Instant.now().isAfter(listDeadline);
                report.list(cases, cutShort);
                Files.writeString(file, report.toString());
                rounds.add(RefreshRoundWatch.awaitCycle(server, log, launch.plusSeconds(REFRESH_SECONDS), REFRESH_SECONDS, COUNT, out));
                heap = JvmHeap.afterFullGc(state);
                rss = server.process.rssKilobytes();
            }
            fetches.add(grown(before, agencies.fetches()));
            tables.add(RegistrationTables.read(home, state, DB_USER, DB_PASSWORD));
            report.rounds(List.of("round 1 (every document fetched and parsed)", "steady round (all due again, next round's documents)"),
                    rounds, fetches, tables, List.of(expected(true), expected(false)));
            report.memory(heap, rss, plainStart);
        }
    }

    /** The demo federation (for the operator's IdP), the operator, then the IdPs of the old format. */
    private OldFormatRegistrations.Created setUp(BenchServer server, AgencyDocuments documents) throws Exception {
        Keycloak admin = server.admin();
        new DemoFederation(admin, server.url, SERVICE_URL).apply();
        new AgencyIdpUsers(admin, DemoAgencies.BUND_BMI).ensure(new DemoAgencies.DemoUser(OPERATOR, OPERATOR + "@bmi.bund.example",
                "Registration", "Bench", "demo", "X", List.of()));
        DeviceGrant.accessToken(server.url, SERVICE_URL, OPERATOR + "@bmi.bund.example", OPERATOR);
        ApiRoles.grant(admin.realm("dvc"), OPERATOR, "dvc-federation-operator", null);
        out.printf("Creating %,d IdPs of the old registration format ...%n", COUNT);
        return new OldFormatRegistrations(admin, server.url, documents).create(Math.min(200, COUNT / 10));
    }

    private static List<String> refresh(List<String> options, int seconds) {
        List<String> all = new ArrayList<>(options);
        all.add(OPTION + "refresh-seconds=" + seconds);
        return all;
    }

    private static Map<AgencyDocuments.Behaviour, Long> grown(Map<AgencyDocuments.Behaviour, Long> before,
                                                             Map<AgencyDocuments.Behaviour, Long> after) {
        Map<AgencyDocuments.Behaviour, Long> grown = new EnumMap<>(AgencyDocuments.Behaviour.class);
        after.forEach((behaviour, count) -> grown.put(behaviour, count - before.getOrDefault(behaviour, 0L)));
        return grown;
    }

    /**
     * The writes a round calls for by what the documents do: round 1 parses and writes every registration; a steady round
     * writes the row of every new or failing document and the IdP of every new endpoint, and nothing for the same bytes.
     */
    private static RegistrationReport.Expected expected(boolean first) {
        long same = count(b -> b == AgencyDocuments.Behaviour.UNCHANGED || b == AgencyDocuments.Behaviour.SLOW);
        long endpoint = count(b -> b == AgencyDocuments.Behaviour.NEW_ENDPOINT);
        return first ? new RegistrationReport.Expected(COUNT, 0, 0) : new RegistrationReport.Expected(COUNT - same, endpoint, same);
    }

    private static long count(java.util.function.Predicate<AgencyDocuments.Behaviour> behaviour) {
        return IntStream.range(0, COUNT).filter(i -> behaviour.test(AgencyDocuments.behaviour(i))).count();
    }
}
