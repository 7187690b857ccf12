package de.dvc.iam.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.dvc.iam.demo.AgencyDirectoryServer.Person;
import de.dvc.iam.demo.client.BrokeredLogin;
import de.dvc.iam.demo.client.DeviceGrant;
import de.dvc.iam.demo.client.LoginRequest;
import org.keycloak.admin.client.Keycloak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's agency with only an Active Directory: {@value #AGENCY} ("Gemeinde Musterhausen"), its directory an
 * in-memory AD over LDAPS ({@link AgencyDirectoryServer}, port {@value #PORT} on the agencies' host), user
 * {@value #USER} / {@code demo} in group GG-Bauamt (role Sachbearbeitung). At the first start it joins through the
 * product, as a real agency would: the operator petra creates the agency and registers the directory, the test login,
 * the domain proof in the agencies' DNS, and the second operator olaf approves (four eyes). Later starts find it active.
 */
final class DemoDirectoryAgency {

    static final String AGENCY = "musterhausen";
    static final String ALIAS = "musterhausen-ad";
    static final String DOMAIN = "musterhausen.example";
    static final String USER = "paul.becker@" + DOMAIN;
    static final int PORT = 8636;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String serverUrl;
    private final String serviceUrl;
    private final AgencyDns dns;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    DemoDirectoryAgency(String serverUrl, String serviceUrl, AgencyDns dns) {
        this.serverUrl = serverUrl;
        this.serviceUrl = serviceUrl;
        this.dns = dns;
    }

    /** The directory (the same users and objectGUIDs at every start, so the DVC identities stay). */
    static AgencyDirectoryServer directory(AgencyWebServer web) throws IOException {
        return new AgencyDirectoryServer(web, DOMAIN, PORT, List.of(
                new Person("paul.becker", "Paul", "Becker", "Bauamt", 512, List.of("GG-Bauamt", "GG-Kantine")),
                new Person("anna.aus", "Anna", "Aus", "Kämmerei", 514, List.of())));
    }

    /** Joins the agency through the agency and registration APIs unless its directory is active already. */
    void ensureActive(Keycloak admin, AgencyDirectoryServer directory) throws Exception {
        new AgencyIdpUsers(admin, DemoAgencies.BUND_BMI).ensure(DemoAgencies.SECOND_OPERATOR);
        String petra = DeviceGrant.accessToken(serverUrl, serviceUrl, DemoAgencies.DEMO_OPERATOR.email(), DemoAgencies.DEMO_OPERATOR.username());
        HttpResponse<String> existing = call("GET", "/dvc-registrations/" + ALIAS, petra, null);
        if (existing.statusCode() == 200 && "active".equals(JSON.readTree(existing.body()).path("state").asText())) {
            return;
        }
        if (call("GET", "/dvc-agencies/" + AGENCY, petra, null).statusCode() == 404) {
            expect(call("POST", "/dvc-agencies", petra, Map.of("id", AGENCY, "name", "Gemeinde Musterhausen", "level", "municipal",
                    "state", "DE-NI", "ags", "03459099", "contacts", List.of(Map.of("name", "Paul Becker", "email", USER)))), 201, "creating the agency");
        }
        JsonNode registration;
        if (existing.statusCode() == 404) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("agency", AGENCY);
            body.put("alias", ALIAS);
            body.put("protocol", "ldap");
            body.put("directory", directory.settings(Map.of("GG-Bauamt", "Sachbearbeitung")));
            body.put("testLogin", USER);
            body.put("domains", List.of(DOMAIN));
            registration = JSON.readTree(expect(call("POST", "/dvc-registrations", petra, body), 201, "registering the directory").body());
        } else {
            registration = JSON.readTree(existing.body());
        }
        if ("validated".equals(registration.path("state").asText())) {
            LoginRequest sandbox = new LoginRequest(serverUrl, serviceUrl);
            String testLogin = registration.path("testLogin").asText();
            BrokeredLogin.Outcome tested = new BrokeredLogin(sandbox, serverUrl).loginFrom(sandbox.get(testLogin), testLogin, USER, AgencyDirectoryServer.PASSWORD);
            if (tested.status() != 200) {
                throw new IllegalStateException("The test login of " + ALIAS + " failed (" + tested.status() + ")");
            }
        }
        registration = JSON.readTree(call("GET", "/dvc-registrations/" + ALIAS, petra, null).body());
        for (JsonNode proof : registration.path("domainProofs")) {
            dns.publishTxt(proof.path("txtRecord").asText(), proof.path("txtValue").asText());
        }
        expect(call("POST", "/dvc-registrations/" + ALIAS + "/domain-proofs", petra, null), 200, "checking the domain proof");
        String olaf = DeviceGrant.accessToken(serverUrl, serviceUrl, DemoAgencies.SECOND_OPERATOR.email(), DemoAgencies.SECOND_OPERATOR.username());
        expect(call("POST", "/dvc-registrations/" + ALIAS + "/transitions", olaf, Map.of("action", "approve")), 200, "approving the directory");
    }

    private HttpResponse<String> expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + " for " + AGENCY + " failed: " + response.statusCode() + " " + response.body());
        }
        return response;
    }

    private HttpResponse<String> call(String method, String path, String token, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(serverUrl + "/realms/dvc" + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
