package de.dvc.iam.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.dvc.iam.core.agency.Agency;
import de.dvc.iam.core.agency.AgencyAttributes;
import de.dvc.iam.core.agency.AgencyLevel;
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
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.OrganizationDomainRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agency self-service registration API on the real server: an agency admin (a user of her
 * agency, logged in through its IdP) registers a SAML IdP by metadata XML and gets a validation
 * report; bad input is refused with a report and leaves nothing behind; outbound fetches to internal
 * addresses are refused; who may do what; the lifecycle's four eyes.
 */
@ExtendWith(RunningFederation.class)
class RegistrationApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AGENCY = "it-registeramt";
    private static final Agency REGISTERAMT = Agency.builder(AGENCY, "Registeramt für Integrationstests", AgencyLevel.OTHER).build();
    private static final DemoUser RITA = new DemoUser("rita.register", "rita.register@registeramt.example", "Rita", "Register",
            "demo", "Registratur", List.of("Registrierung"));
    private static String adminToken;
    private static String foreignAdminToken;
    private static String operatorToken;
    private static String secondOperatorToken;
    private static String plainUserToken;
    private static String metadataXml;

    private final Federation federation;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    RegistrationApiIT(Federation federation) {
        this.federation = federation;
    }

    @BeforeAll
    static void people(Federation federation) throws Exception {
        RealmResource dvc = federation.admin().realm("dvc");
        if (dvc.organizations().search(REGISTERAMT.name(), true, 0, 1).isEmpty()) {
            OrganizationRepresentation org = new OrganizationRepresentation();
            org.setAlias(AGENCY);
            org.setName(REGISTERAMT.name());
            org.setEnabled(true);
            org.setAttributes(AgencyAttributes.toAttributes(REGISTERAMT));
            org.addDomain(new OrganizationDomainRepresentation("registeramt.example"));
            dvc.organizations().create(org).close();
        }
        AgencyIdpUsers bmi = new AgencyIdpUsers(federation.admin(), DemoAgencies.BUND_BMI);
        for (String name : List.of("reg.admin", "reg.foreign", "reg.op1", "reg.op2", "reg.plain")) {
            bmi.ensure(new DemoUser(name, name + "@bmi.bund.example", "Reg", name, "demo", "X", List.of()));
        }
        adminToken = token(federation, "reg.admin");
        foreignAdminToken = token(federation, "reg.foreign");
        operatorToken = token(federation, "reg.op1");
        secondOperatorToken = token(federation, "reg.op2");
        plainUserToken = token(federation, "reg.plain");
        ApiTokens.grant(dvc, "reg.admin", "dvc-agency-admin", AGENCY);
        ApiTokens.grant(dvc, "reg.foreign", "dvc-agency-admin", "bund-bmi");
        ApiTokens.grant(dvc, "reg.op1", "dvc-federation-operator", null);
        ApiTokens.grant(dvc, "reg.op2", "dvc-federation-operator", null);
        // Real metadata of the SAML agency IdP, moved to https:// endpoints and its own entityID.
        String descriptor = new String(new LoginRequest(federation.serverUrl(), federation.serviceUrl())
                .get(federation.serverUrl() + "/realms/agency-berlin-senfin/protocol/saml/descriptor").body().getBytes());
        metadataXml = descriptor.replace(federation.serverUrl(), "https://idp.registeramt.example");
    }

    private static String token(Federation federation, String user) throws Exception {
        return ApiTokens.deviceGrant(federation.serverUrl(), federation.serviceUrl(), user + "@bmi.bund.example", user);
    }

    /** A token the demo service holds for {@code user}: a cloud service's token, which the API must refuse. */
    private static String serviceToken(Federation federation, String user) throws Exception {
        BrokeredLogin browser = new BrokeredLogin(new LoginRequest(federation.serverUrl(), federation.serviceUrl()), federation.serverUrl());
        return browser.tokenResponse(browser.login("bund-bmi", user, "demo", Map.of()), DemoFederation.DEMO_CLIENT_SECRET)
                .get("access_token").asText();
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer call(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(federation.serverUrl() + "/realms/dvc/dvc-registrations" + path))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
    }

    private static Map<String, Object> saml(String alias, String xml) {
        return Map.of("agency", AGENCY, "alias", alias, "protocol", "saml", "metadataXml", xml,
                "domains", List.of("registeramt.example"), "profile", "saml-oid", "maxAssurance", "normal");
    }

    private boolean idpExists(String alias) {
        return federation.admin().realm("dvc").identityProviders().findAll().stream().anyMatch(i -> alias.equals(i.getAlias()));
    }

    @Test
    void tokensThatACloudServiceHoldsAdministerNothing() throws Exception {
        // A service's token of an operator and of an agency admin (tokens a service may leak): refused, nothing changes.
        for (String user : List.of("reg.op1", "reg.admin")) {
            String leaked = serviceToken(federation, user);
            Answer list = call("GET", "", leaked, null);
            assertThat(list.status()).as(user).isEqualTo(401);
            assertThat(list.body().get("error").asText()).isEqualTo("invalid_token");
            assertThat(list.body().get("message").asText()).contains("dvc-registration-cli");
            Answer submit = call("POST", "", leaked, Map.of("agency", AGENCY, "alias", "it-leaked-" + user.replace('.', '-'),
                    "protocol", "saml", "metadataXml", metadataXml, "domains", List.of("registeramt.example"), "profile", "saml-oid"));
            assertThat(submit.status()).as(user).isEqualTo(401);
            assertThat(federation.admin().realm("dvc").identityProviders().findAll()).extracting(i -> i.getAlias())
                    .doesNotContain("it-leaked-" + user.replace('.', '-'));
            assertThat(call("PUT", "/it-leaked/directory", leaked, Map.of("directory", Map.of())).status()).as(user + " PUT …/directory")
                    .isEqualTo(401);
            // The agency API takes the same tokens only: no agency, no invitation from a leaked token.
            for (String[] request : List.of(new String[] {"GET", ""}, new String[] {"POST", ""}, new String[] {"GET", "/" + AGENCY},
                    new String[] {"POST", "/" + AGENCY + "/invitations"}, new String[] {"POST", "/" + AGENCY + "/admins/none/second-factor-reset"})) {
                HttpResponse<String> agencies = http.send(HttpRequest.newBuilder(URI.create(federation.serverUrl() + "/realms/dvc/dvc-agencies"
                                + request[1])).header("Authorization", "Bearer " + leaked).header("Content-Type", "application/json")
                        .method(request[0], request[0].equals("POST") ? HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                                "id", "it-leaked", "name", "Leak", "level", "other", "email", "leak@registeramt.example",
                                "contacts", List.of(Map.of("name", "L", "email", "leak@registeramt.example")))))
                                : HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(agencies.statusCode()).as(user + " " + request[0] + " dvc-agencies" + request[1]).isEqualTo(401);
            }
            assertThat(federation.admin().realm("dvc").organizations().search("Leak", true, 0, 1)).isEmpty();
        }
    }

    @Test
    void operatorPowerNeedsALoginThroughAnOperatorIdp() throws Exception {
        // Anna logs in through SenFin's IdP, which is not an operator IdP: the operator role alone gives her nothing.
        DemoUser anna = DemoAgencies.BERLIN_SENFIN.user();
        String token = ApiTokens.deviceGrant(federation.serverUrl(), federation.serviceUrl(), anna.email(), anna.username());
        RealmResource dvc = federation.admin().realm("dvc");
        UserRepresentation user = dvc.users().search("berlin-senfin.", 0, 1000).stream()
                .filter(u -> anna.email().equals(u.getEmail())).findFirst().orElseThrow();
        dvc.users().get(user.getId()).roles().realmLevel().add(List.of(dvc.roles().get("dvc-federation-operator").toRepresentation()));
        try {
            Answer list = call("GET", "", token, null);
            assertThat(list.status()).isEqualTo(403);
            assertThat(list.body().get("error").asText()).isEqualTo("operator_login_required");
        } finally {
            dvc.users().get(user.getId()).roles().realmLevel().remove(List.of(dvc.roles().get("dvc-federation-operator").toRepresentation()));
        }
    }

    @Test
    void aJsonNullBodyIsAClearError() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(federation.serverUrl() + "/realms/dvc/dvc-registrations"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json").header("Authorization", "Bearer " + adminToken)
                .POST(HttpRequest.BodyPublishers.ofString("null")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("invalid_request").doesNotContain("Exception", "at org.");
    }

    @Test
    void anAgencyAdminRegistersASamlIdpAndGetsAReport() throws Exception {
        Answer created = call("POST", "", adminToken, saml("it-registeramt-saml", metadataXml));

        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        assertThat(created.body().at("/state").asText()).isEqualTo("validated");
        assertThat(created.body().at("/testLogin").asText()).as("sandbox only until approved")
                .contains("client_id=dvc-registration-sandbox", "kc_idp_hint=it-registeramt-saml");
        assertThat(created.body().at("/report/valid").asBoolean()).isTrue();
        assertThat(created.body().at("/report/findings")).extracting(f -> f.get("code").asText())
                .contains("key_rsa_2048", "domain_not_proven");
        assertThat(created.body().at("/report/text").asText()).as("the same report for people")
                .contains("WARNING key_rsa_2048: ", " Fix: ");
        assertThat(created.body().at("/history/0/action").asText()).isEqualTo("submit");
        var idp = federation.admin().realm("dvc").identityProviders().get("it-registeramt-saml");
        assertThat(idp.toRepresentation().isHideOnLogin()).isTrue();
        assertThat(idp.getMappers()).extracting(m -> m.getIdentityProviderMapper()).contains("dvc-agency-profile");

        Answer read = call("GET", "/it-registeramt-saml", adminToken, null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().at("/agency").asText()).isEqualTo(AGENCY);
        assertThat(call("GET", "", adminToken, null).body().at("/registrations")).extracting(r -> r.get("alias").asText())
                .contains("it-registeramt-saml");
    }

    @Test
    void badInputIsRefusedWithAReportAndLeavesNothingBehind() throws Exception {
        String doctype = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>" + metadataXml
                .substring(metadataXml.indexOf("<md:EntityDescriptor") >= 0 ? metadataXml.indexOf("<md:EntityDescriptor") : metadataXml.indexOf("<"));
        Answer xxe = call("POST", "", adminToken, saml("it-registeramt-xxe", doctype));
        Answer http = call("POST", "", adminToken, saml("it-registeramt-http", metadataXml.replace("https://idp.registeramt.example", "http://idp.registeramt.example")));
        Answer notJson = callRaw("{not json", adminToken);
        Answer missing = call("POST", "", adminToken, Map.of("agency", AGENCY, "protocol", "saml"));
        // Keycloak's own metadata with a misspelt attribute: only the OASIS schema (loaded in the server) catches it.
        Answer schema = call("POST", "", adminToken, saml("it-registeramt-schema",
                metadataXml.replaceFirst("<md:SingleSignOnService Binding=", "<md:SingleSignOnService Bindung=")));

        assertThat(xxe.status()).isEqualTo(422);
        assertThat(xxe.body().at("/report/findings")).extracting(f -> f.get("code").asText()).contains("xml_doctype");
        assertThat(http.status()).isEqualTo(422);
        assertThat(http.body().at("/report/findings")).extracting(f -> f.get("code").asText()).contains("endpoint_not_https");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().at("/fields/metadataUrl").asText()).as("the problem at its field").contains("URL of your IdP's SAML metadata");
        assertThat(schema.status()).as("%s", schema.body()).isEqualTo(422);
        assertThat(schema.body().at("/report/findings")).filteredOn(f -> f.get("code").asText().equals("schema_invalid"))
                .extracting(f -> f.get("message").asText()).anyMatch(m -> m.contains("Binding"));
        assertThat(idpExists("it-registeramt-xxe") || idpExists("it-registeramt-http") || idpExists("it-registeramt-schema"))
                .as("nothing stored").isFalse();
    }

    @Test
    void fetchesNeverReachInternalAddresses() throws Exception {
        for (String url : List.of("https://127.0.0.1/metadata", "https://169.254.169.254/latest/meta-data/",
                "https://10.0.0.1/metadata", "http://idp.registeramt.example/metadata", "file:///etc/passwd")) {
            Answer answer = call("POST", "", adminToken, Map.of("agency", AGENCY, "alias", "it-registeramt-fetch", "protocol", "saml",
                    "metadataUrl", url, "domains", List.of("registeramt.example")));
            assertThat(answer.status()).as(url).isEqualTo(422);
            assertThat(answer.body().at("/report/findings/1/code").asText()).as(url).isEqualTo("metadata_unreachable");
        }
        // Names that resolve to internal addresses (a rebinding or misconfigured DNS) are refused alike.
        federation.dns().publishA("loopback.registeramt.example", "127.0.0.1");
        federation.dns().publishA("intranet.registeramt.example", "10.20.30.40");
        for (String host : List.of("loopback.registeramt.example", "intranet.registeramt.example")) {
            Answer answer = call("POST", "", adminToken, Map.of("agency", AGENCY, "alias", "it-registeramt-fetch", "protocol", "saml",
                    "metadataUrl", "https://" + host + "/metadata", "domains", List.of("registeramt.example")));
            assertThat(answer.status()).as(host).isEqualTo(422);
            assertThat(answer.body().at("/report/findings/1/message").asText()).as(host).contains(host, "only from public addresses");
        }
        Answer oidc = call("POST", "", adminToken, Map.of("agency", AGENCY, "alias", "it-registeramt-oidc", "protocol", "oidc",
                "issuer", federation.serverUrl() + "/realms/agency-bund-bmi", "clientId", "x", "clientSecret", "y",
                "domains", List.of("registeramt.example")));
        assertThat(oidc.status()).isEqualTo(422);
        assertThat(oidc.body().at("/report/findings")).extracting(f -> f.get("code").asText()).contains("discovery_unreachable");
        assertThat(idpExists("it-registeramt-fetch") || idpExists("it-registeramt-oidc")).isFalse();
    }

    @Test
    void whoMayDoWhat() throws Exception {
        call("POST", "", adminToken, saml("it-registeramt-matrix", metadataXml.replace("https://idp.registeramt.example",
                "https://idp2.registeramt.example")));

        assertThat(call("GET", "", null, null).status()).as("no token").isEqualTo(401);
        assertThat(call("POST", "", "not-a-token", saml("x-y", metadataXml)).status()).isEqualTo(401);
        assertThat(call("POST", "", plainUserToken, saml("it-registeramt-plain", metadataXml)).status()).isEqualTo(403);
        assertThat(call("GET", "", plainUserToken, null).status()).isEqualTo(403);
        assertThat(call("POST", "", foreignAdminToken, saml("it-registeramt-foreign", metadataXml)).status())
                .as("admin of another agency").isEqualTo(403);
        assertThat(call("GET", "/it-registeramt-matrix", foreignAdminToken, null).status()).as("foreign: as if missing").isEqualTo(404);
        assertThat(call("GET", "", foreignAdminToken, null).body().at("/registrations")).extracting(r -> r.get("alias").asText())
                .doesNotContain("it-registeramt-matrix");
        assertThat(transition("it-registeramt-matrix", adminToken, "approve").status()).as("admins do not approve").isEqualTo(403);
        assertThat(transition("it-registeramt-matrix", operatorToken, "approve").status()).as("not tested yet").isEqualTo(409);
        assertThat(transition("it-registeramt-matrix", operatorToken, "suspend").status()).isEqualTo(409);
        assertThat(call("GET", "/it-registeramt-matrix", operatorToken, null).status()).as("operators read all").isEqualTo(200);
        assertThat(transition("it-registeramt-matrix", foreignAdminToken, "withdraw").status()).isEqualTo(404);

        Answer withdrawn = transition("it-registeramt-matrix", adminToken, "withdraw");
        assertThat(withdrawn.status()).isEqualTo(200);
        assertThat(withdrawn.body().at("/state").asText()).isEqualTo("retired");
        assertThat(withdrawn.body().at("/history/1/action").asText()).isEqualTo("withdraw");
        assertThat(transition("it-registeramt-matrix", secondOperatorToken, "retire").status()).as("final").isEqualTo(409);
    }

    @Test
    void theListPagesAndFiltersThroughTheRegistrationTable() throws Exception {
        List<String> aliases = List.of("it-page-1", "it-page-2", "it-page-3", "it-page-4", "it-page-5");
        for (String alias : aliases) {
            Answer created = call("POST", "", adminToken, saml(alias, metadataXml.replace("https://idp.registeramt.example",
                    "https://" + alias + ".registeramt.example")));
            assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        }
        // Page through the agency's validated registrations, two at a time: every one exactly once, in alias order.
        List<String> seen = new java.util.ArrayList<>();
        List<String> pages = new java.util.ArrayList<>();
        String after = null;
        long total = -1;
        for (int page = 0; page < 50; page++) { // bounded
            Answer answer = call("GET", "?agency=" + AGENCY + "&state=validated&limit=2" + (after == null ? "" : "&after=" + after), adminToken, null);
            assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
            assertThat(answer.body().at("/registrations").size()).isLessThanOrEqualTo(2);
            answer.body().at("/registrations").forEach(r -> seen.add(r.get("alias").asText()));
            pages.add("after=" + after + " → " + answer.body().at("/registrations").findValuesAsText("alias") + " next=" + answer.body().at("/next"));
            total = answer.body().at("/total").asLong();
            after = answer.body().hasNonNull("next") ? answer.body().get("next").asText() : null; // absent on the last page
            if (after == null) {
                break;
            }
        }
        assertThat(seen).as("stable alias order, no repeats: %s", pages).isSorted().doesNotHaveDuplicates().containsAll(aliases);
        assertThat(total).as("the total of the filter, on every page").isEqualTo(seen.size());

        String entityId = call("GET", "/it-page-3", adminToken, null).body().at("/entityId").asText();
        assertThat(entityId).contains("it-page-3.registeramt.example");
        JsonNode byEntity = call("GET", "?entityId=" + java.net.URLEncoder.encode(entityId, java.nio.charset.StandardCharsets.UTF_8), adminToken, null).body();
        assertThat(byEntity.at("/registrations")).extracting(r -> r.get("alias").asText()).containsExactly("it-page-3");
        assertThat(call("GET", "?domain=registeramt.example&state=validated", operatorToken, null).body().at("/registrations"))
                .extracting(r -> r.get("alias").asText()).containsAll(aliases);
        assertThat(call("GET", "?protocol=oidc&agency=" + AGENCY, operatorToken, null).body().at("/registrations"))
                .extracting(r -> r.get("alias").asText()).doesNotContainAnyElementsOf(aliases);
        assertThat(call("GET", "?refreshFailing=true", operatorToken, null).body().at("/registrations"))
                .extracting(r -> r.get("alias").asText()).doesNotContainAnyElementsOf(aliases);
        assertThat(call("GET", "?agency=" + AGENCY, foreignAdminToken, null).body().at("/total").asLong())
                .as("another agency's admin finds nothing of it, filter or not").isZero();

        Answer badLimit = call("GET", "?limit=0", adminToken, null);
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.body().at("/message").asText()).contains("limit is 1 to 500");
        assertThat(call("GET", "?state=bogus", adminToken, null).body().at("/message").asText()).contains("state is one of");
        assertThat(call("GET", "?certificateExpiresWithinDays=soon", adminToken, null).status()).isEqualTo(400);
    }

    @Test
    void aRegistrationOfTheOldFormatMovesToItsTablesWithEverything() throws Exception {
        // What a server before the upgrade stored: the whole registration in the IdP's configuration.
        org.keycloak.representations.idm.IdentityProviderRepresentation old = new org.keycloak.representations.idm.IdentityProviderRepresentation();
        old.setAlias("it-old-format");
        old.setProviderId("saml");
        old.setEnabled(true);
        old.setHideOnLogin(true);
        String history = JSON.writeValueAsString(List.of(
                Map.of("time", "2026-03-01T10:00:00Z", "action", "submit", "to", "validated", "actor", "admin-x", "reason", "validation passed"),
                Map.of("time", "2026-03-02T10:00:00Z", "action", "confirm-test", "from", "validated", "to", "tested", "actor", "sandbox login"),
                Map.of("time", "2026-03-03T10:00:00Z", "action", "prove-domain", "actor", "admin-x", "reason", "registeramt.example proven by DNS TXT"),
                Map.of("time", "2026-03-04T10:00:00Z", "action", "approve", "from", "tested", "to", "active", "actor", "operator-y")));
        Map<String, String> config = new java.util.HashMap<>(Map.of("idpEntityId", "https://old.registeramt.example/idp",
                "singleSignOnServiceUrl", "https://old.registeramt.example/sso",
                "dvc.registration.state", "active", "dvc.registration.agency", AGENCY, "dvc.registration.submitter", "admin-x",
                "dvc.registration.source", "metadata XML", "dvc.registration.domains", "registeramt.example,old.registeramt.example",
                "dvc.registration.domain-token", "old-token-0123456789abcdef", "dvc.registration.domains-proven", "registeramt.example"));
        config.putAll(Map.of("dvc.registration.report", "{\"valid\":true,\"findings\":[]}", "dvc.registration.history", history,
                "dvc.registration.refresh-failures", "2", "dvc.registration.refresh-last", "2026-03-05T10:00:00Z failed metadata_unreachable",
                "dvc.registration.key-change-pending", "true"));
        old.setConfig(config);
        federation.admin().realm("dvc").identityProviders().create(old).close();

        Answer read = call("GET", "/it-old-format", adminToken, null);

        assertThat(read.status()).as("%s", read.body()).isEqualTo(200);
        JsonNode moved = read.body();
        assertThat(moved.at("/state").asText()).isEqualTo("active");
        assertThat(moved.at("/agency").asText()).isEqualTo(AGENCY);
        assertThat(moved.at("/submitter").asText()).isEqualTo("admin-x");
        assertThat(moved.at("/entityId").asText()).isEqualTo("https://old.registeramt.example/idp");
        assertThat(moved.at("/domains")).extracting(JsonNode::asText).containsExactly("registeramt.example", "old.registeramt.example");
        assertThat(moved.at("/domainProofs")).extracting(p -> p.get("domain").asText() + "=" + p.get("proven").asBoolean())
                .containsExactly("registeramt.example=true", "old.registeramt.example=false");
        assertThat(moved.at("/domainProofs/0/txtValue").asText()).as("the agency's published token stays valid").contains("old-token-0123456789abcdef");
        assertThat(moved.at("/history")).extracting(h -> h.get("time").asText() + " " + h.get("action").asText())
                .startsWith("2026-03-01T10:00:00Z submit", "2026-03-02T10:00:00Z confirm-test", "2026-03-03T10:00:00Z prove-domain",
                        "2026-03-04T10:00:00Z approve");
        assertThat(moved.at("/history/4/action").asText()).isEqualTo("migrate");
        assertThat(moved.at("/history/3/from").asText() + "→" + moved.at("/history/3/to").asText()).isEqualTo("tested→active");
        assertThat(moved.at("/lastRefresh").asText()).isEqualTo("2026-03-05T10:00:00Z failed metadata_unreachable");
        assertThat(moved.at("/refreshFailures").asInt()).isEqualTo(2);
        assertThat(moved.at("/keyChangePending").asBoolean()).isTrue();
        assertThat(moved.at("/report/valid").asBoolean()).isTrue();
        assertThat(moved.at("/trust/assertableDomains")).extracting(JsonNode::asText).containsExactly("registeramt.example");

        // The IdP keeps only what a login reads; the rest lives in DVC's tables and is found through them.
        Map<String, String> left = federation.admin().realm("dvc").identityProviders().get("it-old-format").toRepresentation().getConfig();
        assertThat(left).containsEntry("dvc.registration.state", "active")
                .containsEntry("dvc.registration.assertable-domains", "registeramt.example")
                .doesNotContainKeys("dvc.registration.history", "dvc.registration.report", "dvc.registration.agency",
                        "dvc.registration.domains-proven", "dvc.registration.refresh-last", "dvc.registration.key-change-pending");
        assertThat(call("GET", "?domain=old.registeramt.example", operatorToken, null).body().at("/registrations"))
                .extracting(r -> r.get("alias").asText()).containsExactly("it-old-format");
        assertThat(call("GET", "/it-old-format", adminToken, null).body().at("/historyCount").asInt()).as("moved once").isEqualTo(5);
    }

    @Test
    void anOldFormatRegistrationWithUnreadableHistoryOrRepeatedDomainsMovesWithNothingLost() throws Exception {
        org.keycloak.representations.idm.IdentityProviderRepresentation old = new org.keycloak.representations.idm.IdentityProviderRepresentation();
        old.setAlias("it-old-broken");
        old.setProviderId("saml");
        old.setEnabled(true);
        old.setHideOnLogin(true);
        old.setConfig(new java.util.HashMap<>(Map.of("idpEntityId", "https://broken.registeramt.example/idp",
                "singleSignOnServiceUrl", "https://broken.registeramt.example/sso",
                "dvc.registration.state", "validated", "dvc.registration.agency", AGENCY, "dvc.registration.submitter", "admin-x",
                "dvc.registration.domains", "Registeramt.example,registeramt.example, broken.registeramt.example",
                "dvc.registration.history", "[{\"time\": \"2026-03-01T10:00:00Z\", \"action\": ")));
        federation.admin().realm("dvc").identityProviders().create(old).close();

        Answer read = call("GET", "/it-old-broken", adminToken, null);

        assertThat(read.status()).as("%s", read.body()).isEqualTo(200);
        assertThat(read.body().at("/domains")).extracting(JsonNode::asText).as("lowercased, once each, in their order")
                .containsExactly("registeramt.example", "broken.registeramt.example");
        assertThat(read.body().at("/history/0/action").asText()).isEqualTo("migrate");
        assertThat(read.body().at("/history/0/reason").asText()).contains("unreadable").contains("dvc.registration.history-unreadable");
        Map<String, String> left = federation.admin().realm("dvc").identityProviders().get("it-old-broken").toRepresentation().getConfig();
        assertThat(left).as("the unreadable history stays, as it was").containsEntry("dvc.registration.history-unreadable",
                "[{\"time\": \"2026-03-01T10:00:00Z\", \"action\": ").doesNotContainKey("dvc.registration.history");
    }

    @Test
    void theDocumentedDeviceGrantGivesAnAgencyAdminATokenForTheApi() throws Exception {
        // As in docs/agency-admins.md: device authorization with the public client dvc-registration-cli.
        JsonNode tokens = ApiTokens.deviceGrantResponse(federation.serverUrl(), federation.serviceUrl(), ApiTokens.CLIENT,
                "reg.admin@bmi.bund.example", "reg.admin");
        assertThat(tokens.has("access_token")).as("%s", tokens).isTrue();
        assertThat(call("GET", "", tokens.get("access_token").asText(), null).status()).isEqualTo(200);
    }

    @Test
    void aSamlIdpGoesThroughTestLoginAndApprovalToProductionLogins() throws Exception {
        samlIdpOfRegisteramt("it-registeramt-idp");
        String xml = new LoginRequest(federation.serverUrl(), federation.serviceUrl())
                .get(federation.serverUrl() + "/realms/agency-it-registeramt-idp/protocol/saml/descriptor").body();

        Answer created = call("POST", "", adminToken, Map.of("agency", AGENCY, "alias", "it-registeramt-idp", "protocol", "saml",
                "metadataXml", xml, "domains", List.of("registeramt.example"), "profile", "saml-oid"));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        assertThat(created.body().at("/report/findings")).extracting(f -> f.get("code").asText()).contains("endpoint_not_https_allowed");
        assertThat(productionLogin("it-registeramt-idp").succeeded()).as("no production login before approval").isFalse();
        // What the agency configures at its IdP, from the moment of submission: DVC IAM's SP metadata is served there.
        JsonNode peer = created.body().at("/configureAtYourIdp");
        assertThat(peer.at("/spEntityId").asText()).isEqualTo(federation.serverUrl() + "/realms/dvc");
        assertThat(peer.at("/assertionConsumerServiceUrl").asText()).endsWith("/realms/dvc/broker/it-registeramt-idp/endpoint");
        assertThat(peer.at("/release/given_name/required").asBoolean()).isTrue();
        HttpResponse<String> spMetadata = http.send(HttpRequest.newBuilder(URI.create(peer.at("/spMetadataUrl").asText())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(spMetadata.statusCode()).isEqualTo(200);
        assertThat(spMetadata.body()).contains("EntityDescriptor").contains(peer.at("/assertionConsumerServiceUrl").asText());
        assertThat(created.body().at("/history/0/actorName").asText()).as("names, not ids").contains("reg.admin");
        assertThat(created.body().at("/submitterName").asText()).contains("reg.admin");

        // The test login: a real login at the agency, checked like a production login, creating nothing.
        long users = federation.admin().realm("dvc").users().count();
        LoginRequest sandbox = new LoginRequest(federation.serverUrl(), federation.serviceUrl());
        BrokeredLogin tester = new BrokeredLogin(sandbox, federation.serverUrl());
        String testLogin = created.body().at("/testLogin").asText();
        BrokeredLogin.Outcome tested = tester.loginFrom(sandbox.get(testLogin), testLogin, "rita.register", "demo");
        assertThat(tested.status()).isEqualTo(200);
        assertThat(tested.body()).contains("Testanmeldung erfolgreich", "given_name: Rita", "org_unit: Registratur")
                .doesNotContain("Fehler aufgetreten");
        assertThat(sandbox.cookies().hasSessionCookie()).as("no SSO session").isFalse();
        assertThat(federation.admin().realm("dvc").users().count()).as("no user").isEqualTo(users);
        Answer afterTest = call("GET", "/it-registeramt-idp", adminToken, null);
        assertThat(afterTest.body().at("/state").asText()).isEqualTo("tested");
        assertThat(afterTest.body().at("/history/1/action").asText()).isEqualTo("confirm-test");

        assertThat(transition("it-registeramt-idp", operatorToken, "approve").body().at("/message").asText())
                .as("approval needs the domain proof").contains("registeramt.example", "not proven");
        Answer unproven = call("POST", "/it-registeramt-idp/domain-proofs", adminToken, null);
        assertThat(unproven.body().at("/checked/0/proven").asBoolean()).isFalse();
        federation.dns().publishTxt(afterTest.body().at("/domainProofs/0/txtRecord").asText(), "v=spf1 -all");
        federation.dns().publishTxt(afterTest.body().at("/domainProofs/0/txtRecord").asText(),
                afterTest.body().at("/domainProofs/0/txtValue").asText());
        Answer proven = call("POST", "/it-registeramt-idp/domain-proofs", adminToken, null);
        assertThat(proven.body().at("/checked/0/proven").asBoolean()).as("%s", proven.body()).isTrue();
        assertThat(proven.body().at("/domainProofs/0/proven").asBoolean()).isTrue();

        assertThat(transition("it-registeramt-idp", operatorToken, "approve").body().at("/state").asText()).isEqualTo("active");
        BrokeredLogin browser = new BrokeredLogin(new LoginRequest(federation.serverUrl(), federation.serviceUrl()), federation.serverUrl());
        BrokeredLogin.Outcome production = browser.login("it-registeramt-idp", RITA.username(), "demo", Map.of());
        assertThat(production.succeeded()).as("%s", production.body()).isTrue();
        JsonNode tokens = browser.tokenResponse(production, DemoFederation.DEMO_CLIENT_SECRET);
        assertThat(refresh(tokens.get("refresh_token").asText()).statusCode()).as("refresh works while active").isEqualTo(200);

        Answer suspended = transition("it-registeramt-idp", secondOperatorToken, "suspend");
        assertThat(suspended.body().at("/state").asText()).isEqualTo("suspended");
        assertThat(productionLogin("it-registeramt-idp").succeeded()).as("suspended").isFalse();
        // Suspension ends what the IdP's users hold: the refresh token and the SSO session stop working at once.
        HttpResponse<String> refused = refresh(tokens.get("refresh_token").asText());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("invalid_grant");
        BrokeredLogin.Outcome sso = browser.follow(browser.request().start(Map.of()), "");
        assertThat(sso.succeeded()).as("no SSO through a suspended IdP").isFalse();

        // Every step is a row of the audit trail, with who did it; the agency's admin reads them too.
        List<String> actions = new java.util.ArrayList<>();
        HttpResponse<String> audit = http.send(HttpRequest.newBuilder(URI.create(federation.serverUrl()
                        + "/realms/dvc/dvc-audit/events?type=registration&idp=it-registeramt-idp"))
                .header("Authorization", "Bearer " + adminToken).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
        JSON.readTree(audit.body()).get("events").forEach(row -> actions.add(row.get("outcome").asText()));
        assertThat(actions).as("newest first").containsSubsequence("suspend", "approve", "confirm-test", "submit");
        assertThat(audit.body()).contains("validated→tested", "\"actor\"");
    }

    /** The demo service's refresh token grant. */
    private HttpResponse<String> refresh(String refreshToken) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(federation.serverUrl() + "/realms/dvc/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&client_id=" + DemoFederation.DEMO_CLIENT_ID
                        + "&client_secret=" + DemoFederation.DEMO_CLIENT_SECRET + "&refresh_token=" + refreshToken)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A real OIDC provider (a Keycloak realm behind the agency's TLS front end on https://127.0.0.2) from
     * registration by issuer to production logins: discovery and JWKS fetched through the guarded client,
     * the sandbox test login, the domain proven by a well-known file on the agency's web server (its name
     * resolved by the tests' DNS server), four-eyes approval, a production login with the DVC contract,
     * a refresh against the live provider, suspension.
     */
    @Test
    void anOidcIdpGoesThroughTestLoginAndApprovalToProductionLogins() throws Exception {
        String alias = "it-ordnungsamt-oidc";
        DemoAgencies.DemoAgency provider = new DemoAgencies.DemoAgency(REGISTERAMT, alias, RunningFederation.WEB_DOMAIN,
                DemoAgencies.Protocol.OIDC, new DemoUser("olga.ordnung", "olga.ordnung@" + RunningFederation.WEB_DOMAIN, "Olga", "Ordnung",
                "demo", "Bußgeldstelle", List.of("Sachbearbeitung")), "oidc", "normal", "");
        String secret = behindAgencyWebServer(provider);
        String issuer = federation.web().url("/realms/" + provider.idpRealm());
        javax.net.ssl.SSLContext tls = federation.web().clientContext();

        Answer created = call("POST", "", adminToken, Map.of("agency", AGENCY, "alias", alias, "protocol", "oidc", "issuer", issuer,
                "clientId", "dvc-iam", "clientSecret", secret, "domains", List.of(RunningFederation.WEB_DOMAIN), "profile", "oidc"));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        assertThat(created.body().at("/report/valid").asBoolean()).isTrue();
        assertThat(productionLogin(alias, tls, "olga.ordnung").succeeded()).as("no production login before approval").isFalse();

        long users = federation.admin().realm("dvc").users().count();
        LoginRequest sandbox = new LoginRequest(federation.serverUrl(), federation.serviceUrl(), tls);
        String testLogin = created.body().at("/testLogin").asText();
        BrokeredLogin.Outcome tested = new BrokeredLogin(sandbox, federation.serverUrl())
                .loginFrom(sandbox.get(testLogin), testLogin, "olga.ordnung", "demo");
        assertThat(tested.status()).as("%s", tested.body()).isEqualTo(200);
        assertThat(tested.body()).contains("Testanmeldung", "given_name: Olga", "org_unit: Bußgeldstelle",
                "roles (1): Sachbearbeitung");
        assertThat(sandbox.cookies().hasSessionCookie()).as("no SSO session").isFalse();
        assertThat(federation.admin().realm("dvc").users().count()).as("no user").isEqualTo(users);
        JsonNode afterTest = call("GET", "/" + alias, adminToken, null).body();
        assertThat(afterTest.at("/state").asText()).isEqualTo("tested");

        // The domain is proven by a file on the agency's web server (no DNS TXT record published).
        JsonNode proof = afterTest.at("/domainProofs/0");
        assertThat(proof.get("wellKnownUrl").asText()).isEqualTo("https://" + RunningFederation.WEB_DOMAIN + "/.well-known/dvc-iam-verification.txt");
        Answer missing = call("POST", "/" + alias + "/domain-proofs", adminToken, null);
        assertThat(missing.body().at("/checked/0/proven").asBoolean()).isFalse();
        assertThat(missing.body().at("/checked/0/problem").asText()).contains("No TXT record", "No proof file");
        federation.web().serve("/.well-known/dvc-iam-verification.txt", ("# DVC IAM\n" + proof.get("wellKnownContent").asText() + "\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Answer proven = call("POST", "/" + alias + "/domain-proofs", adminToken, null);
        assertThat(proven.body().at("/checked/0/proven").asBoolean()).as("%s", proven.body()).isTrue();
        assertThat(proven.body().at("/history")).extracting(h -> h.get("reason") == null ? "" : h.get("reason").asText())
                .anyMatch(r -> r.contains("proven by HTTPS file https://" + RunningFederation.WEB_DOMAIN));

        assertThat(transition(alias, adminToken, "approve").status()).as("agency admins do not approve").isEqualTo(403);
        assertThat(transition(alias, operatorToken, "approve").body().at("/state").asText()).isEqualTo("active");
        BrokeredLogin browser = new BrokeredLogin(new LoginRequest(federation.serverUrl(), federation.serviceUrl(), tls), federation.serverUrl());
        BrokeredLogin.Outcome production = browser.login(alias, "olga.ordnung", "demo", Map.of());
        BrokeredLogin.Tokens tokens = browser.redeem(production, DemoFederation.DEMO_CLIENT_SECRET);
        assertThat(tokens.idToken().at("/email").asText()).isEqualTo("olga.ordnung@" + RunningFederation.WEB_DOMAIN);
        assertThat(tokens.idToken().at("/agency/id").asText()).isEqualTo(AGENCY);
        assertThat(tokens.idToken().at("/home_idp").asText()).isEqualTo(alias);
        assertThat(tokens.idToken().at("/org_unit/name").asText()).isEqualTo("Bußgeldstelle");
        assertThat(federation.admin().realm("dvc").organizations().search("Registeramt für Integrationstests", true, 0, 1).get(0)
                .getDomains()).extracting(OrganizationDomainRepresentation::getName).contains(RunningFederation.WEB_DOMAIN);

        assertThat(call("POST", "/" + alias + "/refresh", adminToken, null).body().at("/refresh").asText())
                .as("the live provider's discovery and JWKS, fetched again").isEqualTo("unchanged");
        assertThat(transition(alias, secondOperatorToken, "suspend").body().at("/state").asText()).isEqualTo("suspended");
        assertThat(productionLogin(alias, tls, "olga.ordnung").succeeded()).as("suspended").isFalse();
    }

    /**
     * An agency replaces what its registration brokers with: new metadata (validated like a new
     * registration; errors change nothing; the entityID stays) after a key rollover, and a new OIDC client secret.
     */
    @Test
    void anAgencyReplacesItsMetadataAndItsClientSecret() throws Exception {
        samlIdpOfRegisteramt("it-registeramt-upd");
        String descriptorUrl = federation.serverUrl() + "/realms/agency-it-registeramt-upd/protocol/saml/descriptor";
        LoginRequest fetch = new LoginRequest(federation.serverUrl(), federation.serviceUrl());
        String before = fetch.get(descriptorUrl).body();
        assertThat(call("POST", "", adminToken, Map.of("agency", AGENCY, "alias", "it-registeramt-upd", "protocol", "saml",
                "metadataXml", before, "domains", List.of("registeramt.example"))).status()).isEqualTo(201);
        String certificate = federation.admin().realm("dvc").identityProviders().get("it-registeramt-upd").toRepresentation()
                .getConfig().get("signingCertificate");

        Answer broken = call("PUT", "/it-registeramt-upd/metadata", adminToken, Map.of("metadataXml",
                before.replaceFirst("<md:SingleSignOnService Binding=", "<md:SingleSignOnService Bindung=")));
        assertThat(broken.status()).isEqualTo(422);
        assertThat(broken.body().at("/report/findings")).extracting(f -> f.get("code").asText()).contains("schema_invalid");
        Answer otherEntity = call("PUT", "/it-registeramt-upd/metadata", adminToken, Map.of("metadataXml",
                before.replace("/realms/agency-it-registeramt-upd\"", "/realms/another-idp\"")));
        assertThat(otherEntity.status()).as("%s", otherEntity.body()).isEqualTo(422);
        assertThat(otherEntity.body().at("/report/findings")).extracting(f -> f.get("code").asText()).contains("entity_id_changed");
        assertThat(call("PUT", "/it-registeramt-upd/metadata", adminToken, Map.of("metadataXml", before, "metadataUrl", "https://x.example"))
                .status()).as("exactly one source").isEqualTo(400);

        // The agency rolls its key over and sends the new metadata.
        rollOverSigningKey("agency-it-registeramt-upd");
        assertThat(federation.admin().realm("dvc").identityProviders().get("it-registeramt-upd").toRepresentation()
                .getConfig().get("signingCertificate")).as("the refused updates changed nothing").isEqualTo(certificate);
        Answer updated = call("PUT", "/it-registeramt-upd/metadata", adminToken, Map.of("metadataXml", fetch.get(descriptorUrl).body()));
        assertThat(updated.status()).as("%s", updated.body()).isEqualTo(200);
        assertThat(updated.body().at("/update").asText()).isEqualTo("key-changed");
        assertThat(updated.body().at("/history")).extracting(h -> h.get("action").asText() + " " + h.get("reason").asText())
                .anyMatch(h -> h.startsWith("update-metadata") && h.contains("signing key changed"));
        assertThat(federation.admin().realm("dvc").identityProviders().get("it-registeramt-upd").toRepresentation()
                .getConfig().get("signingCertificate")).isNotEqualTo(certificate);

        // OIDC: a new client secret, stored, never shown.
        assertThat(call("PUT", "/it-registeramt-upd/client-secret", adminToken, Map.of("clientSecret", "x")).status())
                .as("a SAML registration has no client secret").isEqualTo(409);
        // A real OIDC provider registered with a wrong secret: the test login fails at the token exchange
        // until the agency sends the right one.
        String oidcAlias = "it-registeramt-oidc-secret";
        DemoAgencies.DemoAgency provider = new DemoAgencies.DemoAgency(REGISTERAMT, oidcAlias, "registeramt.example",
                DemoAgencies.Protocol.OIDC, RITA, "oidc", "normal", "");
        String rightSecret = behindAgencyWebServer(provider);
        Answer oidc = call("POST", "", adminToken, Map.of("agency", AGENCY, "alias", oidcAlias, "protocol", "oidc",
                "issuer", federation.web().url("/realms/" + provider.idpRealm()), "clientId", "dvc-iam", "clientSecret", "a-wrong-secret",
                "domains", List.of("registeramt.example"), "profile", "oidc"));
        assertThat(oidc.status()).as("%s", oidc.body()).isEqualTo(201);
        javax.net.ssl.SSLContext tls = federation.web().clientContext();
        String testLogin = oidc.body().at("/testLogin").asText();
        LoginRequest first = new LoginRequest(federation.serverUrl(), federation.serviceUrl(), tls);
        BrokeredLogin.Outcome failed = new BrokeredLogin(first, federation.serverUrl()).loginFrom(first.get(testLogin), testLogin, "rita.register", "demo");
        assertThat(failed.body()).as("the wrong secret").doesNotContain("Testanmeldung erfolgreich");
        assertThat(call("GET", "/" + oidcAlias, adminToken, null).body().at("/state").asText()).isEqualTo("validated");

        assertThat(call("PUT", "/" + oidcAlias + "/client-secret", adminToken, Map.of("clientSecret", " ")).status()).isEqualTo(400);
        Answer secret = call("PUT", "/" + oidcAlias + "/client-secret", adminToken, Map.of("clientSecret", rightSecret));
        assertThat(secret.status()).isEqualTo(200);
        assertThat(secret.body().toString()).as("never shown").doesNotContain(rightSecret);
        assertThat(secret.body().at("/history")).extracting(h -> h.get("action").asText()).contains("update-client-secret");
        LoginRequest second = new LoginRequest(federation.serverUrl(), federation.serviceUrl(), tls);
        BrokeredLogin.Outcome tested = new BrokeredLogin(second, federation.serverUrl()).loginFrom(second.get(testLogin), testLogin, "rita.register", "demo");
        assertThat(tested.body()).as("with the new secret").contains("Testanmeldung erfolgreich");
    }

    /**
     * Every endpoint × every role × own/foreign agency (docs/agency-admins.md): anonymous, a user without
     * roles, the admin of another agency, the admin of the registration's agency, a federation operator.
     * Mutating calls run on a fresh registration each, so one row does not change the next.
     */
    @Test
    void theFullAuthorizationMatrix() throws Exception {
        Map<String, String> tokens = new java.util.LinkedHashMap<>();
        tokens.put("anonymous", null);
        tokens.put("plain", plainUserToken);
        tokens.put("foreign-admin", foreignAdminToken);
        tokens.put("own-admin", adminToken);
        tokens.put("operator", operatorToken);
        // expected status per endpoint, in the order of the roles above
        Map<String, int[]> expected = new java.util.LinkedHashMap<>();
        expected.put("submit", new int[] {401, 403, 403, 201, 201});
        expected.put("list", new int[] {401, 403, 200, 200, 200});
        expected.put("read", new int[] {401, 404, 404, 200, 200});
        expected.put("approve", new int[] {401, 404, 404, 403, 409});
        expected.put("suspend", new int[] {401, 404, 404, 403, 409});
        expected.put("reactivate", new int[] {401, 404, 404, 403, 409});
        expected.put("retire", new int[] {401, 404, 404, 403, 200});
        expected.put("withdraw", new int[] {401, 404, 404, 200, 200});
        expected.put("domain-proofs", new int[] {401, 404, 404, 200, 200});
        expected.put("refresh", new int[] {401, 404, 404, 200, 200});
        expected.put("metadata", new int[] {401, 404, 404, 200, 200});
        expected.put("client-secret", new int[] {401, 404, 404, 409, 409}); // allowed, but these are SAML registrations
        int counter = 0;
        List<String> mismatches = new java.util.ArrayList<>();
        for (Map.Entry<String, int[]> endpoint : expected.entrySet()) {
            int role = 0;
            for (Map.Entry<String, String> caller : tokens.entrySet()) {
                String alias = "it-registeramt-m" + (counter++);
                if (!endpoint.getKey().equals("submit")) {
                    Answer fresh = call("POST", "", adminToken, saml(alias, metadataXml.replace("https://idp.registeramt.example",
                            "https://" + alias + ".registeramt.example")));
                    assertThat(fresh.status()).as("set-up %s: %s", alias, fresh.body()).isEqualTo(201);
                }
                int status = switch (endpoint.getKey()) {
                    case "submit" -> call("POST", "", caller.getValue(), saml(alias, metadataXml.replace("https://idp.registeramt.example",
                            "https://" + alias + ".registeramt.example"))).status();
                    case "list" -> call("GET", "", caller.getValue(), null).status();
                    case "read" -> call("GET", "/" + alias, caller.getValue(), null).status();
                    case "domain-proofs", "refresh" -> call("POST", "/" + alias + "/" + endpoint.getKey(), caller.getValue(), null).status();
                    case "metadata" -> call("PUT", "/" + alias + "/metadata", caller.getValue(), Map.of("metadataXml",
                            metadataXml.replace("https://idp.registeramt.example", "https://" + alias + ".registeramt.example"))).status();
                    case "client-secret" -> call("PUT", "/" + alias + "/client-secret", caller.getValue(),
                            Map.of("clientSecret", "new-secret")).status();
                    default -> call("POST", "/" + alias + "/transitions", caller.getValue(),
                            Map.of("action", endpoint.getKey(), "reason", "matrix")).status();
                };
                if (status != endpoint.getValue()[role]) {
                    mismatches.add(endpoint.getKey() + " as " + caller.getKey() + ": " + status + " (expected " + endpoint.getValue()[role] + ")");
                }
                role++;
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void markupAnIdpSendsIsShownAsTextNeverAsHtml() throws Exception {
        String alias = "it-registeramt-html";
        DemoUser hostile = new DemoUser("hanna.html", "hanna.html@registeramt.example", "Hanna", "Html", "demo",
                "<a href=\"https://evil.example/phish\">Jetzt anmelden</a><img src=\"https://evil.example/pixel.png\">", List.of());
        new DemoFederation(federation.admin(), federation.serverUrl(), federation.serviceUrl()).ensureAgencyIdpRealm(
                new DemoAgencies.DemoAgency(REGISTERAMT, alias, "registeramt.example", DemoAgencies.Protocol.SAML, hostile, "saml-oid", "normal", ""));
        String xml = new LoginRequest(federation.serverUrl(), federation.serviceUrl())
                .get(federation.serverUrl() + "/realms/agency-" + alias + "/protocol/saml/descriptor").body();
        Answer created = call("POST", "", adminToken, Map.of("agency", AGENCY, "alias", alias, "protocol", "saml",
                "metadataXml", xml, "domains", List.of("registeramt.example"), "profile", "saml-oid"));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);

        LoginRequest sandbox = new LoginRequest(federation.serverUrl(), federation.serviceUrl());
        String testLogin = created.body().at("/testLogin").asText();
        BrokeredLogin.Outcome page = new BrokeredLogin(sandbox, federation.serverUrl()).loginFrom(sandbox.get(testLogin), testLogin,
                hostile.username(), "demo");

        assertThat(page.body()).as("the sandbox page shows what the IdP sent").contains("Testanmeldung erfolgreich", "evil.example");
        assertThat(page.body()).as("as text: no live link, no external image")
                .doesNotContain("<a href=\"https://evil.example", "<img src=\"https://evil.example", "<img src=\"https://evil");
    }

    @Test
    void trustChangesWaitForAnotherOperatorAndProvenDomains() throws Exception {
        String alias = "it-registeramt-change";
        String xml = metadataXml.replace("https://idp.registeramt.example", "https://change.registeramt.example");
        Answer created = call("POST", "", adminToken, Map.of("agency", AGENCY, "alias", alias, "protocol", "saml",
                "metadataXml", xml, "domains", List.of("registeramt.example"), "profile", "saml-oid", "maxAssurance", "normal"));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);

        Answer invalid = call("POST", "/" + alias + "/changes", adminToken, Map.of("maxAssurance", "extrem"));
        assertThat(invalid.status()).as("%s", invalid.body()).isEqualTo(422);
        assertThat(invalid.body().at("/error").asText()).isEqualTo("invalid_change");
        assertThat(call("GET", "/" + alias, adminToken, null).body().has("pendingChange")).as("nothing stored").isFalse();

        Answer requested = call("POST", "/" + alias + "/changes", adminToken, Map.of("maxAssurance", "substantiell",
                "domains", List.of("registeramt.example", "neu.registeramt.example")));
        assertThat(requested.status()).as("%s", requested.body()).isEqualTo(202);
        assertThat(requested.body().at("/pendingChange/maxAssurance").asText()).isEqualTo("substantiell");
        assertThat(requested.body().at("/trust/maxAssurance").asText()).as("production untouched until approved").isEqualTo("normal");
        assertThat(requested.body().at("/domains").toString()).doesNotContain("neu.registeramt.example");
        assertThat(call("POST", "/" + alias + "/changes", adminToken, Map.of("acrTable", "x = hoch")).status())
                .as("one pending change at a time").isEqualTo(409);

        Map<String, Object> reviewed = Map.of("reviewed", requested.body().at("/pendingChange/time").asText());
        assertThat(call("POST", "/" + alias + "/changes/approve", adminToken, reviewed).status()).as("agency admins do not approve").isEqualTo(403);
        assertThat(call("POST", "/" + alias + "/changes/approve", operatorToken, reviewed).status()).as("new domain not proven").isEqualTo(409);
        assertThat(call("POST", "/" + alias + "/changes/approve", operatorToken, Map.of("reviewed", "2020-01-01T00:00:00Z")).body()
                .at("/error").asText()).as("an approval applies only the change the operator reviewed").isEqualTo("change_mismatch");
        JsonNode proof = null;
        for (JsonNode candidate : requested.body().at("/domainProofs")) {
            if (candidate.get("domain").asText().equals("neu.registeramt.example")) {
                proof = candidate;
            }
        }
        assertThat(proof).as("the added domain's proof is published in the view").isNotNull();
        federation.dns().publishTxt(proof.get("txtRecord").asText(), proof.get("txtValue").asText());
        Answer proofs = call("POST", "/" + alias + "/domain-proofs", adminToken, null);
        assertThat(proofs.status()).isEqualTo(200);
        assertThat(proofs.body().at("/trust/assertableDomains").toString()).as("a pending domain is not assertable before approval")
                .doesNotContain("neu.registeramt.example");

        Answer approved = call("POST", "/" + alias + "/changes/approve", operatorToken, reviewed);
        assertThat(approved.status()).as("%s", approved.body()).isEqualTo(200);
        assertThat(approved.body().at("/trust/maxAssurance").asText()).isEqualTo("substantiell");
        assertThat(approved.body().at("/domains").toString()).contains("neu.registeramt.example");
        assertThat(approved.body().has("pendingChange")).isFalse();

        // Four eyes also among operators: who requested does not approve.
        Answer own = call("POST", "/" + alias + "/changes", operatorToken, Map.of("maxAssurance", "hoch"));
        assertThat(own.status()).isEqualTo(202);
        assertThat(call("POST", "/" + alias + "/changes/approve", operatorToken,
                Map.of("reviewed", own.body().at("/pendingChange/time").asText())).status()).isEqualTo(403);
        assertThat(call("DELETE", "/" + alias + "/changes", adminToken, null).status()).isEqualTo(200);
        assertThat(call("GET", "/" + alias, adminToken, null).body().at("/trust/maxAssurance").asText()).isEqualTo("substantiell");
    }

    @Test
    void discoveryEndpointsOnInternalAddressesAreRefusedAtRegistrationAndRefresh() throws Exception {
        try (Canary canary = new Canary()) {
            String issuer = federation.web().url("/oidc-ssrf");
            String jwks = new LoginRequest(federation.serverUrl(), federation.serviceUrl())
                    .get(federation.serverUrl() + "/realms/agency-bund-bmi/protocol/openid-connect/certs").body();
            federation.web().serve("/oidc-ssrf/jwks", jwks.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            Map<String, Object> discovery = discovery(issuer);
            discovery.put("token_endpoint", "https://127.0.0.1:" + canary.port() + "/token");
            discovery.put("userinfo_endpoint", "https://localhost:" + canary.port() + "/userinfo");
            discovery.put("end_session_endpoint", "https://169.254.169.254/latest/meta-data/");
            federation.web().serve("/oidc-ssrf/.well-known/openid-configuration", JSON.writeValueAsBytes(discovery));
            Map<String, Object> registration = oidcRegistration("it-registeramt-ssrf", issuer);

            Answer refused = call("POST", "", adminToken, registration);
            assertThat(refused.status()).as("%s", refused.body()).isEqualTo(422);
            List<String> problems = new java.util.ArrayList<>();
            refused.body().at("/report/findings").forEach(f -> problems.add(f.get("code").asText() + " " + f.get("message").asText()));
            assertThat(problems).filteredOn(p -> p.startsWith("endpoint_not_public")).hasSize(3);
            assertThat(idpExists("it-registeramt-ssrf")).isFalse();

            // Registered with public endpoints, then the discovery document moves them inside: the refresh refuses.
            discovery.put("token_endpoint", issuer + "/token");
            discovery.put("userinfo_endpoint", issuer + "/userinfo");
            discovery.remove("end_session_endpoint");
            federation.web().serve("/oidc-ssrf/.well-known/openid-configuration", JSON.writeValueAsBytes(discovery));
            assertThat(call("POST", "", adminToken, registration).status()).isEqualTo(201);
            discovery.put("token_endpoint", "https://127.0.0.1:" + canary.port() + "/token");
            federation.web().serve("/oidc-ssrf/.well-known/openid-configuration", JSON.writeValueAsBytes(discovery));
            JsonNode refreshed = call("POST", "/it-registeramt-ssrf/refresh", adminToken, null).body();
            assertThat(refreshed.at("/refresh").asText()).isEqualTo("failed");
            assertThat(refreshed.at("/lastRefresh").asText()).contains("endpoint_not_public");
            assertThat(federation.admin().realm("dvc").identityProviders().get("it-registeramt-ssrf").toRepresentation()
                    .getConfig()).containsEntry("tokenUrl", issuer + "/token");
            // Keycloak's broker never calls logout endpoints server-side for registered IdPs.
            assertThat(federation.admin().realm("dvc").identityProviders().get("it-registeramt-ssrf").toRepresentation()
                    .getConfig()).containsEntry("backchannelSupported", "false");
            assertThat(canary.connections()).as("nothing reached the internal address").isZero();
        }
    }

    @Test
    void samlArtifactResolutionIsSwitchedOffAndForcedSettingsSurviveUpdates() throws Exception {
        try (Canary canary = new Canary()) {
            String xml = withArtifactResolution(metadataXml.replace("https://idp.registeramt.example", "https://ars.registeramt.example"),
                    "http://127.0.0.1:" + canary.port() + "/ars");
            Answer created = call("POST", "", adminToken, Map.of("agency", AGENCY, "alias", "it-registeramt-ars", "protocol", "saml",
                    "metadataXml", xml, "domains", List.of("registeramt.example"), "profile", "saml-oid"));
            assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
            assertThat(created.body().at("/report/findings")).extracting(f -> f.get("code").asText()).contains("artifact_resolution_ignored");
            // The operator sees what she approves: profile, assurance, certificates and their strength.
            assertThat(created.body().at("/trust/profile").asText()).isEqualTo("saml-oid");
            assertThat(created.body().at("/trust").has("maxAssurance")).isTrue();
            assertThat(created.body().at("/trust/signingCertificates/0/key").asText()).startsWith("RSA ");
            assertThat(created.body().at("/trust/nameIdFormat").asText()).endsWith(":persistent");
            Map<String, String> config = federation.admin().realm("dvc").identityProviders().get("it-registeramt-ars").toRepresentation().getConfig();
            assertThat(config).containsEntry("artifactResolutionServiceUrl", "").containsEntry("artifactBindingResponse", "false");

            // An unauthenticated, crafted SAMLart: the server must not resolve it at the internal address.
            byte[] artifact = new byte[44];
            artifact[1] = 4;
            System.arraycopy(java.security.MessageDigest.getInstance("SHA-1").digest(
                    "https://ars.registeramt.example/realms/agency-berlin-senfin".getBytes(java.nio.charset.StandardCharsets.UTF_8)), 0, artifact, 4, 20);
            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(federation.serverUrl()
                            + "/realms/dvc/broker/it-registeramt-ars/endpoint")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("SAMLart=" + java.net.URLEncoder.encode(
                            java.util.Base64.getEncoder().encodeToString(artifact), java.nio.charset.StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
            // Keycloak core answers 500 here (it finds no artifact resolution URL, docs/security.md "what remains"); what
            // matters: no login, no stack trace to the caller, no request to the internal address.
            assertThat(posted.statusCode()).as(posted.body()).isGreaterThanOrEqualTo(400);
            assertThat(posted.body()).doesNotContain("Exception", "at org.", "127.0.0.1");

            // New metadata whose first NameIDFormat is emailAddress and that offers only the Redirect binding:
            // DVC's forced settings (persistent NameID, POST binding, no artifact) stay.
            String emailFirst = xml.replaceFirst("<(md:)?NameIDFormat>", "<$1NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</$1NameIDFormat><$1NameIDFormat>");
            Answer updated = call("PUT", "/it-registeramt-ars/metadata", adminToken, Map.of("metadataXml", emailFirst));
            assertThat(updated.status()).as("%s", updated.body()).isEqualTo(200);
            config = federation.admin().realm("dvc").identityProviders().get("it-registeramt-ars").toRepresentation().getConfig();
            assertThat(config).containsEntry("nameIDPolicyFormat", "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent")
                    .containsEntry("postBindingResponse", "true").containsEntry("artifactResolutionServiceUrl", "");
            assertThat(canary.connections()).as("nothing reached the internal address").isZero();
        }
    }

    /** The metadata with an ArtifactResolutionService at {@code location}, where the schema wants it (before the logout services). */
    private static String withArtifactResolution(String xml, String location) {
        java.util.regex.Matcher anchor = java.util.regex.Pattern.compile("<(\\w+:)?(SingleLogoutService|ManageNameIDService|NameIDFormat|SingleSignOnService)[ >]")
                .matcher(xml);
        assertThat(anchor.find()).as("metadata has a place for it: %s", xml).isTrue();
        String prefix = anchor.group(1) == null ? "" : anchor.group(1);
        return xml.substring(0, anchor.start()) + "<" + prefix + "ArtifactResolutionService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:SOAP\" Location=\""
                + location + "\" index=\"0\"/>" + xml.substring(anchor.start());
    }

    @Test
    void anOidcProviderIsValidatedFromItsPublishedDiscoveryAndJwks() throws Exception {
        String issuer = federation.web().url("/oidc");
        String jwks = new LoginRequest(federation.serverUrl(), federation.serviceUrl())
                .get(federation.serverUrl() + "/realms/agency-bund-bmi/protocol/openid-connect/certs").body();
        federation.web().serve("/oidc/jwks", jwks.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Map<String, Object> discovery = discovery(issuer);
        federation.web().serve("/oidc/.well-known/openid-configuration", JSON.writeValueAsBytes(discovery));
        Map<String, Object> registration = oidcRegistration("it-registeramt-oidc-ok", issuer);

        Answer created = call("POST", "", adminToken, registration);

        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        assertThat(created.body().at("/protocol").asText()).isEqualTo("oidc");
        assertThat(created.body().toString()).as("the client secret is never shown").doesNotContain("secret-of-the-agency");
        assertThat(federation.admin().realm("dvc").identityProviders().get("it-registeramt-oidc-ok").toRepresentation()
                .getConfig()).containsEntry("issuer", issuer).containsEntry("pkceMethod", "S256");

        // The provider moves its token endpoint: a refresh takes the new discovery document over.
        discovery.put("token_endpoint", issuer + "/token-v2");
        federation.web().serve("/oidc/.well-known/openid-configuration", JSON.writeValueAsBytes(discovery));
        assertThat(call("POST", "/it-registeramt-oidc-ok/refresh", adminToken, null).body().at("/refresh").asText()).isEqualTo("applied");
        assertThat(federation.admin().realm("dvc").identityProviders().get("it-registeramt-oidc-ok").toRepresentation()
                .getConfig()).containsEntry("tokenUrl", issuer + "/token-v2");
        // A weak key appears in the JWKS: the refresh fails, is recorded and backed off.
        java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        java.security.interfaces.RSAPublicKey weakKey = (java.security.interfaces.RSAPublicKey) rsa.generateKeyPair().getPublic();
        federation.web().serve("/oidc/jwks", JSON.writeValueAsBytes(Map.of("keys", List.of(Map.of("kty", "RSA", "kid", "weak",
                "use", "sig", "e", "AQAB", "n", java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(weakKey.getModulus().toByteArray()))))));
        JsonNode failedRefresh = call("POST", "/it-registeramt-oidc-ok/refresh", adminToken, null).body();
        assertThat(failedRefresh.at("/refresh").asText()).isEqualTo("failed");
        assertThat(failedRefresh.at("/lastRefresh").asText()).contains("key_too_weak");
        federation.web().serve("/oidc/jwks", jwks.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        discovery.put("token_endpoint", issuer + "/token");
        federation.web().serve("/oidc/.well-known/openid-configuration", JSON.writeValueAsBytes(discovery));

        registration.put("alias", "it-registeramt-oidc-slash");
        registration.put("issuer", issuer + "/");
        Answer mismatch = call("POST", "", adminToken, registration);
        assertThat(mismatch.status()).isEqualTo(422);
        assertThat(mismatch.body().at("/report/findings")).extracting(f -> f.get("code").asText()).contains("issuer_mismatch");

        discovery.put("code_challenge_methods_supported", List.of("plain"));
        discovery.put("id_token_signing_alg_values_supported", List.of("HS256"));
        federation.web().serve("/oidc/.well-known/openid-configuration", JSON.writeValueAsBytes(discovery));
        registration.put("alias", "it-registeramt-oidc-weak");
        registration.put("issuer", issuer);
        Answer weak = call("POST", "", adminToken, registration);
        assertThat(weak.status()).isEqualTo(422);
        assertThat(weak.body().at("/report/findings")).extracting(f -> f.get("code").asText())
                .contains("no_pkce_s256", "signing_algorithm_not_allowed");
        assertThat(idpExists("it-registeramt-oidc-slash") || idpExists("it-registeramt-oidc-weak")).isFalse();
    }

    @Test
    void aRefreshNeverSwitchesToAnotherEntity() throws Exception {
        samlIdpOfRegisteramt("it-registeramt-md2");
        String descriptor = new LoginRequest(federation.serverUrl(), federation.serviceUrl())
                .get(federation.serverUrl() + "/realms/agency-it-registeramt-md2/protocol/saml/descriptor").body();
        federation.web().serve("/md2.xml", descriptor.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Answer created = call("POST", "", adminToken, Map.of("agency", AGENCY, "alias", "it-registeramt-md2", "protocol", "saml",
                "metadataUrl", federation.web().url("/md2.xml"), "domains", List.of("registeramt.example")));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        String entityId = federation.admin().realm("dvc").identityProviders().get("it-registeramt-md2").toRepresentation()
                .getConfig().get("idpEntityId");

        // The published metadata now describes another entity: the refresh refuses it, as PUT metadata does.
        federation.web().serve("/md2.xml", descriptor.replaceFirst("entityID=\"[^\"]+\"", "entityID=\"https://other.example/idp\"")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        JsonNode refreshed = call("POST", "/it-registeramt-md2/refresh", adminToken, null).body();
        assertThat(refreshed.at("/refresh").asText()).isEqualTo("failed");
        assertThat(refreshed.at("/lastRefresh").asText()).contains("entity_id_changed");
        assertThat(federation.admin().realm("dvc").identityProviders().get("it-registeramt-md2").toRepresentation()
                .getConfig()).containsEntry("idpEntityId", entityId);
    }

    @Test
    void activeIdpsFollowTheirPublishedMetadata() throws Exception {
        samlIdpOfRegisteramt("it-registeramt-md");
        String descriptorUrl = federation.serverUrl() + "/realms/agency-it-registeramt-md/protocol/saml/descriptor";
        LoginRequest fetch = new LoginRequest(federation.serverUrl(), federation.serviceUrl());
        federation.web().serve("/md.xml", fetch.get(descriptorUrl).body().getBytes(java.nio.charset.StandardCharsets.UTF_8));

        Answer created = call("POST", "", adminToken, Map.of("agency", AGENCY, "alias", "it-registeramt-md", "protocol", "saml",
                "metadataUrl", federation.web().url("/md.xml"), "domains", List.of("registeramt.example")));
        assertThat(created.status()).as("fetched through the guarded client: %s", created.body()).isEqualTo(201);
        String testLogin = created.body().at("/testLogin").asText();
        LoginRequest sandbox = new LoginRequest(federation.serverUrl(), federation.serviceUrl());
        new BrokeredLogin(sandbox, federation.serverUrl()).loginFrom(sandbox.get(testLogin), testLogin, "rita.register", "demo");
        JsonNode proof = created.body().at("/domainProofs/0");
        federation.dns().publishTxt(proof.get("txtRecord").asText(), proof.get("txtValue").asText());
        call("POST", "/it-registeramt-md/domain-proofs", adminToken, null);
        assertThat(transition("it-registeramt-md", operatorToken, "approve").body().at("/state").asText()).isEqualTo("active");
        assertThat(call("POST", "/it-registeramt-md/refresh", adminToken, null).body().at("/refresh").asText()).isEqualTo("unchanged");

        // The agency rolls its signing key over and publishes new metadata: the scheduled refresh applies it.
        rollOverSigningKey("agency-it-registeramt-md");
        federation.web().serve("/md.xml", fetch.get(descriptorUrl).body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        JsonNode refreshed = null;
        for (int i = 0; i < 60; i++) { // bounded: the refresh runs every few seconds
            refreshed = call("GET", "/it-registeramt-md", adminToken, null).body();
            if (refreshed.at("/lastRefresh").asText().contains("key-changed")) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(refreshed.at("/lastRefresh").asText()).as("scheduled refresh applied the new key").contains("key-changed");
        assertThat(refreshed.at("/history")).extracting(h -> h.get("reason") == null ? "" : h.get("reason").asText())
                .anyMatch(r -> r.contains("signing key changed"));
        assertThat(productionLogin("it-registeramt-md").succeeded()).as("logins with the new key").isTrue();

        // The same document again: scheduled rounds fetch it, find the same bytes and write nothing for it: no IdP update,
        // no registration row of its own; the queue's batch statement moves it an interval ahead (the server's own counters;
        // other registrations of this federation may fail meanwhile and write their rows, so rows are not counted here).
        double unchangedBefore = unchangedRefreshes();
        double idpWritesBefore = refreshWrites("idp");
        double scheduleWritesBefore = refreshWrites("schedule");
        Thread.sleep((RunningFederation.METADATA_REFRESH_SECONDS * 2 + 2) * 1000L);
        assertThat(unchangedRefreshes()).as("scheduled rounds ran and found the document unchanged").isGreaterThan(unchangedBefore);
        assertThat(refreshWrites("idp")).as("an unchanged document updates no IdP").isEqualTo(idpWritesBefore);
        assertThat(refreshWrites("schedule")).as("the queue moved it ahead in a batch").isGreaterThan(scheduleWritesBefore);
        assertThat(call("GET", "/it-registeramt-md", adminToken, null).body().at("/lastRefresh").asText())
                .as("the check's time and outcome").endsWith(" unchanged");

        // The agency's server fails: the last good metadata stays, the failure is recorded and backed off.
        federation.web().fail("/md.xml", 500);
        JsonNode failed = call("POST", "/it-registeramt-md/refresh", adminToken, null).body();
        assertThat(failed.at("/refresh").asText()).isEqualTo("failed");
        assertThat(failed.at("/lastRefresh").asText()).contains("metadata_unreachable");
        assertThat(productionLogin("it-registeramt-md").succeeded()).as("still logging in with the last good metadata").isTrue();

        // The refresh's metrics, next to Keycloak's own on the management interface: totals by outcome, and agency and
        // IdP named only for registrations in trouble (bounded cardinality at 12,000 registrations).
        String metrics = http.send(HttpRequest.newBuilder(URI.create(federation.managementUrl() + "/metrics")).timeout(Duration.ofSeconds(30))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        String labels = "agency=\"" + AGENCY + "\",idp=\"it-registeramt-md\"";
        assertThat(metric(metrics, "dvc_registration_refresh_failures", labels)).as(metrics).isEqualTo(1.0);
        assertThat(metric(metrics, "dvc_registration_refresh_failing", "")).isGreaterThanOrEqualTo(1.0);
        assertThat(metric(metrics, "dvc_registration_refresh_total", "outcome=\"key-changed\"")).isGreaterThanOrEqualTo(1.0);
        assertThat(metrics.lines().filter(line -> line.startsWith("dvc_registration_refresh_total{")))
                .as("totals carry no agency").noneMatch(line -> line.contains("agency="));
        assertThat(metrics.lines().filter(line -> line.startsWith("dvc_registration_certificate_days_left{")))
                .as("Keycloak's generated certificates are years from expiry: no series").noneMatch(line -> line.contains("it-registeramt-md"));

        // The federation files hold key changes for an operator (settings.yaml refresh.keyChangeNeedsApproval, which
        // dvc-config apply writes into realm attribute dvc.refresh); the server's option does not: the stricter holds.
        RealmResource dvc = federation.admin().realm("dvc");
        String policy = dvc.toRepresentation().getAttributes().getOrDefault("dvc.refresh", "");
        try {
            realmAttribute(dvc, "dvc.refresh", "interval-seconds=3600;key-change-needs-approval=true");
            rollOverSigningKey("agency-it-registeramt-md", 600);
            federation.web().serve("/md.xml", fetch.get(descriptorUrl).body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            JsonNode held = call("POST", "/it-registeramt-md/refresh", adminToken, null).body();
            assertThat(held.at("/refresh").asText()).as("held by the files' policy: %s", held).isEqualTo("key-change-pending");
            assertThat(held.at("/keyChangePending").asBoolean()).isTrue();
            JsonNode accepted = call("POST", "/it-registeramt-md/refresh?acceptKeyChange=true", operatorToken, null).body();
            assertThat(accepted.at("/refresh").asText()).as("an operator accepts it: %s", accepted).isEqualTo("key-changed");
            assertThat(productionLogin("it-registeramt-md").succeeded()).as("logins with the accepted key").isTrue();

            realmAttribute(dvc, "dvc.refresh", "interval-seconds=soon");
            rollOverSigningKey("agency-it-registeramt-md", 700);
            federation.web().serve("/md.xml", fetch.get(descriptorUrl).body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(call("POST", "/it-registeramt-md/refresh", adminToken, null).body().at("/refresh").asText())
                    .as("a policy that does not decode holds key changes (fail closed)").isEqualTo("key-change-pending");
        } finally {
            realmAttribute(dvc, "dvc.refresh", policy);
        }
    }

    /**
     * dvc-config adopt: an approved registration moves into the federation files. The export of the server names it as a
     * registration; adopt writes it into its agency's file and the server marks it adopted in one transaction; plan then
     * shows no change, the registration API shows its history and refuses changes, logins go on.
     */
    @Test
    void anApprovedRegistrationIsAdoptedIntoTheFederationFiles() throws Exception {
        samlIdpOfRegisteramt("it-registeramt-adopt");
        String descriptorUrl = federation.serverUrl() + "/realms/agency-it-registeramt-adopt/protocol/saml/descriptor";
        federation.web().serve("/adopt-md.xml", new LoginRequest(federation.serverUrl(), federation.serviceUrl()).get(descriptorUrl)
                .body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Answer created = call("POST", "", adminToken, Map.of("agency", AGENCY, "alias", "it-registeramt-adopt", "protocol", "saml",
                "metadataUrl", federation.web().url("/adopt-md.xml"), "domains", List.of("registeramt.example")));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        java.nio.file.Path work = java.nio.file.Files.createTempDirectory(java.nio.file.Path.of(System.getProperty("dvc.work.dir",
                "target/it-work")).toAbsolutePath(), "adopt-");
        java.nio.file.Path files = work.resolve("federation");

        DvcConfigRun export = dvcConfig(work, "export", files.toString());
        assertThat(export.exit()).as("%s", export).isZero();
        assertThat(export.out()).contains("IdP it-registeramt-adopt (self-service registration): a self-service registration");
        DvcConfigRun early = dvcConfig(work, "adopt", files.toString(), "it-registeramt-adopt");
        assertThat(early.exit()).as("not approved yet: %s", early).isEqualTo(5);
        assertThat(early.err()).contains("cannot be adopted: only an approved one", "Nothing written.");

        String testLogin = created.body().at("/testLogin").asText();
        LoginRequest sandbox = new LoginRequest(federation.serverUrl(), federation.serviceUrl());
        new BrokeredLogin(sandbox, federation.serverUrl()).loginFrom(sandbox.get(testLogin), testLogin, "rita.register", "demo");
        JsonNode proof = created.body().at("/domainProofs/0");
        federation.dns().publishTxt(proof.get("txtRecord").asText(), proof.get("txtValue").asText());
        call("POST", "/it-registeramt-adopt/domain-proofs", adminToken, null);
        assertThat(transition("it-registeramt-adopt", operatorToken, "approve").body().at("/state").asText()).isEqualTo("active");

        // The admin endpoints are the realm administrator's: an agency admin's or operator's API token is no admin login.
        String admin = federation.serverUrl() + "/admin/realms/dvc/dvc-federation/";
        for (String token : List.of(adminToken, operatorToken)) {
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(admin + "registrations/it-registeramt-adopt/adopt"))
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as("%s", refused.body()).isIn(401, 403);
            HttpResponse<String> notSet = http.send(HttpRequest.newBuilder(URI.create(admin + "settings")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"dvc.refresh\": \"\"}"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(notSet.statusCode()).as("settings: %s", notSet.body()).isIn(401, 403);
            for (String read : List.of("registrations/it-registeramt-adopt/adoption", "snapshot")) {
                HttpResponse<String> notShown = http.send(HttpRequest.newBuilder(URI.create(admin + read)).header("Authorization", "Bearer " + token)
                        .GET().timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(notShown.statusCode()).as("%s: %s", read, notShown.body()).isIn(401, 403);
            }
        }

        DvcConfigRun adopt = dvcConfig(work, "adopt", files.toString(), "it-registeramt-adopt");
        assertThat(adopt.exit()).as("%s", adopt).isZero();
        assertThat(adopt.out()).contains("Adopted registration it-registeramt-adopt of agency " + AGENCY + " (saml, active)");
        String agencyFile;
        try (java.util.stream.Stream<java.nio.file.Path> walk = java.nio.file.Files.walk(files)) {
            agencyFile = java.nio.file.Files.readString(walk.filter(f -> f.getFileName().toString().equals(AGENCY + ".yaml")).findFirst().orElseThrow());
        }
        assertThat(agencyFile).contains("  - alias: it-registeramt-adopt", "    metadataUrl: \"" + federation.web().url("/adopt-md.xml") + "\"",
                "    lifecycle: active").doesNotContain("Not exported: IdP it-registeramt-adopt");
        DvcConfigRun plan = dvcConfig(work, "plan", files.toString(), "--format", "json");
        assertThat(plan.exit()).as("the files describe the adopted IdP as it is: %s", plan).isZero();
        IdentityProviderRepresentation idp = federation.admin().realm("dvc").identityProviders().get("it-registeramt-adopt").toRepresentation();
        assertThat(idp.getConfig()).containsEntry("dvc.managed-by", "federation-config").doesNotContainKey("dvc.registration.state");

        JsonNode shown = call("GET", "/it-registeramt-adopt", adminToken, null).body();
        assertThat(shown.at("/state").asText()).isEqualTo("adopted");
        assertThat(shown.at("/history")).extracting(h -> h.get("action") == null ? "" : h.get("action").asText()).contains("approve", "adopt");
        Answer suspend = transition("it-registeramt-adopt", operatorToken, "suspend");
        assertThat(suspend.status()).isEqualTo(409);
        assertThat(suspend.body().at("/error").asText()).isEqualTo("adopted");
        assertThat(call("PUT", "/it-registeramt-adopt/metadata", adminToken, Map.of("metadataUrl", federation.web().url("/adopt-md.xml")))
                .status()).isEqualTo(409);
        assertThat(call("POST", "/it-registeramt-adopt/refresh", adminToken, null).status()).isEqualTo(409);
        assertThat(productionLogin("it-registeramt-adopt").succeeded()).as("logins go on through the adopted IdP").isTrue();

        DvcConfigRun again = dvcConfig(work, "adopt", files.toString(), "it-registeramt-adopt");
        assertThat(again.exit()).as("%s", again).isEqualTo(5);
        assertThat(again.err()).contains("no self-service registration 'it-registeramt-adopt'", "The files describe an IdP 'it-registeramt-adopt' already");
    }

    /**
     * The federation files' role holders (realm attribute dvc.role-holders, which dvc-config apply writes from
     * settings.yaml roles): read at every call, matched by the login's IdP and the asserted address, taken away at the
     * next call when removed.
     */
    @Test
    void roleHoldersOfTheFilesGiveAndTakeRolesAtTheNextCall() throws Exception {
        new AgencyIdpUsers(federation.admin(), DemoAgencies.BUND_BMI)
                .ensure(new DemoUser("reg.files", "reg.files@bmi.bund.example", "Reg", "Files", "demo", "X", List.of()));
        String token = token(federation, "reg.files");
        RealmResource dvc = federation.admin().realm("dvc");
        String original = dvc.toRepresentation().getAttributes().getOrDefault("dvc.role-holders", "");
        assertThat(original).as("the demo's settings.yaml roles, applied").contains("operator\t-\tbund-bmi\tpetra.betrieb%40bmi.bund.example");
        try {
            assertThat(call("GET", "", token, null).status()).as("named nowhere").isEqualTo(403);

            holders(dvc, original + "agency-admin\tbund-bmi\tbund-bmi\treg.files%40bmi.bund.example\t-\n");
            Answer asAdmin = call("GET", "", token, null);
            assertThat(asAdmin.status()).as("an agency admin by the files: %s", asAdmin.body()).isEqualTo(200);
            assertThat(call("GET", "?agency=" + AGENCY, token, null).body().toString()).doesNotContain("it-registeramt-");

            holders(dvc, original + "operator\t-\tberlin-senfin\treg.files%40bmi.bund.example\t-\n");
            assertThat(call("GET", "", token, null).status()).as("named for another IdP than she logged in through").isEqualTo(403);

            holders(dvc, original + "operator\t-\tbund-bmi\tREG.FILES%40bmi.bund.example\t-\n");
            Answer asOperator = call("GET", "?agency=" + AGENCY, token, null);
            assertThat(asOperator.status()).as("an operator by the files: %s", asOperator.body()).isEqualTo(200);

            holders(dvc, "operator\tbund-bmi\n"); // damaged: nobody
            assertThat(call("GET", "", token, null).status()).isEqualTo(403);
            holders(dvc, original);
            assertThat(call("GET", "", token, null).status()).as("removed: gone at the next call, same token").isEqualTo(403);
        } finally {
            holders(dvc, original);
        }
    }

    private static void holders(RealmResource dvc, String text) {
        realmAttribute(dvc, "dvc.role-holders", text);
    }

    /** Sets the attribute as apply does: all attributes sent (Keycloak's update removes the ones left out). */
    private static void realmAttribute(RealmResource dvc, String name, String text) {
        Map<String, String> attributes = new java.util.HashMap<>(dvc.toRepresentation().getAttributes());
        attributes.put(name, text);
        org.keycloak.representations.idm.RealmRepresentation update = new org.keycloak.representations.idm.RealmRepresentation();
        update.setAttributes(attributes);
        dvc.update(update);
    }

    private DvcConfigRun dvcConfig(java.nio.file.Path work, String... args) throws Exception {
        return DvcConfigRun.of(work, federation.serverUrl(), Map.of(), List.of(args), out -> false);
    }

    /** The refreshes' database writes of {@code kind} so far (idp, registration, schedule; 0 before the first). */
    private double refreshWrites(String kind) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create(federation.managementUrl() + "/metrics")).timeout(Duration.ofSeconds(30))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        String labels = "kind=\"" + kind + "\"";
        return metrics.lines().anyMatch(line -> line.startsWith("dvc_registration_refresh_writes_total{") && line.contains(labels))
                ? metric(metrics, "dvc_registration_refresh_writes_total", labels) : 0;
    }

    /** Scheduled and forced refreshes so far that found an unchanged document (all registrations; 0 before the first). */
    private double unchangedRefreshes() throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create(federation.managementUrl() + "/metrics")).timeout(Duration.ofSeconds(30))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().anyMatch(line -> line.startsWith("dvc_registration_refresh_total{") && line.contains("outcome=\"unchanged\""))
                ? metric(metrics, "dvc_registration_refresh_total", "outcome=\"unchanged\"") : 0;
    }

    /** The value of the Prometheus sample {@code name} whose labels include each of {@code labels} ({@code a="b",c="d"}). */
    private static double metric(String exposition, String name, String labels) {
        List<String> wanted = labels.isEmpty() ? List.of() : List.of(labels.split(","));
        return exposition.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> wanted.stream().allMatch(label -> line.substring(0, Math.max(0, line.lastIndexOf('}'))).contains(label)))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + name + "{" + labels + "}"));
    }

    /** A SAML IdP of the Registeramt (a realm {@code agency-<alias>} of the server, user Rita), set up but not registered. */
    /** A complete, valid discovery document of an OIDC provider at {@code issuer} (endpoints below it). */
    private static Map<String, Object> discovery(String issuer) {
        Map<String, Object> discovery = new java.util.LinkedHashMap<>();
        discovery.put("issuer", issuer);
        discovery.put("authorization_endpoint", issuer + "/auth");
        discovery.put("token_endpoint", issuer + "/token");
        discovery.put("userinfo_endpoint", issuer + "/userinfo");
        discovery.put("jwks_uri", issuer + "/jwks");
        discovery.put("response_types_supported", List.of("code"));
        discovery.put("code_challenge_methods_supported", List.of("S256"));
        discovery.put("id_token_signing_alg_values_supported", List.of("RS256"));
        return discovery;
    }

    /** A registration of the Registeramt's OIDC provider at {@code issuer}. */
    private static Map<String, Object> oidcRegistration(String alias, String issuer) {
        return new java.util.HashMap<>(Map.of("agency", AGENCY, "alias", alias, "protocol", "oidc", "issuer", issuer,
                "clientId", "dvc-iam", "clientSecret", "secret-of-the-agency", "domains", List.of("registeramt.example"), "profile", "oidc"));
    }

    private void samlIdpOfRegisteramt(String alias) {
        new DemoFederation(federation.admin(), federation.serverUrl(), federation.serviceUrl()).ensureAgencyIdpRealm(
                new DemoAgencies.DemoAgency(REGISTERAMT, alias, "registeramt.example", DemoAgencies.Protocol.SAML, RITA, "saml-oid", "normal", ""));
    }

    /** Sets an OIDC provider up behind the agency web server (https://127.0.0.2); returns DVC IAM's client secret there. */
    private String behindAgencyWebServer(DemoAgencies.DemoAgency provider) {
        String secret = new DemoFederation(federation.admin(), federation.serverUrl(), federation.serviceUrl())
                .ensureAgencyIdpRealmBehind(provider, federation.web().url(""));
        federation.web().proxy("/realms/" + provider.idpRealm() + "/",
                URI.create("http://127.0.0.1:" + URI.create(federation.serverUrl()).getPort()));
        return secret;
    }

    /** The agency IdP realm gets a new, preferred RSA-3072 signing key: what a key rollover publishes. */
    private void rollOverSigningKey(String realm) {
        rollOverSigningKey(realm, 500);
    }

    /** A new signing key of the agency's realm, above the keys it had (higher {@code priority}). */
    private void rollOverSigningKey(String realm, int priority) {
        RealmResource agencyRealm = federation.admin().realm(realm);
        org.keycloak.representations.idm.ComponentRepresentation key = new org.keycloak.representations.idm.ComponentRepresentation();
        key.setName("rollover");
        key.setProviderId("rsa-generated");
        key.setProviderType("org.keycloak.keys.KeyProvider");
        key.setParentId(agencyRealm.toRepresentation().getId());
        key.setConfig(new org.keycloak.common.util.MultivaluedHashMap<>(Map.of("priority", List.of(String.valueOf(priority)),
                "keySize", List.of("3072"))));
        agencyRealm.components().add(key).close();
    }

    private BrokeredLogin.Outcome productionLogin(String alias, javax.net.ssl.SSLContext tls, String user) throws Exception {
        BrokeredLogin browser = new BrokeredLogin(new LoginRequest(federation.serverUrl(), federation.serviceUrl(), tls), federation.serverUrl());
        return browser.login(alias, user, "demo", Map.of());
    }

    private BrokeredLogin.Outcome productionLogin(String alias) throws Exception {
        return productionLogin(alias, null, RITA.username());
    }

    private Answer transition(String alias, String token, String action) throws Exception {
        return call("POST", "/" + alias + "/transitions", token, Map.of("action", action, "reason", "IT"));
    }

    private Answer callRaw(String body, String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(federation.serverUrl() + "/realms/dvc/dvc-registrations"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }
}
