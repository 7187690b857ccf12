package de.dvc.iam.demo.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The device grant (RFC 8628) as docs/agency-admins.md uses it for the registration and audit APIs: the public
 * client asks for a device code, the person opens the verification URL, finds her agency through discovery, logs
 * in at her agency's IdP (password {@code demo}) and accepts; the client then gets her tokens. For tests and
 * benchmarks, browser-less.
 */
public final class DeviceGrant {

    /** The public client of the registration API for terminals. */
    public static final String CLIENT = "dvc-registration-cli";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeviceGrant() {
    }

    /** The token response of a device grant of {@code client} for the person with {@code email} / {@code user}. */
    public static JsonNode response(String serverUrl, String serviceUrl, String client, String email, String user) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String endpoint = serverUrl + "/realms/dvc/protocol/openid-connect";
        JsonNode device = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(endpoint + "/auth/device"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("client_id=" + client)).build(), HttpResponse.BodyHandlers.ofString()).body());
        String verification = device.get("verification_uri_complete").asText();

        LoginRequest browser = new LoginRequest(serverUrl, serviceUrl);
        BrokeredLogin login = new BrokeredLogin(browser, serverUrl);
        BrokeredLogin.Outcome discovery = login.follow(browser.get(verification), verification);
        BrokeredLogin.Outcome done = login.loginFrom(login.submit(discovery, "dvc-email-form", Map.of("email", email)),
                discovery.lastUrl(), user, "demo");
        if (done.body().contains("name=\"accept\"")) {
            // Keycloak asks the person to grant the device access: she accepts.
            Matcher action = Pattern.compile("<form[^>]*action=\"([^\"]+)\"").matcher(done.body());
            Matcher code = Pattern.compile("name=\"code\" value=\"([^\"]*)\"").matcher(done.body());
            if (!action.find() || !code.find()) {
                throw new IllegalStateException("No grant form after the device login: " + done.body());
            }
            browser.http().send(HttpRequest.newBuilder(URI.create(serverUrl + action.group(1).replace("&amp;", "&")
                            .replaceFirst("^https?://[^/]+", ""))).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("code=" + code.group(1) + "&accept=Ja")).build(), HttpResponse.BodyHandlers.ofString());
        }
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(endpoint + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("client_id=" + client + "&grant_type=urn:ietf:params:oauth:grant-type:device_code"
                        + "&device_code=" + device.get("device_code").asText())).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    /** An access token of {@value #CLIENT}; fails with the token endpoint's answer if there is none. */
    public static String accessToken(String serverUrl, String serviceUrl, String email, String user) throws Exception {
        JsonNode tokens = response(serverUrl, serviceUrl, CLIENT, email, user);
        if (!tokens.has("access_token")) {
            throw new IllegalStateException("No access token for " + email + ": " + tokens);
        }
        return tokens.get("access_token").asText();
    }
}
