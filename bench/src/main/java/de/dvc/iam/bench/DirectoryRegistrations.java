package de.dvc.iam.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.dvc.iam.demo.AgencyDns;
import de.dvc.iam.demo.AgencyIdpUsers;
import de.dvc.iam.demo.ApiRoles;
import de.dvc.iam.demo.DemoAgencies;
import de.dvc.iam.demo.DemoAgencies.DemoUser;
import de.dvc.iam.demo.client.BrokeredLogin;
import de.dvc.iam.demo.client.DeviceGrant;
import de.dvc.iam.demo.client.LoginRequest;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.IdentityProviderRepresentation;

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
 * Agency directories in realm dvc for the directory benchmark, the two ways it uses:
 * <ul>
 *   <li>{@link #join}: as an agency joins, through the product (DirectoryLoginIT's path): an operator creates the agency
 *       and registers the directory (the registration API validates it: TLS, bind, the test account's search and
 *       contract), the sandbox test login, the domain proof in the agencies' DNS, the approval by a second operator;</li>
 *   <li>{@link #insert}: many more at once, through Keycloak's admin API as IdPs of type {@code dvc-ldap} with the
 *       settings the registration API would store ({@code dvc.directory.settings} without the secret,
 *       {@code dvc.directory.bind-secret}), without an agency, a registration row or the validation, which needs a
 *       reachable directory and costs about a second each: what a login to another agency meets of them is the realm's
 *       IdP list, which is the same.</li>
 * </ul>
 */
final class DirectoryRegistrations {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DemoUser OPERATOR = operator("ldap.bench.op1", "Olga");
    private static final DemoUser SECOND_OPERATOR = operator("ldap.bench.op2", "Otto");

    private final String serverUrl;
    private final String serviceUrl;
    private final Keycloak admin;
    private final AgencyDns dns;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String operatorToken;
    private String secondOperatorToken;

    DirectoryRegistrations(String serverUrl, String serviceUrl, Keycloak admin, AgencyDns dns) {
        this.serverUrl = serverUrl;
        this.serviceUrl = serviceUrl;
        this.admin = admin;
        this.dns = dns;
    }

    private static DemoUser operator(String username, String givenName) {
        return new DemoUser(username, username + "@bmi.bund.example", givenName, "Betrieb", "demo", "Betrieb", List.of());
    }

    /** Two federation operators of the BMI (four eyes), logged in once through the device grant, as DirectoryLoginIT does. */
    void operators() throws Exception {
        AgencyIdpUsers bmi = new AgencyIdpUsers(admin, DemoAgencies.BUND_BMI);
        bmi.ensure(OPERATOR);
        bmi.ensure(SECOND_OPERATOR);
        operatorToken = DeviceGrant.accessToken(serverUrl, serviceUrl, OPERATOR.email(), OPERATOR.username());
        ApiRoles.grant(admin.realm("dvc"), OPERATOR.username(), "dvc-federation-operator", null);
        secondOperatorToken = DeviceGrant.accessToken(serverUrl, serviceUrl, SECOND_OPERATOR.email(), SECOND_OPERATOR.username());
        ApiRoles.grant(admin.realm("dvc"), SECOND_OPERATOR.username(), "dvc-federation-operator", null);
    }

    /**
     * Agency {@code agency} joins with its directory: active afterwards.
     *
     * @param settings  the registration's {@code directory} object
     * @param testLogin the test account's login name
     * @param password  its password (the sandbox test login)
     */
    void join(String agency, String name, String alias, String domain, Map<String, Object> settings, String testLogin, String password)
            throws Exception {
        expect(call("POST", "/dvc-agencies", operatorToken, Map.of("id", agency, "name", name, "level", "municipal", "state", "DE-NI",
                "contacts", List.of(Map.of("name", "Bench IT", "email", "it@" + domain)))), 201, "creating agency " + agency);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agency", agency);
        body.put("alias", alias);
        body.put("protocol", "ldap");
        body.put("directory", settings);
        body.put("testLogin", testLogin);
        body.put("domains", List.of(domain));
        JsonNode registration = JSON.readTree(expect(call("POST", "/dvc-registrations", operatorToken, body), 201,
                "registering the directory " + alias).body());
        if (!registration.at("/report/valid").asBoolean()) {
            throw new IllegalStateException("The directory " + alias + " did not validate: " + registration.at("/report"));
        }
        LoginRequest sandbox = new LoginRequest(serverUrl, serviceUrl);
        String testUrl = registration.at("/testLogin").asText();
        BrokeredLogin.Outcome tested = new BrokeredLogin(sandbox, serverUrl).loginFrom(sandbox.get(testUrl), testUrl, testLogin, password);
        if (tested.status() != 200 || !tested.body().contains("Testanmeldung")) {
            throw new IllegalStateException("The test login of " + alias + " failed (HTTP " + tested.status() + ")");
        }
        JsonNode afterTest = JSON.readTree(call("GET", "/dvc-registrations/" + alias, operatorToken, null).body());
        for (JsonNode proof : afterTest.path("domainProofs")) {
            dns.publishTxt(proof.path("txtRecord").asText(), proof.path("txtValue").asText());
        }
        expect(call("POST", "/dvc-registrations/" + alias + "/domain-proofs", operatorToken, null), 200, "the domain proof of " + alias);
        JsonNode approved = JSON.readTree(expect(call("POST", "/dvc-registrations/" + alias + "/transitions", secondOperatorToken,
                Map.of("action", "approve")), 200, "approving " + alias).body());
        if (!"active".equals(approved.path("state").asText())) {
            throw new IllegalStateException(alias + " is " + approved.path("state").asText() + " after the approval, not active");
        }
    }

    /** One directory IdP through the admin API (see the class comment); its bind secret as given. */
    void insert(String alias, Map<String, Object> settings) throws IOException {
        Map<String, Object> stored = new LinkedHashMap<>(settings);
        String secret = (String) stored.remove("bindSecret");
        IdentityProviderRepresentation idp = new IdentityProviderRepresentation();
        idp.setAlias(alias);
        idp.setDisplayName(alias);
        idp.setProviderId("dvc-ldap");
        idp.setEnabled(true);
        idp.setConfig(new LinkedHashMap<>(Map.of("dvc.directory.settings", JSON.writeValueAsString(stored),
                "dvc.directory.bind-secret", secret)));
        try (jakarta.ws.rs.core.Response response = admin.realm("dvc").identityProviders().create(idp)) {
            if (response.getStatus() != 201) {
                throw new IllegalStateException("Creating directory IdP " + alias + " failed: HTTP " + response.getStatus() + " "
                        + response.readEntity(String.class));
            }
        }
    }

    private static HttpResponse<String> expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + " failed: HTTP " + response.statusCode() + " " + response.body());
        }
        return response;
    }

    private HttpResponse<String> call(String method, String path, String token, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(serverUrl + "/realms/dvc" + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
