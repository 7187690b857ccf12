package de.dvc.iam.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.dvc.iam.core.registration.BrokerSettings;
import de.dvc.iam.core.registration.ValidationReport;
import de.dvc.iam.demo.AgencyIdpUsers;
import de.dvc.iam.demo.ApiRoles;
import de.dvc.iam.demo.DemoAgencies;
import de.dvc.iam.demo.DemoAgencies.DemoUser;
import de.dvc.iam.demo.client.DeviceGrant;
import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.IdentityProviderRepresentation;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * New agencies with one registered IdP each, waiting for approval, for the directory cluster benchmark: the agency is
 * created through the agency API by a federation operator; its registration is stored in state {@code tested} with its
 * domain proven. Reaching {@code tested} through the product needs a sandbox login through a working IdP and a DNS proof,
 * neither of which is what the benchmark measures, so the registration is written in the format of a server before the
 * own-tables upgrade (as {@link OldFormatRegistrations} does), linked to its agency, and moved into DVC's tables by the
 * server when the operator first reads it (during set-up). Approve and suspend are then the registration API's own
 * transitions, sent to one node.
 */
final class ProbeRegistrations {

    /** One probe: the IdP's alias and the made-up word that is its agency's name, which nothing else in the fixture contains. */
    record Probe(String alias, String word) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DemoUser OPERATOR = new DemoUser("directory.bench.op", "directory.bench.op@bmi.bund.example", "Dora",
            "Betrieb", "demo", "Betrieb", List.of());
    /** Access tokens of realm dvc live 5 minutes; a new one is fetched before that. */
    private static final Duration TOKEN_AGE = Duration.ofMinutes(2);

    private final String clusterUrl;
    private final String serviceUrl;
    private final Keycloak admin;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;
    private long tokenAt;

    ProbeRegistrations(String clusterUrl, String serviceUrl, Keycloak admin) {
        this.clusterUrl = clusterUrl;
        this.serviceUrl = serviceUrl;
        this.admin = admin;
    }

    /** A federation operator of the BMI (a demo agency), logged in once through the device grant, then given the role. */
    void operator() throws Exception {
        new AgencyIdpUsers(admin, DemoAgencies.BUND_BMI).ensure(OPERATOR);
        DeviceGrant.accessToken(clusterUrl, serviceUrl, OPERATOR.email(), OPERATOR.username()); // the first login makes her user
        ApiRoles.grant(admin.realm("dvc"), OPERATOR.username(), "dvc-federation-operator", null);
        tokenAt = 0;
    }

    /** Agency {@code id} named "Messgemeinde {@code word}" and its registration, in state tested, through node {@code nodeUrl}. */
    Probe create(String nodeUrl, String id, String word) throws Exception {
        String domain = id + ".bench.example";
        String name = "Messgemeinde " + word;
        expect(call(nodeUrl, "POST", "/dvc-agencies", Map.of("id", id, "name", name, "level", "municipal", "state", "DE-NI",
                "contacts", List.of(Map.of("name", "Bench IT", "email", "it@" + domain)))), 201, "creating agency " + id);
        RealmResource dvc = admin.realm("dvc");
        String organization = dvc.organizations().search(name, true, 0, 10).stream().filter(o -> id.equals(o.getAlias()))
                .findFirst().orElseThrow(() -> new IllegalStateException("agency " + id + " has no organization")).getId();
        try (Response created = dvc.identityProviders().create(testedRegistration(id, domain, name))) {
            expect(created.getStatus(), 201, "creating the IdP of " + id);
        }
        try (Response linked = dvc.organizations().get(organization).identityProviders().addIdentityProvider(id)) {
            expect(linked.getStatus() / 100 * 100, 200, "linking the IdP of " + id + " to its agency");
        }
        JsonNode read = JSON.readTree(expect(call(nodeUrl, "GET", "/dvc-registrations/" + id, null), 200, "reading " + id).body());
        if (!"tested".equals(read.path("state").asText())) {
            throw new IllegalStateException("Registration " + id + " is " + read.path("state").asText() + ", not tested: " + read);
        }
        return new Probe(id, word);
    }

