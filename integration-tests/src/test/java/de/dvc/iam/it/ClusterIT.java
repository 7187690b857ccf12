package de.dvc.iam.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.dvc.iam.demo.AgencyDns;
import de.dvc.iam.demo.AgencyWebServer;
import de.dvc.iam.demo.DemoAgencies;
import de.dvc.iam.demo.DemoCluster;
import de.dvc.iam.demo.DemoFederation;
import de.dvc.iam.demo.DvcServer;
import de.dvc.iam.demo.client.BrokeredLogin;
import de.dvc.iam.demo.client.LoginRequest;
import de.dvc.iam.it.LoginLoad.Attempt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.admin.client.Keycloak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DVC IAM as a cluster on one machine: PostgreSQL, three nodes (Infinispan, JGroups discovery through the database)
 * and HAProxy in front, all real and on 127.0.0.1. Sessions cross nodes; a node killed with {@code kill -9} under a
 * brokered-login load loses no session; a full restart keeps sessions; the nodes survive a PostgreSQL crash; the
 * metadata refresh runs once per interval on the cluster and moves on when its node dies.
 *
 * <p>The figures (failover window, error rate, sessions lost) go to {@code target/cluster-results.md} and to the
 * test output; docs/operations.md quotes them. Loads are bounded in time and count.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int NODES = 3;
    private static final int REFRESH_SECONDS = 5;
    private static final int LOAD_THREADS = 4;
    private static final Pattern ROUND = Pattern.compile("\"timestamp\":\"([^\"]+)\".*metadata_refresh_round");

    private DemoCluster cluster;
    private AgencyDns dns;
    private AgencyWebServer web;
    private Keycloak admin;
    private final StringBuilder report = new StringBuilder("# Cluster failure tests (ClusterIT)\n\n"
            + NODES + " nodes, PostgreSQL and HAProxy on 127.0.0.1 of one machine (" + Runtime.getRuntime().availableProcessors()
            + " cores shared by all of them and the load), " + LOAD_THREADS + " browser threads alternating SAML and OIDC logins.\n\n");

    @BeforeAll
    void startCluster() throws Exception {
        Path work = Path.of(System.getProperty("dvc.work.dir", "target/it-work"));
        Files.createDirectories(work);
        Path state = Files.createTempDirectory(work, "cluster-");
        dns = new AgencyDns(0, null);
        web = new AgencyWebServer(state, 0, List.of(RunningFederation.WEB_DOMAIN), null);
        List<String> options = new ArrayList<>(web.serverOptions(dns));
        options.addAll(DvcServer.demoOnlyOptions());
        // The directory keeps its production refresh (300 s): a new agency must reach every node by the change poll.
        options.add("--spi-realm-restapi-extension--dvc-registrations--refresh-seconds=" + REFRESH_SECONDS);
        // The agency IdPs are realms of this same cluster, on 2 cores shared with PostgreSQL, HAProxy and the load: a
        // broker's token request may wait longer than the production 5 s for a CPU (one CI run lost a login before the
        // kill to "Read timed out"). This test is about failover, not latency under overload.
        options.add("--spi-connections-http-client--dvc-guarded--socket-timeout-millis=15000");
        cluster = new DemoCluster(Path.of(System.getProperty("dvc.server.cluster-home")), state, NODES, DemoCluster.freeLoopbackPorts(NODES), options);
        cluster.start(Duration.ofMinutes(10));
        admin = Keycloak.getInstance(cluster.url(), "master", DvcServer.ADMIN_USER, DvcServer.ADMIN_PASSWORD, "admin-cli");
        new DemoFederation(admin, cluster.url(), LoginLoad.SERVICE_URL).apply();
        // The first login of each person creates her user: once, before any concurrent load.
        for (DemoAgencies.DemoAgency agency : DemoAgencies.ALL) {
            login(cluster.url(), agency);
        }
        LoginLoad.ensureUsers(admin, cluster.url());
    }

    @AfterAll
    void stopCluster() throws IOException {
        Path results = Path.of("target/cluster-results.md");
        Files.writeString(results, report.toString());
        System.out.println(report);
        if (admin != null) {
            admin.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (web != null) {
            web.close();
        }
        // As root the database lives outside the (private) state directory: remove it with the cluster.
        if (cluster != null && cluster.database().dataDir().startsWith("/var/tmp")) {
            try (var files = Files.walk(cluster.database().dataDir().getParent())) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        if (dns != null) {
            dns.close();
        }
    }

    @Test
    @Order(1)
    void aSessionStartedThroughOneNodeIsValidOnEveryNode() throws Exception {
        BrokeredLogin browser = new BrokeredLogin(new LoginRequest(cluster.url(), LoginLoad.SERVICE_URL), cluster.url());
        DemoAgencies.DemoAgency agency = DemoAgencies.BERLIN_SENFIN;
        BrokeredLogin.Outcome outcome = browser.login(agency.idpAlias(), agency.user().username(), agency.user().password(), Map.of());
        assertThat(outcome.succeeded()).as("login through the load balancer: %s", outcome.body()).isTrue();

        // The code is redeemed at node 1 itself, the access token used at node 2, the refresh token at node 3.
        JsonNode tokens = token(cluster.node(0).nodeUrl(), Map.of("grant_type", "authorization_code", "code", outcome.code(),
                "redirect_uri", browser.request().redirectUri(), "code_verifier", browser.request().verifier()));
        assertThat(userinfo(cluster.node(1).nodeUrl(), tokens.get("access_token").asText()).at("/agency/id").asText())
                .isEqualTo(agency.agency().id());
        JsonNode refreshed = token(cluster.node(2).nodeUrl(), Map.of("grant_type", "refresh_token",
                "refresh_token", tokens.get("refresh_token").asText()));
        JsonNode again = token(cluster.node(1).nodeUrl(), Map.of("grant_type", "refresh_token",
                "refresh_token", refreshed.get("refresh_token").asText()));
        assertThat(claims(again.get("access_token").asText()).get("sid").asText())
                .isEqualTo(claims(tokens.get("access_token").asText()).get("sid").asText());
        // The same browser is known to every node: single sign-on through the load balancer, no login form.
        for (int i = 0; i < NODES; i++) {
            assertThat(browser.again(Map.of()).succeeded()).as("SSO, round %d", i).isTrue();
        }
    }

    @Test
    @Order(2)
    void theMetadataRefreshRunsOncePerIntervalOnTheClusterAndMovesOnWhenItsNodeDies() throws Exception {
        Instant from = Instant.now();
        Thread.sleep(Duration.ofSeconds(REFRESH_SECONDS * 6L).toMillis());
        List<Round> rounds = rounds(from, Instant.now());
        report.append("## Metadata refresh (interval ").append(REFRESH_SECONDS).append(" s)\n\n- in 30 s: ").append(rounds.size())
                .append(" rounds on nodes ").append(rounds.stream().map(Round::node).toList()).append('\n');
        // One round per interval on the whole cluster (30 s / 5 s = 6, give or take the timers' phase), not one per node.
        assertThat(rounds.size()).isBetween(4, 7);
        for (int i = 1; i < rounds.size(); i++) {
            assertThat(Duration.between(rounds.get(i - 1).at(), rounds.get(i).at())).as("gap before round %d", i)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(REFRESH_SECONDS * 800L - 500));
        }

        int ran = rounds.get(rounds.size() - 1).node();
        cluster.kill(ran);
        Instant killed = Instant.now();
        Thread.sleep(Duration.ofSeconds(REFRESH_SECONDS * 4L).toMillis());
        List<Round> after = rounds(killed, Instant.now());
        report.append("- after kill -9 of ").append(DemoCluster.nodeName(ran)).append(" (it ran the last round): ")
                .append(after.size()).append(" rounds in 20 s on nodes ").append(after.stream().map(Round::node).toList()).append("\n\n");
        assertThat(after).isNotEmpty().allSatisfy(round -> assertThat(round.node()).isNotEqualTo(ran));
        cluster.restart(ran, Duration.ofMinutes(5));
        cluster.awaitClusterView(NODES, Duration.ofMinutes(2));
    }

    @Test
    @Order(3)
    void killingANodeUnderLoginLoadLosesNoSession() throws Exception {
        int victim = 1;
        LoginLoad load = LoginLoad.start(cluster.url(), LOAD_THREADS, 2_000);
        Thread.sleep(20_000);
        long killedAt = load.now();
        cluster.kill(victim);
        Thread.sleep(40_000);
        List<Attempt> attempts = load.stop();

        Failover failover = Failover.of(attempts, killedAt);
        report.append("## kill -9 of ").append(DemoCluster.nodeName(victim)).append(" under login load\n\n").append(failover.describe());
        List<String> lost = LoginLoad.rejectedRefreshTokens(cluster.url(), failover.refreshTokens());
        report.append("- sessions lost: ").append(lost.size()).append(" of ").append(failover.refreshTokens().size())
                .append(" (every refresh token issued before and after the kill, redeemed afterwards)\n\n");

        assertThat(failover.failedBefore()).as("logins before the kill").isZero();
        assertThat(failover.succeededAfter()).as("logins after the kill").isPositive();
        assertThat(failover.lastAttemptsSucceeded(6)).as("the last logins, on the surviving nodes").isTrue();
        assertThat(lost).as("sessions lost").isEmpty();

        cluster.restart(victim, Duration.ofMinutes(5));
        cluster.awaitClusterView(NODES, Duration.ofMinutes(2));
    }

    @Test
    @Order(4)
    void theNodesRecoverFromAPostgresqlCrashByThemselves() throws Exception {
        List<String> before = new ArrayList<>();
        for (DemoAgencies.DemoAgency agency : DemoAgencies.ALL) {
            before.add(login(cluster.url(), agency));
        }
        LoginLoad load = LoginLoad.start(cluster.url(), LOAD_THREADS, 2_000);
        Thread.sleep(15_000);
        long killedAt = load.now();
        cluster.killDatabase();
        Thread.sleep(10_000);
        long restartedAt = load.now();
        cluster.restartDatabase(Duration.ofMinutes(1));
        Thread.sleep(40_000);
        List<Attempt> attempts = load.stop();

        Failover failover = Failover.of(attempts, killedAt);
        report.append("## PostgreSQL killed (kill -9) under login load, restarted ").append((restartedAt - killedAt) / 1000)
                .append(" s later\n\n").append(failover.describe());
        List<String> lost = LoginLoad.rejectedRefreshTokens(cluster.url(), before);
        List<String> lostDuring = LoginLoad.rejectedRefreshTokens(cluster.url(), failover.refreshTokens());
        report.append("- sessions lost: ").append(lost.size()).append(" of ").append(before.size())
                .append(" established before the crash; ").append(lostDuring.size()).append(" of ")
                .append(failover.refreshTokens().size()).append(" issued during the load\n");

        assertThat(failover.failedBefore()).as("logins before the crash").isZero();
        assertThat(failover.lastAttemptsSucceeded(6)).as("the last logins, after PostgreSQL is back").isTrue();
        assertThat(lost).as("sessions established before the crash").isEmpty();
        // A token issued is backed by a committed session (synchronous commit): none may be lost either.
        assertThat(lostDuring).as("sessions whose tokens were issued around the crash").isEmpty();
        // Audit rows of logins around the crash wait for the database instead of being dropped.
        long auditLost = 0;
        for (int i = 0; i < NODES; i++) {
            auditLost += Files.readAllLines(cluster.process(i).log()).stream().filter(line -> line.contains("Audit row lost")).count();
        }
        report.append("- audit rows lost: ").append(auditLost).append("\n\n");
        assertThat(auditLost).as("audit rows lost").isZero();
    }

    /** An agency that joins while the cluster runs: its IdP is created through node 1 alone. */
    private static final DemoAgencies.DemoAgency LATECOMER = new DemoAgencies.DemoAgency(
            de.dvc.iam.core.agency.Agency.builder("clusterstadt", "Stadtverwaltung Clusterstadt", de.dvc.iam.core.agency.AgencyLevel.MUNICIPAL)
                    .shortName("Clusterstadt").build(),
            "clusterstadt", "clusterstadt.example", DemoAgencies.Protocol.OIDC,
            new DemoAgencies.DemoUser("karl.knoten", "karl.knoten@clusterstadt.example", "Karl", "Knoten", "demo",
                    "Hauptamt", List.of()),
            "oidc", "normal", "1 = normal\n0 = normal");

    @Test
    @Order(5)
    void anAgencyAddedThroughOneNodeIsFoundAndRoutedOnEveryNode() throws Exception {
        Instant begin;
        try (Keycloak nodeAdmin = Keycloak.getInstance(cluster.node(0).nodeUrl(), "master", DvcServer.ADMIN_USER,
                DvcServer.ADMIN_PASSWORD, "admin-cli")) {
            // The agency's own IdP (a realm of this server, reached through the load balancer), then its registration
            // in realm dvc through node 1 only.
            DemoFederation federation = new DemoFederation(nodeAdmin, cluster.url(), LoginLoad.SERVICE_URL);
            federation.ensureAgencyIdpRealm(LATECOMER);
            begin = Instant.now();
            federation.ensureAgencyIdp(LATECOMER);
        }
        Duration created = Duration.between(begin, Instant.now());
        StringBuilder found = new StringBuilder();
        for (int i = 0; i < NODES; i++) {
            Duration after = awaitFound(cluster.node(i).nodeUrl(), "Clusterstadt", LATECOMER.idpAlias(), begin);
            found.append(i == 0 ? "" : ", ").append(DemoCluster.nodeName(i)).append(' ')
                    .append(String.format(java.util.Locale.ROOT, "%.1f s", after.toMillis() / 1000.0));
        }
        report.append("## An agency added through node1\n\n- created in ").append(created.toMillis()).append(" ms;")
                .append(" found by discovery (measured from the start of its creation): ").append(found).append("\n\n");
        // Routed: a login of its user through the load balancer, so through any node.
        for (int i = 0; i < NODES; i++) {
            login(cluster.url(), LATECOMER);
        }
    }

    /** Time from {@code since} until the node's discovery search finds the IdP {@code idp} (at most 60 s). */
    private static Duration awaitFound(String nodeUrl, String query, String idp, Instant since) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        HttpClient http = HttpClient.newHttpClient();
        while (true) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(nodeUrl + "/realms/dvc/dvc-discovery/search?q="
                    + query)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && JSON.readTree(response.body()).at("/results").findValuesAsText("idp").contains(idp)) {
                return Duration.between(since, Instant.now());
            }
            assertThat(Instant.now()).as("%s finds %s within 60 s", nodeUrl, idp).isBefore(deadline);
            Thread.sleep(200);
        }
    }

    @Test
    @Order(6)
    void aFullRestartOfAllNodesKeepsSessions() throws Exception {
        BrokeredLogin browser = new BrokeredLogin(new LoginRequest(cluster.url(), LoginLoad.SERVICE_URL), cluster.url());
        DemoAgencies.DemoAgency agency = DemoAgencies.BUND_BMI;
        BrokeredLogin.Outcome outcome = browser.login(agency.idpAlias(), agency.user().username(), agency.user().password(), Map.of());
        String refreshToken = browser.tokenResponse(outcome, DemoFederation.DEMO_CLIENT_SECRET).get("refresh_token").asText();

        Instant begin = Instant.now();
        for (int i = 0; i < NODES; i++) {
            cluster.stop(i);
        }
        for (int i = 0; i < NODES; i++) {
            cluster.restart(i, Duration.ofMinutes(5));
        }
        cluster.awaitClusterView(NODES, Duration.ofMinutes(2));
        report.append("## Full restart\n\n- all ").append(NODES).append(" nodes stopped and started one after the other in ")
                .append(Duration.between(begin, Instant.now()).toSeconds()).append(" s; ");

        assertThat(LoginLoad.rejectedRefreshTokens(cluster.url(), List.of(refreshToken))).as("the session's refresh token").isEmpty();
        boolean sso = browser.again(Map.of()).succeeded();
        report.append("refresh token of a session from before: accepted; single sign-on of its browser: ")
                .append(sso ? "kept" : "lost").append("\n\n");
        assertThat(sso).as("single sign-on after the restart").isTrue();
    }

    @Test
    @Order(7)
    void theAuditTrailOnPostgresqlHoldsEveryNodesChainAndVerifies() throws Exception {
        // DVC's own tables on PostgreSQL: each node start opened a chain of its own; all of them verify.
        String token = operatorToken("cluster.op");

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> verify = http.send(HttpRequest.newBuilder(URI.create(cluster.url() + "/realms/dvc/dvc-audit/verify"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(verify.statusCode()).as(verify.body()).isEqualTo(200);
        JsonNode verdict = JSON.readTree(verify.body());
        assertThat(verdict.get("intact").asBoolean()).as(verify.body()).isTrue();
        List<String> chains = new ArrayList<>();
        verdict.get("chains").forEach(chain -> chains.add(chain.get("chain").asText()));
        // three first starts, three restarts after kills, three after the full restart: nine node chains and the registry
        assertThat(chains.stream().filter(chain -> chain.startsWith("node-"))).hasSizeGreaterThanOrEqualTo(NODES * 2);
        assertThat(chains).contains("registry");

        HttpResponse<String> logins = http.send(HttpRequest.newBuilder(URI.create(cluster.url() + "/realms/dvc/dvc-audit/events?type=login"
                        + "&agency=berlin-senfin&limit=1000&from=" + java.net.URLEncoder.encode(Instant.now().minus(Duration.ofHours(1)).toString(),
                        StandardCharsets.UTF_8))).header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(logins.statusCode()).as(logins.body()).isEqualTo(200);
        int rows = JSON.readTree(logins.body()).get("events").size();
        report.append("## Audit trail on PostgreSQL\n\n- chains: ").append(chains.size()).append(" (")
                .append(chains.stream().filter(chain -> chain.startsWith("node-")).count()).append(" node chains), verified intact; ")
                .append(rows).append(" SenFin login rows in the last hour (first page)\n\n");
        assertThat(rows).isGreaterThan(50);
    }

    @Test
    @Order(8)
    void registrationsLiveInTheirTablesOnPostgresqlAndEveryNodeReadsThem() throws Exception {
        String token = operatorToken("cluster.op");
        HttpClient http = HttpClient.newHttpClient();
        String agency = DemoAgencies.BERLIN_SENFIN.agency().id();

        // Submitted through the load balancer: row, history and domains in PostgreSQL, in the request's transaction.
        String descriptor = new LoginRequest(cluster.url(), LoginLoad.SERVICE_URL)
                .get(cluster.url() + "/realms/agency-berlin-senfin/protocol/saml/descriptor").body();
        String xml = descriptor.replace(cluster.url(), "https://idp.cluster-reg.example");
        String body = JSON.writeValueAsString(Map.of("agency", agency, "alias", "cluster-reg-saml", "protocol", "saml", "metadataXml", xml,
                "domains", List.of("cluster-reg.example"), "profile", "saml-oid", "maxAssurance", "normal"));
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(cluster.url() + "/realms/dvc/dvc-registrations"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        // A registration of the old format (everything in the IdP's configuration) is moved when a node first reads it.
        createOldFormat("cluster-reg-old", "old.cluster-reg.example", agency);

        for (int node = 0; node < NODES; node++) {
            String base = cluster.node(node).nodeUrl() + "/realms/dvc/dvc-registrations";
            JsonNode read = JSON.readTree(get(http, base + "/cluster-reg-saml", token));
            assertThat(read.at("/state").asText()).as("node %d", node).isEqualTo("validated");
            assertThat(read.at("/history/0/action").asText()).isEqualTo("submit");
            assertThat(read.at("/domains/0").asText()).isEqualTo("cluster-reg.example");
            JsonNode moved = JSON.readTree(get(http, base + "/cluster-reg-old", token));
            assertThat(moved.at("/state").asText()).as("node %d", node).isEqualTo("suspended");
            assertThat(moved.at("/historyCount").asInt()).as("moved exactly once, by the first node that read it").isEqualTo(2);
            JsonNode page = JSON.readTree(get(http, base + "?agency=" + agency + "&limit=1", token));
            assertThat(page.at("/total").asInt()).isEqualTo(2);
            assertThat(page.at("/registrations/0/alias").asText()).isEqualTo("cluster-reg-old");
            assertThat(page.at("/next").asText()).isEqualTo("cluster-reg-old");
        }
        // An IdP deleted by an operator takes its registration along.
        admin.realm(DemoFederation.REALM).identityProviders().get("cluster-reg-old").remove();
        JsonNode left = JSON.readTree(get(http, cluster.node(1).nodeUrl() + "/realms/dvc/dvc-registrations?agency=" + agency, token));
        assertThat(left.at("/registrations")).extracting(r -> r.get("alias").asText()).containsExactly("cluster-reg-saml");
        report.append("## Registrations on PostgreSQL\n\n- submitted through the load balancer, an old-format one moved on first "
                + "read; both read identically on all ").append(NODES).append(" nodes; the deleted IdP's registration is gone\n\n");
    }

    /**
     * The upgrade on a cluster: every node starts at once on a database that still holds registrations of the old format.
     * Each node's start moves what it finds (RegistrationMigration.migrateAll, one transaction per registration); where two
     * nodes reach the same one, the database's unique key lets one of them commit, and the other leaves it (or it is moved
     * at its first read). Every registration ends with one row and its history once.
     */
    @Test
    @Order(9)
    void oldFormatRegistrationsMoveExactlyOnceWhenAllNodesStartTogether() throws Exception {
        String agency = DemoAgencies.BUND_BMI.agency().id();
        int count = 24;
        for (int i = 0; i < count; i++) {
            createOldFormat("cluster-upgrade-" + i, "old" + i + ".cluster-upgrade.example", agency);
        }
        long[] logLines = new long[NODES];
        for (int i = 0; i < NODES; i++) {
            cluster.stop(i);
            logLines[i] = Files.readAllLines(cluster.process(i).log()).size();
        }
        java.util.concurrent.ExecutorService starter = java.util.concurrent.Executors.newFixedThreadPool(NODES);
        try {
            List<java.util.concurrent.Future<Object>> starts = new ArrayList<>();
            for (int i = 0; i < NODES; i++) {
                int node = i;
                starts.add(starter.submit(() -> {
                    cluster.restart(node, Duration.ofMinutes(5));
                    return null;
                }));
            }
            for (java.util.concurrent.Future<Object> start : starts) {
                start.get(6, java.util.concurrent.TimeUnit.MINUTES);
            }
        } finally {
            starter.shutdownNow();
        }
        cluster.awaitClusterView(NODES, Duration.ofMinutes(2));
        awaitBalancer();

        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < NODES; i++) {
            List<String> lines = Files.readAllLines(cluster.process(i).log());
            List<String> moves = lines.subList((int) Math.min(logLines[i], lines.size()), lines.size()).stream()
                    .filter(line -> line.contains("of the old format moved") || line.contains("was not moved to DVC's tables now"))
                    .map(line -> line.replaceAll(".*\"message\":\"([^\"]*)\".*", "$1")).toList();
            seen.append("node ").append(i).append(": ").append(moves.isEmpty() ? "found none to move" : String.join("; ", moves)).append(". ");
        }
        String token = operatorToken("cluster.up");
        HttpClient http = HttpClient.newHttpClient();
        for (int node = 0; node < NODES; node++) {
            String base = cluster.node(node).nodeUrl() + "/realms/dvc/dvc-registrations";
            JsonNode page = JSON.readTree(get(http, base + "?agency=" + agency + "&limit=100", token));
            List<String> aliases = new ArrayList<>();
            page.at("/registrations").forEach(r -> aliases.add(r.get("alias").asText()));
            assertThat(aliases.stream().filter(a -> a.startsWith("cluster-upgrade-"))).as("node %d: one row each", node).hasSize(count)
                    .doesNotHaveDuplicates();
            for (int i = 0; i < count; i++) {
                JsonNode moved = JSON.readTree(get(http, base + "/cluster-upgrade-" + i, token));
                assertThat(moved.at("/state").asText()).as("node %d, registration %d", node, i).isEqualTo("suspended");
                assertThat(moved.at("/historyCount").asInt()).as("moved exactly once: node %d, registration %d (%s)", node, i, seen)
                        .isEqualTo(2);
                assertThat(moved.at("/domains/0").asText()).isEqualTo("old" + i + ".cluster-upgrade.example");
            }
        }
        report.append("## Upgrade with every node starting at once\n\n- ").append(count).append(" old-format registrations, all ")
                .append(NODES).append(" nodes stopped and started together; each moved exactly once (one row, its history once), "
                        + "read identically on every node. Start logs: ").append(seen).append("\n\n");
    }

    /**
     * Waits (at most 60 s) until the load balancer answers through every node again: its health checks mark nodes that all
     * started at once as up only after a few intervals.
     */
    private void awaitBalancer() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI probe = URI.create(cluster.url() + "/realms/dvc/.well-known/openid-configuration");
        int inARow = 0;
        for (int i = 0; i < 120 && inARow < 2 * NODES; i++) {
            int status;
            try {
                status = http.send(HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode();
            } catch (IOException e) {
                status = 0;
            }
            inARow = status == 200 ? inARow + 1 : 0;
            if (inARow < 2 * NODES) {
                Thread.sleep(500);
            }
        }
        assertThat(inARow).as("the load balancer answers again").isGreaterThanOrEqualTo(2 * NODES);
    }

    /** A BMI demo user who is a federation operator (realm role), and her registration API token by device grant. */
    private String operatorToken(String username) throws Exception {
        DemoAgencies.DemoUser operator = new DemoAgencies.DemoUser(username, username + "@bmi.bund.example", "Cluster",
                "Operator", "demo", "Betrieb", List.of());
        new de.dvc.iam.demo.AgencyIdpUsers(admin, DemoAgencies.BUND_BMI).ensure(operator);
        ApiTokens.deviceGrant(cluster.url(), LoginLoad.SERVICE_URL, operator.email(), operator.username()); // her first login makes her user
        ApiTokens.grant(admin.realm(DemoFederation.REALM), operator.username(), "dvc-federation-operator", null);
        return ApiTokens.deviceGrant(cluster.url(), LoginLoad.SERVICE_URL, operator.email(), operator.username());
    }

    /** A suspended registration of the old format (everything in the IdP's configuration) with one history entry. */
    private void createOldFormat(String alias, String host, String agency) throws Exception {
        org.keycloak.representations.idm.IdentityProviderRepresentation old = new org.keycloak.representations.idm.IdentityProviderRepresentation();
        old.setAlias(alias);
        old.setProviderId("saml");
        old.setEnabled(true);
        old.setHideOnLogin(true);
        old.setConfig(new java.util.HashMap<>(Map.of("idpEntityId", "https://" + host + "/idp",
                "singleSignOnServiceUrl", "https://" + host + "/sso", "dvc.registration.state", "suspended",
                "dvc.registration.agency", agency, "dvc.registration.domains", host,
                "dvc.registration.history", JSON.writeValueAsString(List.of(Map.of("time", "2026-02-01T08:00:00Z", "action", "submit",
                        "to", "validated", "actor", "admin-z"))))));
        admin.realm(DemoFederation.REALM).identityProviders().create(old).close();
    }

    private static String get(HttpClient http, String url, String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s: %s", url, response.body()).isEqualTo(200);
        return response.body();
    }

    /** Logs the agency's demo user in through {@code serverUrl}; returns the refresh token. */
    private static String login(String serverUrl, DemoAgencies.DemoAgency agency) throws Exception {
        BrokeredLogin browser = new BrokeredLogin(new LoginRequest(serverUrl, LoginLoad.SERVICE_URL), serverUrl);
        BrokeredLogin.Outcome outcome = browser.login(agency.idpAlias(), agency.user().username(), agency.user().password(), Map.of());
        return browser.tokenResponse(outcome, DemoFederation.DEMO_CLIENT_SECRET).get("refresh_token").asText();
    }

    private record Round(Instant at, int node) {
    }

    /** Metadata refresh rounds logged by any node between {@code from} and {@code to}, in time order. */
    private List<Round> rounds(Instant from, Instant to) throws IOException {
        List<Round> rounds = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            for (String line : Files.readAllLines(cluster.process(i).log())) {
                Matcher matcher = ROUND.matcher(line);
                if (matcher.find()) {
                    Instant at = Instant.parse(matcher.group(1));
                    if (!at.isBefore(from) && at.isBefore(to)) {
                        rounds.add(new Round(at, i));
                    }
                }
            }
        }
        rounds.sort(java.util.Comparator.comparing(Round::at));
        return rounds;
    }

    /** The logins of a load around an event at {@code eventAt} (ms on the load's clock). */
    private record Failover(List<Attempt> attempts, long eventAt) {
        static Failover of(List<Attempt> attempts, long eventAt) {
            return new Failover(attempts, eventAt);
        }

        long failedBefore() {
            return attempts.stream().filter(a -> a.endMillis() < eventAt && !a.succeeded()).count();
        }

        long succeededAfter() {
            return attempts.stream().filter(a -> a.startMillis() > eventAt && a.succeeded()).count();
        }

        boolean lastAttemptsSucceeded(int count) {
            List<Attempt> byEnd = attempts.stream().sorted(java.util.Comparator.comparingLong(Attempt::endMillis)).toList();
            return byEnd.size() >= count && byEnd.subList(byEnd.size() - count, byEnd.size()).stream().allMatch(Attempt::succeeded);
        }

        List<String> refreshTokens() {
            return attempts.stream().filter(Attempt::succeeded).map(Attempt::refreshToken).toList();
        }

        String describe() {
            List<Attempt> failed = attempts.stream().filter(a -> !a.succeeded()).toList();
            long after = attempts.stream().filter(a -> a.endMillis() >= eventAt).count();
            long window = failed.stream().mapToLong(Attempt::endMillis).max().orElse(eventAt) - eventAt;
            StringBuilder text = new StringBuilder();
            text.append("- logins: ").append(attempts.size()).append(", failed: ").append(failed.size())
                    .append(" (").append(String.format(java.util.Locale.ROOT, "%.1f", after == 0 ? 0 : 100.0 * failed.size() / after))
                    .append(" % of the ").append(after).append(" that ended after the event)\n");
            attempts.stream().filter(a -> a.startMillis() > eventAt && a.succeeded()).mapToLong(Attempt::endMillis).min()
                    .ifPresent(first -> text.append(String.format(java.util.Locale.ROOT,
                            "- first login started after the event that succeeded: done %.1f s after it%n", (first - eventAt) / 1000.0)));
            text.append("- failover window (event to the end of the last failed login): ")
                    .append(failed.isEmpty() ? "none, no login failed" : String.format(java.util.Locale.ROOT, "%.1f s", window / 1000.0))
                    .append('\n');
            failed.stream().map(Attempt::error).distinct().limit(5).forEach(e -> text.append("  - error: ").append(e).append('\n'));
            return text.toString();
        }
    }

    private JsonNode token(String nodeUrl, Map<String, String> form) throws Exception {
        String basic = Base64.getEncoder().encodeToString((DemoFederation.DEMO_CLIENT_ID + ":" + DemoFederation.DEMO_CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(nodeUrl + "/realms/"
                                + DemoFederation.REALM + "/protocol/openid-connect/token")).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", "Basic " + basic)
                        .POST(HttpRequest.BodyPublishers.ofString(LoginRequest.encode(form))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("token endpoint of %s: %s", nodeUrl, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode userinfo(String nodeUrl, String accessToken) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(nodeUrl + "/realms/"
                        + DemoFederation.REALM + "/protocol/openid-connect/userinfo")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + accessToken).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("userinfo of %s: %s", nodeUrl, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode claims(String jwt) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }
}
