package de.dvc.iam.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.dvc.iam.demo.AgencyIdpUsers;
import de.dvc.iam.demo.DemoAgencies;
import de.dvc.iam.demo.DemoAgencies.DemoUser;
import de.dvc.iam.demo.DemoFederation;
import de.dvc.iam.demo.DvcServer;
import de.dvc.iam.demo.ServerDatabase;
import de.dvc.iam.demo.ServerProcess;
import de.dvc.iam.demo.client.BrokeredLogin;
import de.dvc.iam.demo.client.LoginRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What only time or a change behind the server's back shows, on a server of its own (a retention of one minute
 * would empty the shared federation's trail):
 * <ul>
 *   <li>retention and tamper detection of the audit trail: expired rows are deleted and the deletion is itself a
 *       row; the chain still verifies from its new anchor; a row changed in the database behind the server's back is
 *       found by the operator's verify check, at that row;</li>
 *   <li>an invitation whose time ran out (set back in the database while the server is stopped, as 14 days would)
 *       is refused by its page, and nothing is created.</li>
 * </ul>
 * The demo's agency IdP is not needed for the server's own rows; an operator logs in through the demo's BMI IdP.
 */
class AuditRetentionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DB_USER = "dvc";
    private static final String DB_PASSWORD = "audit-retention-test";
    private static Path state;
    private static int httpPort;
    private static int managementPort;
    private static ServerProcess server;
    private static String serverUrl;
    private static String operatorToken;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        Path work = Path.of(System.getProperty("dvc.work.dir", "target/it-work"));
        Files.createDirectories(work);
        state = Files.createTempDirectory(work, "audit-retention-");
        httpPort = freePort();
        managementPort = freePort();
        server = dvc().start(Duration.ofMinutes(5));
        serverUrl = "http://127.0.0.1:" + httpPort;
        try (Keycloak admin = Keycloak.getInstance(serverUrl, "master", DvcServer.ADMIN_USER, DvcServer.ADMIN_PASSWORD, "admin-cli")) {
            // No demo service runs: its URL only names the redirect target of the demo client.
            new DemoFederation(admin, serverUrl, "http://127.0.0.1:9").apply();
            new AgencyIdpUsers(admin, DemoAgencies.BUND_BMI).ensure(new DemoUser("retention.op", "retention.op@bmi.bund.example",
                    "Ret", "Op", "demo", "X", List.of()));
            operatorToken = ApiTokens.deviceGrant(serverUrl, "http://127.0.0.1:9", "retention.op@bmi.bund.example", "retention.op");
            ApiTokens.grant(admin.realm("dvc"), "retention.op", "dvc-federation-operator", null);
        }
    }

    private static DvcServer dvc() {
        List<String> options = new java.util.ArrayList<>(DvcServer.demoOnlyOptions());
        // Own database credentials, so that the test can open the H2 file while the server is stopped.
        options.addAll(List.of("--db-username=" + DB_USER, "--db-password=" + DB_PASSWORD, "--spi-events-listener--dvc-audit--retention=PT1M",
                "--spi-events-listener--dvc-audit--retention-interval-seconds=5"));
        return new DvcServer(Path.of(System.getProperty("dvc.server.home")), state, httpPort, managementPort, options);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(serverUrl + "/realms/dvc/dvc-audit/" + path))
                .header("Authorization", "Bearer " + operatorToken).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void expiredRowsAreDeletedTheDeletionIsAuditedAndATamperedRowIsFound() throws Exception {
        BrokeredLogin browser = new BrokeredLogin(new LoginRequest(serverUrl, "http://127.0.0.1:9"), serverUrl);
        assertThat(browser.login(DemoAgencies.BUND_BMI.idpAlias(), DemoAgencies.BUND_BMI.user().username(), "demo", Map.of())
                .succeeded()).isTrue();
        JsonNode before = get("verify");
        assertThat(before.get("intact").asBoolean()).as(before.toString()).isTrue();

        // Retention (one minute, checked every 5 s) deletes the rows of the start and of the logins above.
        JsonNode retention = null;
        for (int i = 0; i < 90 && (retention == null || retention.get("events").isEmpty()); i++) {
            Thread.sleep(2000);
            retention = get("events?type=audit&outcome=retention&" + lastYear());
        }
        assertThat(retention.get("events")).as("the deletion is a row of the trail").isNotEmpty();
        assertThat(retention.get("events").get(0).get("reason").asText()).contains("rows older than", "deleted", "anchor");
        JsonNode oldest = get("events?type=login&limit=1000&" + lastYear());
        Instant cutoff = Instant.now().minus(Duration.ofMinutes(1)).minusSeconds(10);
        oldest.get("events").forEach(row -> assertThat(Instant.parse(row.get("time").asText())).isAfter(cutoff));
        JsonNode afterRetention = get("verify");
        assertThat(afterRetention.get("intact").asBoolean()).as("verified from the new anchor: %s", afterRetention).isTrue();

        // A fresh row, then the database is changed behind the server's back.
        Instant beforeLogin = Instant.now().minusSeconds(1);
        assertThat(browser.login(DemoAgencies.BUND_BMI.idpAlias(), DemoAgencies.BUND_BMI.user().username(), "demo", Map.of())
                .succeeded()).isTrue();
        // The login's row is written just after the request; wait (at most 15 s) until it is stored before stopping.
        for (int i = 0; i < 60 && get("events?type=login&from=" + beforeLogin).get("events").isEmpty(); i++) {
            Thread.sleep(250);
        }
        server.close();
        String tampered;
        try (Connection db = ServerDatabase.open(Path.of(System.getProperty("dvc.server.home")), state, DB_USER, DB_PASSWORD);
             Statement sql = db.createStatement()) {
            try (ResultSet row = sql.executeQuery("SELECT ID FROM DVC_AUDIT_EVENT WHERE TYPE = 'login' ORDER BY EVENT_TIME DESC LIMIT 1")) {
                assertThat(row.next()).isTrue();
                tampered = row.getString(1);
            }
            assertThat(sql.executeUpdate("UPDATE DVC_AUDIT_EVENT SET AGENCY = 'berlin-senfin' WHERE ID = '" + tampered + "'")).isEqualTo(1);
            // The registry's tail cut off and its head set back to the row before, as someone without the key would.
            try (ResultSet head = sql.executeQuery("SELECT HEAD_SEQ FROM DVC_AUDIT_CHAIN WHERE CHAIN_ID = 'registry'")) {
                assertThat(head.next()).isTrue();
                long last = head.getLong(1);
                String previous;
                try (ResultSet row = sql.executeQuery("SELECT PREV_HASH FROM DVC_AUDIT_EVENT WHERE CHAIN_ID = 'registry' AND SEQ = " + last)) {
                    assertThat(row.next()).isTrue();
                    previous = row.getString(1);
                }
                sql.executeUpdate("DELETE FROM DVC_AUDIT_EVENT WHERE CHAIN_ID = 'registry' AND SEQ = " + last);
                sql.executeUpdate("UPDATE DVC_AUDIT_CHAIN SET HEAD_SEQ = " + (last - 1) + ", HEAD_HASH = '" + previous
                        + "' WHERE CHAIN_ID = 'registry'");
            }
        }
        server = dvc().start(Duration.ofMinutes(5));
        operatorToken = ApiTokens.deviceGrant(serverUrl, "http://127.0.0.1:9", "retention.op@bmi.bund.example", "retention.op");

        JsonNode verdict = get("verify");
        assertThat(verdict.get("intact").asBoolean()).as(verdict.toString()).isFalse();
        String chain = tampered.substring(0, tampered.lastIndexOf('/'));
        long seq = Long.parseLong(tampered.substring(tampered.lastIndexOf('/') + 1));
        JsonNode broken = null;
        for (JsonNode c : verdict.get("chains")) {
            if (chain.equals(c.get("chain").asText())) {
                broken = c;
            }
        }
        assertThat(broken).as(verdict.toString()).isNotNull();
        assertThat(broken.get("intact").asBoolean()).isFalse();
        assertThat(broken.get("brokenAt").asLong()).isEqualTo(seq);
        assertThat(broken.get("problem").asText()).contains("changed");
        JsonNode registry = null;
        for (JsonNode c : verdict.get("chains")) {
            if ("registry".equals(c.get("chain").asText())) {
                registry = c;
            }
        }
        assertThat(registry).isNotNull();
        assertThat(registry.get("intact").asBoolean()).as("cut tail, head set back: %s", registry).isFalse();
        assertThat(registry.get("problem").asText()).contains("seal");
    }

    @Test
    void anExpiredInvitationIsRefusedAndCreatesNoAccount() throws Exception {
        String agency = "it-ablaufheim";
        String contact = "ines.ablauf@ablaufheim.example";
        assertThat(api("POST", "/dvc-agencies", Map.of("id", agency, "name", "Gemeinde Ablaufheim", "level", "municipal",
                "state", "DE-NI", "contacts", List.of(Map.of("name", "Ines Ablauf", "email", contact)))).statusCode()).isEqualTo(201);
        HttpResponse<String> invited = api("POST", "/dvc-agencies/" + agency + "/invitations", Map.of("email", contact, "name", "Ines Ablauf"));
        assertThat(invited.statusCode()).as(invited.body()).isEqualTo(201);
        String link = JSON.readTree(invited.body()).get("link").asText();
        String id = JSON.readTree(invited.body()).get("id").asText();
        assertThat(http.send(HttpRequest.newBuilder(URI.create(link)).header("Accept-Language", "de").GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("the fresh invitation opens").isEqualTo(200);

        server.close();
        try (Connection db = ServerDatabase.open(Path.of(System.getProperty("dvc.server.home")), state, DB_USER, DB_PASSWORD);
             Statement sql = db.createStatement()) {
            long yesterday = Instant.now().minus(Duration.ofDays(1)).toEpochMilli();
            assertThat(sql.executeUpdate("UPDATE DVC_INVITATION SET EXPIRES_TIME = " + yesterday + " WHERE ID = '" + id + "'")).isEqualTo(1);
        }
        server = dvc().start(Duration.ofMinutes(5));
        operatorToken = ApiTokens.deviceGrant(serverUrl, "http://127.0.0.1:9", "retention.op@bmi.bund.example", "retention.op");

        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(link)).header("Accept-Language", "de").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(410);
        assertThat(page.body()).contains("Diese Einladung ist abgelaufen");
        String form = "password=" + "Ablauf-Passwort-2026" + "&password-confirm=" + "Ablauf-Passwort-2026";
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(link)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as("accepting the expired invitation").isEqualTo(410);
        JsonNode listed = JSON.readTree(api("GET", "/dvc-agencies/" + agency + "/invitations", null).body());
        assertThat(listed.toString()).contains("\"status\":\"expired\"");
        JsonNode agencyView = JSON.readTree(api("GET", "/dvc-agencies/" + agency, null).body());
        assertThat(agencyView.get("localAdmins")).as("no account was created: %s", agencyView).isEmpty();
    }

    private HttpResponse<String> api(String method, String path, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(serverUrl + "/realms/dvc" + path))
                .header("Authorization", "Bearer " + operatorToken).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String lastYear() {
        return "from=" + Instant.now().minus(Duration.ofDays(300)) + "&to=" + Instant.now().plusSeconds(60);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