    /**
     * Sends transition {@code action} (approve, suspend) of {@code probe} to node {@code nodeUrl}; returns when its answer
     * (the transaction committed) is back.
     *
     * @throws IllegalStateException if the registration is not in {@code expected} afterwards
     */
    void transition(String nodeUrl, Probe probe, String action, String expected) throws Exception {
        HttpResponse<String> response = call(nodeUrl, "POST", "/dvc-registrations/" + probe.alias() + "/transitions",
                Map.of("action", action, "reason", "directory cluster benchmark"));
        String state = JSON.readTree(expect(response, 200, action + " of " + probe.alias()).body()).path("state").asText();
        if (!expected.equals(state)) {
            throw new IllegalStateException(probe.alias() + " is " + state + " after " + action + ", not " + expected);
        }
    }

    /** Fetches a fresh operator token when the last is older than {@link #TOKEN_AGE}: call outside measured time. */
    void freshToken() throws Exception {
        if (token == null || System.nanoTime() - tokenAt > TOKEN_AGE.toNanos()) {
            token = DeviceGrant.accessToken(clusterUrl, serviceUrl, OPERATOR.email(), OPERATOR.username());
            tokenAt = System.nanoTime();
        }
    }

    /** The IdP of the old format: an OIDC placeholder under the agency's domain (as the fixture's), submitted by its admin. */
    private static IdentityProviderRepresentation testedRegistration(String id, String domain, String name) throws IOException {
        String base = "https://login." + domain;
        String submitter = "admin@" + domain;
        Map<String, String> config = new HashMap<>(BrokerSettings.oidc("dvc-iam", "probe-placeholder"));
        config.putAll(Map.of("issuer", base, "authorizationUrl", base + "/authorize", "tokenUrl", base + "/token",
                "jwksUrl", base + "/jwks", "syncMode", "FORCE"));
        config.put("dvc.registration.state", "tested");
        config.put("dvc.registration.agency", id);
        config.put("dvc.registration.submitter", submitter);
        config.put("dvc.registration.source", base + "/.well-known/openid-configuration");
        config.put("dvc.registration.domains", domain);
        config.put("dvc.registration.domains-proven", domain);
        config.put("dvc.registration.domain-token", "probe" + Integer.toHexString(id.hashCode()) + "0123456789abcdef");
        config.put("dvc.registration.report", JSON.writeValueAsString(ValidationReport.of(List.of()).toMap()));
        config.put("dvc.registration.history", JSON.writeValueAsString(List.of(
                Map.of("time", "2026-12-01T08:00:00Z", "action", "submit", "to", "validated", "actor", submitter),
                Map.of("time", "2026-12-01T08:10:00Z", "action", "confirm-test", "from", "validated", "to", "tested",
                        "actor", "sandbox login"),
                Map.of("time", "2026-12-01T08:20:00Z", "action", "prove-domain", "actor", submitter,
                        "reason", domain + " proven by DNS TXT"))));
        IdentityProviderRepresentation idp = new IdentityProviderRepresentation();
        idp.setAlias(id);
        idp.setDisplayName(name);
        idp.setProviderId("oidc");
        idp.setEnabled(true);
        idp.setHideOnLogin(true);
        idp.setTrustEmail(true);
        idp.setFirstBrokerLoginFlowAlias("dvc first broker login"); // the demo's DiscoveryFlow.FIRST_LOGIN
        idp.setConfig(config);
        return idp;
    }

    private HttpResponse<String> call(String nodeUrl, String method, String path, Object body) throws Exception {
        freshToken();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(nodeUrl + "/realms/dvc" + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + " failed: HTTP " + response.statusCode() + " " + response.body());
        }
        return response;
    }

    private static void expect(int actual, int status, String what) {
        if (actual != status) {
            throw new IllegalStateException(what + " failed: HTTP " + actual);
        }
    }
}
