package de.dvc.iam.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.dvc.iam.demo.client.DeviceGrant;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The demo's newcomer: agency {@value #AGENCY} ("Gemeinde Musterstadt"), which has no IdP yet, created through the
 * agency API by the demo's federation operator (petra.betrieb, logging in as docs/federation-operators.md shows), and a
 * fresh invitation for its contact at every start (the previous pending one is revoked: a link is shown only once).
 * The demo has no SMTP server, so the link is printed instead of mailed.
 */
final class DemoOnboarding {

    static final String AGENCY = "musterstadt";
    static final String CONTACT = "it-leitung@musterstadt.example";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String serverUrl;
    private final String serviceUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    DemoOnboarding(String serverUrl, String serviceUrl) {
        this.serverUrl = serverUrl;
        this.serviceUrl = serviceUrl;
    }

    /** Creates the agency if it is missing and returns a fresh invitation link for its contact. */
    String freshInvitation() throws Exception {
        DemoAgencies.DemoUser operator = DemoAgencies.DEMO_OPERATOR;
        String token = DeviceGrant.accessToken(serverUrl, serviceUrl, operator.email(), operator.username());
        if (call("GET", "/" + AGENCY, token, null).statusCode() == 404) {
            HttpResponse<String> created = call("POST", "", token, Map.of("id", AGENCY, "name", "Gemeinde Musterstadt",
                    "level", "municipal", "state", "DE-BY", "contacts", List.of(Map.of("name", "Erika Musterfrau", "email", CONTACT))));
            if (created.statusCode() != 201) {
                throw new IllegalStateException("Creating agency " + AGENCY + " failed: " + created.statusCode() + " " + created.body());
            }
        }
        for (JsonNode invitation : JSON.readTree(call("GET", "/" + AGENCY + "/invitations", token, null).body()).path("invitations")) {
            if ("pending".equals(invitation.path("status").asText())) {
                call("DELETE", "/" + AGENCY + "/invitations/" + invitation.path("id").asText(), token, null);
            }
        }
        HttpResponse<String> invited = call("POST", "/" + AGENCY + "/invitations", token, Map.of("email", CONTACT, "name", "Erika Musterfrau"));
        if (invited.statusCode() != 201) {
            throw new IllegalStateException("Inviting the contact of " + AGENCY + " failed: " + invited.statusCode() + " " + invited.body());
        }
        return JSON.readTree(invited.body()).path("link").asText();
    }

    private HttpResponse<String> call(String method, String path, String token, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(serverUrl + "/realms/dvc/dvc-agencies" + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
