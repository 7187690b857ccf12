package de.dvc.iam.bench;

import de.dvc.iam.demo.AgencyDirectoryServer;
import de.dvc.iam.demo.AgencyDns;
import de.dvc.iam.demo.AgencyWebServer;
import de.dvc.iam.demo.DemoFederation;
import de.dvc.iam.demo.DvcServer;
import de.dvc.iam.demo.SlapdServer;
import org.keycloak.admin.client.Keycloak;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Directory login benchmark (issue 14, "Measured"), one DVC IAM server, one run. Agency directories log in through DVC
 * (discovery skipped: {@code kc_idp_hint}, DVC's password form, on to the code) and, for comparison, stock Keycloak's
 * LDAP user federation logs in through realms of the same server (stock username/password form), against the same
 * OpenLDAP slapd and the same users, with the same number of clients:
 * <ol>
 *   <li>throughput with one directory (DVC) and one LDAP provider (stock), measured ABBA;</li>
 *   <li>scale: DVC with {@value #DEFAULT_DIRECTORIES} directories, logging in to one agency, and for an unknown user;
 *       stock with as many LDAP providers, for an unknown user; what reaches each directory is counted at the directory
 *       (slapd's operation log, the small directories' interceptor);</li>
 *   <li>isolation: one agency's directory hangs (accepts, never answers) while another agency logs in.</li>
 * </ol>
 * Result: bench/target/ldap-results.md. Settings: system properties {@code bench.ldap.*} (bench/ldap.sh maps them from
 * environment variables).
 */
public final class DirectoryLoginBenchmark {

    private static final int DEFAULT_DIRECTORIES = 1000;
    private static final int CLIENTS = Integer.getInteger("bench.ldap.clients", 4);
    private static final int SECONDS = Integer.getInteger("bench.ldap.seconds", 30);
    private static final int WARMUP_SECONDS = Integer.getInteger("bench.ldap.warmup-seconds", 30);
    private static final int SCALE_SECONDS = Integer.getInteger("bench.ldap.scale-seconds", 20);
    private static final int DIRECTORIES = Integer.getInteger("bench.ldap.directories", DEFAULT_DIRECTORIES);
    private static final int SMALL_DIRECTORIES = Integer.getInteger("bench.ldap.small-directories", 10);
    private static final int UNKNOWN_ATTEMPTS = Integer.getInteger("bench.ldap.unknown-attempts", 20);
    private static final int HANG_SECONDS = Integer.getInteger("bench.ldap.hang-seconds", 30);
    private static final int HANG_CLIENTS = Integer.getInteger("bench.ldap.hang-clients", 2);
    private static final int HANG_PAUSE_MILLIS = Integer.getInteger("bench.ldap.hang-pause-ms", 1000);
    /** Users per client: a client logs in as its own users only (Keycloak refuses concurrent logins of one person). */
    private static final int USERS_PER_CLIENT = 5;
    private static final String PASSWORD = "bench";
    private static final String SECRET = BrokerBenchmark.SECRET;
    private static final String SERVICE_URL = BrokerBenchmark.SERVICE_URL;
    private static final String REDIRECT_URI = SERVICE_URL + "/login/oauth2/code/dvc";

    static final String AGENCY = "bench-musterhausen";
    static final String ALIAS = "bench-musterhausen-ldap";
    static final String DOMAIN = "musterhausen.example";
    static final String HANG_AGENCY = "bench-haengedorf";
    static final String HANG_ALIAS = "bench-haengedorf-ad";
    static final String HANG_DOMAIN = "haengedorf.example";
    static final String STOCK = "stock-ldap";
    static final String STOCK_SCALE = "stock-ldap-" + DIRECTORIES;

    private final Path root;
    private final PrintStream out = System.out;
    private final LdapBenchmarkReport report;
    private DirectoryLogins logins;
    /** What reached the directories per DVC login with one directory (section 1), for the scale target. */
    private LdapBenchmarkReport.PerLogin dvcOneDirectory;

    DirectoryLoginBenchmark(Path root) {
        this.root = root;
        this.report = new LdapBenchmarkReport(String.format(java.util.Locale.ROOT, "Machine: %d cores shared by the DVC server (Keycloak"
                        + " 26.7.3 + DVC providers), OpenLDAP slapd, the benchmark client and the small in-memory directories (in the"
                        + " client's JVM); Java %s. One server, realm `dvc` (DVC directory logins) and stock realms `%s`, `%s` (Keycloak's"
                        + " LDAP user federation) side by side. %d clients, each logging in again as soon as its login ended, as its own %d"
                        + " users; a login starts at the authorization endpoint and ends at the redirect with the code. One slapd"
                        + " (Debian 2.5, LDAPS, mdb, memberof + ppolicy overlays) with %d users, written with its operation log (-d stats),"
                        + " which is where the operations are counted.%s",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), STOCK, STOCK_SCALE, CLIENTS, USERS_PER_CLIENT,
                CLIENTS * USERS_PER_CLIENT,
                System.getProperty("dvc.server.cpus", "").isBlank() ? "" : " **Pinned (BENCH_PIN=true): the server on CPUs "
                        + System.getProperty("dvc.server.cpus") + "; client, slapd and the small directories on CPU 0.**"));
    }

    public static void main(String[] args) throws Exception {
        new DirectoryLoginBenchmark(Path.of("").toAbsolutePath()).run();
    }

    void run() throws Exception {
        Path home = root.resolve("distribution/target/dvc-iam");
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No server distribution at " + home + "; build it first: ./mvnw -B install -DskipTests -pl distribution -am");
        }
        Path state = root.resolve("bench/target/state-ldap");
        BrokerBenchmark.deleteTree(state);
        Files.createDirectories(state);
        // Killed (e.g. Ctrl-C): the server and slapd this started go too, not only this JVM.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy)));
        Path file = root.resolve("bench/target/ldap-results.md");
        try {
            measure(home, state);
        } catch (Exception | Error e) {
            report.line("\n**The benchmark stopped early:** " + e);
            Files.writeString(file, report.toString());
            throw e;
        }
        Files.writeString(file, report.toString());
        out.println();
        out.println(report);
        out.println("Written to " + file);
    }

    private void measure(Path home, Path state) throws Exception {
        try (SlapdServer slapd = SlapdServer.startLoggingOperations(Duration.ofSeconds(60));
             AgencyDns dns = new AgencyDns(0, null);
             AgencyWebServer web = new AgencyWebServer(state, 0, List.of(), null);
             CountingDirectories small = new CountingDirectories(web, SMALL_DIRECTORIES)) {
            BenchSlapd.addUsers(slapd.root(), CLIENTS * USERS_PER_CLIENT, DOMAIN, PASSWORD);
            Path slapdCa = state.resolve("slapd-ca.pem");
            Files.writeString(slapdCa, slapd.caPem());
            try (BenchServer server = BenchServer.start(home, state, out, serverOptions(web, dns, slapdCa))) {
                logins = new DirectoryLogins(server.url, SERVICE_URL);
                Keycloak admin = server.admin();
                out.println("Setting up realm dvc (demo federation), the agencies and the stock realms ...");
                new DemoFederation(admin, server.url, SERVICE_URL).apply();
                admin.realm("dvc").clients().create(BrokerBenchmark.client(REDIRECT_URI, SECRET)).close();
                DirectoryRegistrations registrations = new DirectoryRegistrations(server.url, SERVICE_URL, admin, dns);
                registrations.operators();
                long joinStart = System.nanoTime();
                registrations.join(AGENCY, "Gemeinde Musterhausen (Bench)", ALIAS, DOMAIN, BenchSlapd.dvcSettings(slapd), BenchSlapd.user(0), PASSWORD);
                double joinSeconds = (System.nanoTime() - joinStart) / 1e9;
                try (AgencyDirectoryServer hangingAgency = new AgencyDirectoryServer(web, HANG_DOMAIN, hangingAgencyPeople());
                     SwitchableDirectory switchable = new SwitchableDirectory(AgencyWebServer.ADDRESS, hangingAgency.port())) {
                    // DVC reaches the agency's directory through the switch, which can make it hang
                    Map<String, Object> hangingSettings = new LinkedHashMap<>(hangingAgency.settings(Map.of()));
                    hangingSettings.put("url", "ldaps://" + AgencyWebServer.ADDRESS + ":" + switchable.port());
                    registrations.join(HANG_AGENCY, "Gemeinde Hängedorf (Bench)", HANG_ALIAS, HANG_DOMAIN, hangingSettings,
                            hangingUser(0), AgencyDirectoryServer.PASSWORD);
                    StockLdapRealm.create(admin, STOCK, REDIRECT_URI, SECRET, BenchSlapd.stockProvider(slapd));
                    awaitDiscovery(server.url);
                    report.line(String.format(java.util.Locale.ROOT, "\nThe directory of agency `%s` joined through the product (registration"
                            + " API with validation, sandbox test login, DNS domain proof, second operator's approval) in %.1f s.", AGENCY, joinSeconds));
                    SlapdOperationLog slapdLog = new SlapdOperationLog(slapd.log());
                    throughput(slapdLog, small);
                    scale(admin, registrations, slapd, slapdLog, small);
                    isolation(switchable);
                    report.targets();
                }
            }
        }
    }

    private void throughput(SlapdOperationLog slapdLog, CountingDirectories small) throws Exception {
        out.println("1. Throughput, one directory: first logins, warm-up, then " + SECONDS + " s per realm (ABBA) ...");
        for (int u = 0; u < CLIENTS * USERS_PER_CLIENT; u++) {
            // The first login of a person creates (DVC) or imports (stock) her user: one after the other.
            require(logins.dvc(ALIAS, BenchSlapd.user(u), PASSWORD), "first DVC login of " + BenchSlapd.user(u));
            require(logins.stock(STOCK, BenchSlapd.user(u), PASSWORD), "first stock login of " + BenchSlapd.user(u));
        }
        LoginLoad.run(CLIENTS, Duration.ofSeconds(WARMUP_SECONDS), Duration.ZERO, (c, i) -> logins.dvc(ALIAS, user(c, i), PASSWORD));
        LoginLoad.run(CLIENTS, Duration.ofSeconds(WARMUP_SECONDS), Duration.ZERO, (c, i) -> logins.stock(STOCK, user(c, i), PASSWORD));
        Map<String, List<LoginLoad.Result>> results = new LinkedHashMap<>();
        Map<String, SlapdOperationLog.Operations> operations = new LinkedHashMap<>();
        Map<String, long[]> elsewhere = new LinkedHashMap<>();
        // ABBA: a drift during the measurement (the machine's other work, garbage collection) falls on both realms.
        for (String realm : List.of(STOCK, "dvc", "dvc", STOCK)) {
            LoginLoad.Attempt attempt = realm.equals(STOCK) ? (c, i) -> logins.stock(STOCK, user(c, i), PASSWORD)
                    : (c, i) -> logins.dvc(ALIAS, user(c, i), PASSWORD);
            long mark = slapdLog.mark();
            long searches = small.searches();
            long binds = small.binds();
            results.computeIfAbsent(realm, r -> new ArrayList<>()).add(LoginLoad.run(CLIENTS, Duration.ofSeconds(SECONDS / 2), Duration.ZERO, attempt));
            operations.merge(realm, slapdLog.since(mark), SlapdOperationLog.Operations::plus);
            elsewhere.merge(realm, new long[] {small.searches() - searches, small.binds() - binds}, (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
        }
        report.heading("1. Throughput: one directory (DVC) against one LDAP provider (stock)", String.format(java.util.Locale.ROOT,
                "%d clients, %d s per realm in four blocks of %d s (stock, DVC, DVC, stock), after a first login per user and %d s of"
                        + " warm-up per realm. Stock: realm `%s`, one `ldap` provider (vendor other, READ_ONLY, import on, uid, LDAPS with"
                        + " slapd's CA in the truststore SPI). DVC: agency directory `%s` (inetOrgPerson profile, login by uid, default pool"
                        + " of 4 connections and timeouts).", CLIENTS, SECONDS, SECONDS / 2, WARMUP_SECONDS, STOCK, ALIAS));
        report.loadTable();
        LoginLoad.Result stock = LoginLoad.merged(results.get(STOCK));
        LoginLoad.Result dvc = LoginLoad.merged(results.get("dvc"));
        report.load("stock Keycloak LDAP federation, 1 provider", stock, perLogin(operations.get(STOCK), elsewhere.get(STOCK), stock.succeeded()));
        report.load("DVC directory login, 1 directory", dvc, perLogin(operations.get("dvc"), elsewhere.get("dvc"), dvc.succeeded()));
        double ratio = dvc.perSecond() / stock.perSecond();
        report.line(String.format(java.util.Locale.ROOT, "\n**DVC / stock throughput: %.2f×** (target ≥ 1.0×).", ratio));
        report.target("directory logins/s, DVC ≥ 1.0 × stock (one directory / one provider, same slapd)", String.format(java.util.Locale.ROOT,
                "%.2f× (%.1f / %.1f logins/s; p50 %.0f / %.0f ms, p95 %.0f / %.0f ms)", ratio, dvc.perSecond(), stock.perSecond(),
                dvc.latencies().percentileMillis(50), stock.latencies().percentileMillis(50), dvc.latencies().percentileMillis(95),
                stock.latencies().percentileMillis(95)), ratio >= 1.0 ? "met" : "**missed**");
        dvcOneDirectory = perLogin(operations.get("dvc"), elsewhere.get("dvc"), dvc.succeeded());
    }

    private void scale(Keycloak admin, DirectoryRegistrations registrations, SlapdServer slapd, SlapdOperationLog slapdLog,
                       CountingDirectories small) throws Exception {
        int more = DIRECTORIES - 2;
        out.println("2. Scale: " + more + " more directory IdPs in realm dvc, " + (DIRECTORIES - 1) + " more LDAP providers in realm "
                + STOCK_SCALE + " ...");
        long start = System.nanoTime();
        int reachable = 0;
        for (int i = 0; i < more; i++) {
            // every 10th at one of the small in-memory directories, the others at a port of 127.0.0.2 where nothing listens
            Map<String, Object> settings = small.dvcSettings(i % SMALL_DIRECTORIES);
            if (i % 10 == 0) {
                reachable++;
            } else {
                settings.put("url", "ldaps://" + AgencyWebServer.ADDRESS + ":" + closedPort());
            }
            registrations.insert(String.format("bench-dir-%04d", i), settings);
        }
        double insertSeconds = (System.nanoTime() - start) / 1e9;

        long mark = slapdLog.mark();
        long searches = small.searches();
        long binds = small.binds();
        LoginLoad.Result dvc = LoginLoad.run(CLIENTS, Duration.ofSeconds(SCALE_SECONDS), Duration.ZERO, (c, i) -> logins.dvc(ALIAS, user(c, i), PASSWORD));
        LdapBenchmarkReport.PerLogin dvcPerLogin = perLogin(slapdLog.since(mark), new long[] {small.searches() - searches, small.binds() - binds},
                dvc.succeeded());

        mark = slapdLog.mark();
        searches = small.searches();
        binds = small.binds();
        LoginLoad.Result dvcUnknown = LoginLoad.sequential(UNKNOWN_ATTEMPTS, (c, i) -> logins.dvcUnknown(ALIAS, "niemand-" + i, PASSWORD));
        LdapBenchmarkReport.PerLogin dvcPerUnknown = perLogin(slapdLog.since(mark), new long[] {small.searches() - searches, small.binds() - binds},
                UNKNOWN_ATTEMPTS);

        start = System.nanoTime();
        List<StockLdapRealm.Provider> providers = new ArrayList<>(List.of(BenchSlapd.stockProvider(slapd)));
        for (int i = 1; i < DIRECTORIES; i++) {
            CountingDirectories.Directory directory = small.directories().get(i % SMALL_DIRECTORIES);
            providers.add(new StockLdapRealm.Provider(String.format("klein-%04d", i), directory.url(), directory.serviceDn(),
                    CountingDirectories.SERVICE_SECRET, directory.usersDn()));
        }
        StockLdapRealm.createWith(admin, STOCK_SCALE, REDIRECT_URI, SECRET, providers, STOCK);
        double providerSeconds = (System.nanoTime() - start) / 1e9;
        mark = slapdLog.mark();
        searches = small.searches();
        binds = small.binds();
        LoginLoad.Result stockUnknown = LoginLoad.sequential(UNKNOWN_ATTEMPTS, (c, i) -> logins.stockUnknown(STOCK_SCALE, "niemand-" + i, PASSWORD));
        LdapBenchmarkReport.PerLogin stockPerUnknown = perLogin(slapdLog.since(mark), new long[] {small.searches() - searches,
                small.binds() - binds}, UNKNOWN_ATTEMPTS);

        report.heading(String.format("2. Scale: %,d directories", DIRECTORIES), String.format(java.util.Locale.ROOT,
                "Realm dvc: the 2 directories that joined through the product and %,d more directory IdPs (type `dvc-ldap`, the"
                        + " settings the registration API stores) created through Keycloak's admin API in %.1f s: %d of them at %d small"
                        + " in-memory directories, %d at ports of 127.0.0.2 where nothing listens. Not through the registration API: its"
                        + " validation refuses a directory it cannot reach, and a join through the product is several calls and a test"
                        + " login per directory (see the time above). Realm `%s`:"
                        + " the slapd provider (priority 0, asked first) and %,d `ldap` providers at the %d small directories, each with the"
                        + " mappers Keycloak made for the provider of `" + STOCK + "`, created in one realm import in %.1f s (added one by one"
                        + " through the admin API, each addition takes longer than the last: about 0.3 s at the thousandth, 5 min in all)."
                        + " Logins at the agency of slapd: %d clients for %d s. Unknown user (`niemand-N`, no such entry anywhere): %d"
                        + " attempts one after the other.", more, insertSeconds, reachable, SMALL_DIRECTORIES, more - reachable, STOCK_SCALE,
                DIRECTORIES - 1, SMALL_DIRECTORIES, providerSeconds, CLIENTS, SCALE_SECONDS, UNKNOWN_ATTEMPTS));
        report.loadTable();
        report.load(String.format("DVC directory login, %,d directories", DIRECTORIES), dvc, dvcPerLogin);
        report.attemptsTable();
        report.attempts(String.format("DVC, unknown user, %,d directories", DIRECTORIES), dvcUnknown, dvcPerUnknown);
        report.attempts(String.format("stock, unknown user, %,d LDAP providers", DIRECTORIES), stockUnknown, stockPerUnknown);
        boolean same = dvcPerLogin.sameAtSlapd(dvcOneDirectory) && dvcPerLogin.elsewhereSearches() == 0 && dvcPerLogin.elsewhereBinds() == 0;
        report.target(String.format("DVC's LDAP operations per login with %,d directories = those of one directory", DIRECTORIES),
                String.format("at slapd %s (connections / binds / searches / other) with %,d, %s with 1; at the other directories %s (searches / binds)",
                        dvcPerLogin.slapd(), DIRECTORIES, dvcOneDirectory.slapd(), dvcPerLogin.elsewhere()), same ? "met" : "**missed**");
        report.target(String.format("stock with %,d LDAP providers, unknown user: searches per attempt (stated)", DIRECTORIES),
                String.format(java.util.Locale.ROOT, "%.0f searches (slapd %.0f + other directories %.0f) per attempt, p50 %.0f ms; DVC: %.0f search, p50 %.0f ms",
                        stockPerUnknown.searches() + stockPerUnknown.elsewhereSearches(), stockPerUnknown.searches(), stockPerUnknown.elsewhereSearches(),
                        stockUnknown.latencies().percentileMillis(50), dvcPerUnknown.searches() + dvcPerUnknown.elsewhereSearches(),
                        dvcUnknown.latencies().percentileMillis(50)), "stated");
    }

    private void isolation(SwitchableDirectory hangingAgency) throws Exception {
        out.println("3. Isolation: " + HANG_SECONDS / 2 + " s with agency " + HANG_AGENCY + "'s directory up, " + HANG_SECONDS
                + " s with it hanging, " + HANG_SECONDS / 2 + " s with it up again ...");
        for (int c = 0; c < HANG_CLIENTS; c++) {
            require(logins.dvc(HANG_ALIAS, hangingUser(c), AgencyDirectoryServer.PASSWORD), "first DVC login of " + hangingUser(c));
        }
        Duration pause = Duration.ofMillis(HANG_PAUSE_MILLIS);
        LoginLoad.Attempt login = (c, i) -> logins.dvc(HANG_ALIAS, hangingUser(c), AgencyDirectoryServer.PASSWORD);
        // ABBA: up, hanging, up again, so that a drift during the measurement falls on both
        LoginLoad.Result[] before = alongside(login, pause, Duration.ofSeconds(HANG_SECONDS / 2));
        hangingAgency.hang();
        LoginLoad.Result[] hung = alongside((c, i) -> logins.dvcUnavailable(HANG_ALIAS, hangingUser(c), AgencyDirectoryServer.PASSWORD), pause, Duration.ofSeconds(HANG_SECONDS));
        int accepted = hangingAgency.acceptedWhileHanging();
        hangingAgency.recover();
        LoginLoad.Result[] after = alongside(login, pause, Duration.ofSeconds(HANG_SECONDS / 2));
        LoginLoad.Result up = LoginLoad.merged(List.of(before[0], after[0]));
        report.heading("3. Isolation: one agency's directory hangs", String.format(java.util.Locale.ROOT,
                "The agency of slapd: %d clients as in section 1, realm dvc with %,d directories. At the same time agency `%s` (in-memory AD"
                        + " over LDAPS, joined through the product, reached through a relay that can make it hang): %d people, each trying"
                        + " again %d ms after her last try ended. %d s with its directory up, then %d s in which its connections stop"
                        + " answering and new ones are accepted and never answered (%d accepted), then %d s up again (ABBA; the first"
                        + " tries after the recovery may still meet the open circuit breaker). Its directory's settings are the defaults:"
                        + " connect (incl. TLS handshake) 3 s, bind 5 s, search 5 s, circuit breaker after 5 failures for 30 s.", CLIENTS,
                DIRECTORIES, HANG_AGENCY, HANG_CLIENTS, HANG_PAUSE_MILLIS, HANG_SECONDS / 2, HANG_SECONDS, accepted, HANG_SECONDS / 2));
        report.loadTable();
        report.load("other agency, " + HANG_AGENCY + "'s directory up (before and after the hang)", up, null);
        report.load("other agency, " + HANG_AGENCY + "'s directory hangs", hung[0], null);
        double ratio = hung[0].perSecond() / up.perSecond();
        report.line(String.format(java.util.Locale.ROOT, "%n**Other agency's throughput while one directory hangs / without: %.2f×** (target ≥ 0.9×).%n",
                ratio));
        report.attemptsTable();
        report.attempts(HANG_AGENCY + " before the hang (logins)", before[1], null);
        report.attempts(HANG_AGENCY + " while its directory hangs (time to its error page)", hung[1], null);
        report.attempts(HANG_AGENCY + " after the recovery (logins; the breaker may still be open)", after[1], null);
        report.line(String.format(java.util.Locale.ROOT, "%nOf the hanging agency's %d error pages, %d took longer than 1 s (a timeout ran out),"
                + " the others came from the open circuit breaker at once.", hung[1].succeeded(), hung[1].latencies().countAbove(1000)));
        report.target("other agencies' throughput while one directory hangs ≥ 0.9 × without", String.format(java.util.Locale.ROOT,
                "%.2f× (%.1f / %.1f logins/s)", ratio, hung[0].perSecond(), up.perSecond()), ratio >= 0.9 ? "met" : "**missed**");
        report.target("the hanging agency's time to its error page (stated)", String.format(java.util.Locale.ROOT,
                "p50 %.0f ms, max %.0f ms over %d tries (%d waited for a timeout, the rest answered by the open breaker); %d tries ended otherwise",
                hung[1].latencies().percentileMillis(50), hung[1].latencies().percentileMillis(100), hung[1].succeeded(),
                hung[1].latencies().countAbove(1000), hung[1].failed()), "stated");
    }

    /** The other agency's load (slapd, {@link #CLIENTS} clients) and the hanging agency's people at the same time. */
    private LoginLoad.Result[] alongside(LoginLoad.Attempt hangingAgency, Duration pause, Duration duration) throws Exception {
        java.util.concurrent.ExecutorService side = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<LoginLoad.Result> people = side.submit(() -> LoginLoad.run(HANG_CLIENTS, duration, pause, hangingAgency));
            LoginLoad.Result other = LoginLoad.run(CLIENTS, duration, Duration.ZERO, (c, i) -> logins.dvc(ALIAS, user(c, i), PASSWORD));
            return new LoginLoad.Result[] {other, people.get(duration.toSeconds() + 180L, java.util.concurrent.TimeUnit.SECONDS)};
        } finally {
            side.shutdownNow();
        }
    }

    private static void require(String failure, String what) {
        if (failure != null) {
            throw new IllegalStateException(what + " failed: " + failure);
        }
    }

    private static LdapBenchmarkReport.PerLogin perLogin(SlapdOperationLog.Operations slapd, long[] elsewhere, int logins) {
        return LdapBenchmarkReport.PerLogin.of(slapd, elsewhere[0], elsewhere[1], logins);
    }

    /** Client {@code client}'s user for its {@code iteration}-th login: its own five, in turn. */
    private static String user(int client, int iteration) {
        return BenchSlapd.user(client * USERS_PER_CLIENT + iteration % USERS_PER_CLIENT);
    }

    private static String hangingUser(int index) {
        return "h-" + index + "@" + HANG_DOMAIN;
    }

    private static List<AgencyDirectoryServer.Person> hangingAgencyPeople() {
        List<AgencyDirectoryServer.Person> people = new ArrayList<>();
        for (int c = 0; c < Math.max(1, HANG_CLIENTS); c++) {
            people.add(new AgencyDirectoryServer.Person("h-" + c, "Hanna", "Hänger " + c, "Bürgeramt", 512, List.of()));
        }
        return people;
    }

    /**
     * The agencies' servers (web.serverOptions), slapd on 127.0.0.1 reachable for directories too (directory-allow) and its
     * CA trusted by Keycloak's truststore SPI (stock LDAP providers), the demo's operator settings, and a short agency
     * directory refresh (the agencies are created after the start).
     */
    private static List<String> serverOptions(AgencyWebServer web, AgencyDns dns, Path slapdCa) {
        List<String> options = new ArrayList<>();
        for (String option : web.serverOptions(dns)) {
            if (option.contains("--directory-allow=")) {
                options.add(option + ",127.0.0.1/32");
            } else if (option.startsWith("--truststore-paths=")) {
                options.add(option + "," + slapdCa);
            } else {
                options.add(option);
            }
        }
        options.addAll(DvcServer.demoOnlyOptions());
        options.add("--spi-dvc-agency-directory--default--refresh-seconds=5");
        return options;
    }

    /** Waits (at most 60 s) until discovery lists the bench agency, as a production node has long listed its agencies. */
    private static void awaitDiscovery(String serverUrl) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI search = URI.create(serverUrl + "/realms/dvc/dvc-discovery/search?q=Musterhausen");
        for (int i = 0; i < 120 && !http.send(HttpRequest.newBuilder(search).GET().build(), HttpResponse.BodyHandlers.ofString())
                .body().contains("\"" + ALIAS + "\""); i++) {
            Thread.sleep(500);
        }
    }

    /** A port of 127.0.0.2 where nothing listens (free a moment ago). */
    private static int closedPort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(AgencyWebServer.ADDRESS))) {
            return socket.getLocalPort();
        }
    }
}
