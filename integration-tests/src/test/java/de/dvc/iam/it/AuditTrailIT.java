package de.dvc.iam.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.dvc.iam.demo.AgencyIdpUsers;
import de.dvc.iam.demo.DemoAgencies;
import de.dvc.iam.demo.DemoAgencies.DemoUser;
import de.dvc.iam.demo.DemoFederation;
import de.dvc.iam.demo.client.BrokeredLogin;
import de.dvc.iam.demo.client.LoginRequest;
import de.dvc.iam.it.RunningFederation.Federation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.resource.RealmResource;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail as data on the real server: logins, tokens and registration actions are rows; operators
 * query everything, agency admins their own agency only; paging, CSV, clear errors, and the hash chain
 * verifies intact. (Tampering and retention: {@link AuditRetentionIT}, on a server of its own.)
 */
@ExtendWith(RunningFederation.class)
class AuditTrailIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DemoUser AUDITED = new DemoUser("audit.anna", "audit.anna@senfin.berlin.example", "Anna", "Audit", "demo",
            "Referat Revision", List.of("Revision"));
    private static String operatorToken;
    private static String adminToken;
    private static String plainToken;
    private static Instant start;

    private final Federation federation;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    AuditTrailIT(Federation federation) {
        this.federation = federation;
    }

    @BeforeAll
    static void people(Federation federation) throws Exception {
        start = Instant.now().minusSeconds(5);
        RealmResource dvc = federation.admin().realm("dvc");
        AgencyIdpUsers bmi = new AgencyIdpUsers(federation.admin(), DemoAgencies.BUND_BMI);
        for (String name : List.of("audit.op", "audit.admin", "audit.plain")) {
            bmi.ensure(new DemoUser(name, name + "@bmi.bund.example", "Audit", name, "demo", "X", List.of()));
        }
        operatorToken = token(federation, "audit.op");
        adminToken = token(federation, "audit.admin");
        plainToken = token(federation, "audit.plain");
        ApiTokens.grant(dvc, "audit.op", "dvc-federation-operator", null);
        ApiTokens.grant(dvc, "audit.admin", "dvc-agency-admin", DemoAgencies.BERLIN_SENFIN.agency().id());
        new AgencyIdpUsers(federation.admin(), DemoAgencies.BERLIN_SENFIN).ensure(AUDITED);
    }

    private static String token(Federation federation, String user) throws Exception {
        return ApiTokens.deviceGrant(federation.serverUrl(), federation.serviceUrl(), user + "@bmi.bund.example", user);
    }

    private record Answer(int status, String contentType, String body) {
        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }
    }

    private Answer get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(federation.serverUrl() + "/realms/dvc/dvc-audit/" + path))
                .timeout(Duration.ofSeconds(60)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    private static String since() {
        return "from=" + URLEncoder.encode(start.toString(), StandardCharsets.UTF_8);
    }

    /** The rows of a query, polled up to 15 s until {@code enough} of them are there (rows are written just after the login). */
    private List<JsonNode> rows(String query, String token, int enough) throws Exception {
        List<JsonNode> rows = List.of();
        for (int i = 0; i < 60 && rows.size() < enough; i++) {
            if (i > 0) {
                Thread.sleep(250);
            }
            Answer answer = get("events?" + query, token);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            rows = StreamSupport.stream(answer.json().get("events").spliterator(), false).toList();
        }
        return rows;
    }

    private String loginAsAudited() throws Exception {
        BrokeredLogin browser = new BrokeredLogin(new LoginRequest(federation.serverUrl(), federation.serviceUrl()), federation.serverUrl());
        return browser.tokenResponse(browser.login(DemoAgencies.BERLIN_SENFIN.idpAlias(), AUDITED.username(), "demo", Map.of()),
                DemoFederation.DEMO_CLIENT_SECRET).get("access_token").asText();
    }

    @Test
    void aLoginAndItsTokensAreRowsThatTheOperatorSees() throws Exception {
        loginAsAudited();

        List<JsonNode> logins = rows(since() + "&type=login&agency=berlin-senfin&service=" + DemoFederation.DEMO_CLIENT_ID, operatorToken, 1);
        assertThat(logins).isNotEmpty();
        JsonNode login = logins.get(0);
        assertThat(login.get("idp").asText()).isEqualTo(DemoAgencies.BERLIN_SENFIN.idpAlias());
        assertThat(login.get("outcome").asText()).isEqualTo("success");
        assertThat(login.get("acr").asText()).isEqualTo("normal");
        assertThat(login.get("user").asText()).as("pseudonym, not the user id").startsWith("p-");
        assertThat(login.has("agencyUser")).as("the agency's own id of the user").isTrue();
        assertThat(login.get("hash").asText()).hasSize(64);
        assertThat(login.toString()).doesNotContain(AUDITED.email(), AUDITED.lastName());

        List<JsonNode> tokens = rows(since() + "&type=token&agency=berlin-senfin&user=" + login.get("user").asText(), operatorToken, 1);
        assertThat(tokens).as("the code exchange of the login issued tokens to the demo service").isNotEmpty()
                .allSatisfy(t -> assertThat(t.get("service").asText()).isEqualTo(DemoFederation.DEMO_CLIENT_ID));
    }

    @Test
    void agencyAdminsSeeTheirOwnAgencyOnly() throws Exception {
        loginAsAudited();
        // A login of another agency, which the SenFin admin must not see.
        BrokeredLogin browser = new BrokeredLogin(new LoginRequest(federation.serverUrl(), federation.serviceUrl()), federation.serverUrl());
        browser.login(DemoAgencies.BUND_BMI.idpAlias(), "audit.plain", "demo", Map.of());
        assertThat(rows(since() + "&type=login&agency=bund-bmi", operatorToken, 1)).isNotEmpty();

        List<JsonNode> own = rows(since() + "&type=login", adminToken, 1);
        assertThat(own).isNotEmpty().allSatisfy(row -> assertThat(row.get("agency").asText()).isEqualTo("berlin-senfin"));

        Answer foreign = get("events?" + since() + "&agency=bund-bmi", adminToken);
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.json().get("message").asText()).contains("berlin-senfin");
        assertThat(get("events?" + since(), plainToken).status()).as("neither operator nor agency admin").isEqualTo(403);
        assertThat(get("events", null).status()).isEqualTo(401);
        assertThat(get("events", loginAsAudited()).status()).as("a cloud service's token").isEqualTo(401);
        assertThat(get("verify", adminToken).status()).as("only operators verify").isEqualTo(403);
    }

    @Test
    void pagesCsvAndClearErrors() throws Exception {
        loginAsAudited();
        loginAsAudited();
        rows(since() + "&agency=berlin-senfin", operatorToken, 3);

        JsonNode first = get("events?" + since() + "&agency=berlin-senfin&limit=1", operatorToken).json();
        assertThat(first.get("events")).hasSize(1);
        String cursor = first.get("nextCursor").asText();
        JsonNode second = get("events?" + since() + "&agency=berlin-senfin&limit=1&cursor=" + cursor, operatorToken).json();
        assertThat(second.get("events")).hasSize(1);
        JsonNode a = first.get("events").get(0);
        JsonNode b = second.get("events").get(0);
        assertThat(b.get("id").asText()).isNotEqualTo(a.get("id").asText());
        assertThat(Instant.parse(b.get("time").asText())).isBeforeOrEqualTo(Instant.parse(a.get("time").asText()));

        Answer csv = get("events?" + since() + "&agency=berlin-senfin&format=csv&limit=5", operatorToken);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).startsWith("time,type,outcome,");
        assertThat(lines).hasSizeBetween(2, 6);
        assertThat(lines[1]).contains(",berlin-senfin,");

        for (Map.Entry<String, String> bad : Map.of("from=yesterday", "invalid_from", "limit=5000", "invalid_limit",
                "type=everything", "invalid_type", "cursor=%25%25%25", "invalid_cursor",
                "from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "invalid_from").entrySet()) {
            Answer answer = get("events?" + bad.getKey(), operatorToken);
            assertThat(answer.status()).as(bad.getKey()).isEqualTo(400);
            assertThat(answer.json().get("error").asText()).as(bad.getKey()).isEqualTo(bad.getValue());
            assertThat(answer.body()).doesNotContain("Exception", "\tat ");
        }
    }

    @Test
    void theNodeChainIsRecordedAndAllChainsVerify() throws Exception {
        // (Registration actions as rows: RegistrationApiIT, where registrations are submitted and approved.)
        List<JsonNode> opened = rows("from=" + URLEncoder.encode(Instant.now().minus(Duration.ofHours(2)).toString(),
                StandardCharsets.UTF_8) + "&type=audit&outcome=chain-opened", operatorToken, 1);
        assertThat(opened).as("the node's chain was opened at start").isNotEmpty();
        assertThat(opened.get(0).get("reason").asText()).startsWith("node-");

        JsonNode verdict = get("verify", operatorToken).json();
        assertThat(verdict.get("intact").asBoolean()).as(verdict.toString()).isTrue();
        List<String> chains = new ArrayList<>();
        verdict.get("chains").forEach(chain -> chains.add(chain.get("chain").asText()));
        assertThat(chains).contains("registry", opened.get(0).get("reason").asText());
    }
}
