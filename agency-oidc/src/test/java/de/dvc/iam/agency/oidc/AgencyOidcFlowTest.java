package de.dvc.iam.agency.oidc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.json.JsonParser;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provider in this JVM (no front end: its issuer is its own plain-HTTP URL with the path), driven as DVC IAM's
 * broker drives it: discovery, authorization code with PKCE through the login form, token, userinfo. The brokered
 * login through DVC IAM is {@code AgencyOidcLoginIT} of the integration tests.
 */
class AgencyOidcFlowTest {

    private static final String REDIRECT = "http://localhost:8080/realms/dvc/broker/land-beispiel/endpoint";
    private static final String SECRET = "flow-test-secret";
    private static final JsonParser JSON = JsonParserFactory.getJsonParser();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private static ConfigurableApplicationContext app;
    private static String issuer;

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        issuer = "http://127.0.0.1:" + port + "/land-beispiel";
        app = new SpringApplicationBuilder(AgencyOidcApplication.class).run("--server.port=" + port,
                "--agency-oidc.issuer=" + issuer, "--agency-oidc.client.id=dvc-iam",
                "--agency-oidc.client.secret=" + SECRET, "--agency-oidc.client.redirect-uri=" + REDIRECT);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void discoveryIsAtTheIssuerWithPathAndNamesItsEndpointsThere() throws Exception {
        Map<String, Object> discovery = JSON.parseMap(get(issuer + "/.well-known/openid-configuration").body());

        assertThat(discovery).containsEntry("issuer", issuer).containsEntry("authorization_endpoint", issuer + "/oauth2/authorize")
                .containsEntry("token_endpoint", issuer + "/oauth2/token").containsEntry("jwks_uri", issuer + "/oauth2/jwks")
                .containsEntry("userinfo_endpoint", issuer + "/userinfo");
        assertThat((List<Object>) discovery.get("scopes_supported")).contains("openid", "profile", "email");
        assertThat((List<Object>) discovery.get("claims_supported")).contains("org_unit", "roles", "acr");
    }

    @Test
    void saraGetsAnIdTokenAndUserinfoWithTheClaimsDvcReads() throws Exception {
        Map<String, Object> tokens = login(AgencyStaff.SARA.username(), "demo");

        Map<String, Object> id = payload((String) tokens.get("id_token"));
        assertThat(id).containsEntry("iss", issuer).containsEntry("aud", "dvc-iam")
                .containsEntry("sub", AgencyStaff.SARA.subject()).containsEntry("given_name", "Sara")
                .containsEntry("family_name", "Yilmaz").containsEntry("email", "sara.yilmaz@beispiel-land.example")
                .containsEntry("email_verified", true).containsEntry("org_unit", "Referat 23 - Digitale Verwaltung")
                .containsEntry("org_unit_code", "IM-23").containsEntry("roles", List.of("Sachbearbeitung", "Digitalisierung"))
                .containsEntry("acr", ReleasedClaims.PASSWORD_ACR).containsKey("nonce");

        HttpResponse<String> userinfo = http.send(HttpRequest.newBuilder(URI.create(issuer + "/userinfo"))
                .header("Authorization", "Bearer " + tokens.get("access_token")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(userinfo.statusCode()).as(userinfo.body()).isEqualTo(200);
        assertThat(JSON.parseMap(userinfo.body())).containsEntry("sub", AgencyStaff.SARA.subject())
                .containsEntry("org_unit", "Referat 23 - Digitale Verwaltung").containsEntry("roles", List.of("Sachbearbeitung", "Digitalisierung"))
                .doesNotContainKey("acr");
    }

    @Test
    void aWrongPasswordStaysAtTheLoginForm() throws Exception {
        HttpResponse<String> afterLogin = submitLogin(AgencyStaff.SARA.username(), "falsch");

        assertThat(afterLogin.headers().firstValue("Location")).contains(issuer + "/login?error");
        assertThat(get(issuer + "/login?error").body()).contains("E-Mail-Adresse oder Passwort ist falsch.");
    }

    @Test
    void aRedirectUriThatIsNotDvcsIsRefusedWithoutRedirect() throws Exception {
        HttpResponse<String> answer = get(issuer + "/oauth2/authorize?" + form(Map.of("response_type", "code", "client_id", "dvc-iam",
                "scope", "openid", "redirect_uri", "http://localhost:8080/realms/dvc/broker/other/endpoint",
                "code_challenge", challenge("v".repeat(43)), "code_challenge_method", "S256")));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void withoutPkceThereIsNoCode() throws Exception {
        HttpResponse<String> answer = get(issuer + "/oauth2/authorize?" + form(Map.of("response_type", "code", "client_id", "dvc-iam",
                "scope", "openid", "redirect_uri", REDIRECT, "state", "s")));

        assertThat(answer.headers().firstValue("Location").orElse("")).startsWith(REDIRECT + "?error=invalid_request");
    }

    /** The whole code flow as DVC IAM's broker and a browser do it; returns the token response. */
    private Map<String, Object> login(String username, String password) throws Exception {
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        HttpResponse<String> authorize = get(issuer + "/oauth2/authorize?" + form(Map.of("response_type", "code", "client_id", "dvc-iam",
                "scope", "openid profile email", "redirect_uri", REDIRECT, "state", "st", "nonce", "n-1",
                "code_challenge", challenge(verifier), "code_challenge_method", "S256")));
        assertThat(authorize.headers().firstValue("Location")).contains(issuer + "/login");
        HttpResponse<String> afterLogin = submitLogin(username, password);
        String back = afterLogin.headers().firstValue("Location").orElseThrow();
        assertThat(back).startsWith(issuer + "/oauth2/authorize?");
        String withCode = get(back).headers().firstValue("Location").orElseThrow();
        assertThat(withCode).startsWith(REDIRECT + "?code=").contains("state=st");
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(withCode);
        assertThat(code.find()).isTrue();
        String basic = Base64.getEncoder().encodeToString(("dvc-iam:" + SECRET).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code",
                        "code", java.net.URLDecoder.decode(code.group(1), StandardCharsets.UTF_8), "redirect_uri", REDIRECT,
                        "code_verifier", verifier)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return JSON.parseMap(token.body());
    }

    private HttpResponse<String> submitLogin(String username, String password) throws Exception {
        Matcher csrf = CSRF.matcher(get(issuer + "/login").body());
        assertThat(csrf.find()).as("CSRF token on the login form").isTrue();
        return http.send(HttpRequest.newBuilder(URI.create(issuer + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password,
                        "_csrf", csrf.group(1))))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> payload(String jwt) {
        return JSON.parseMap(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    private static String form(Map<String, String> params) {
        return new LinkedHashMap<>(params).entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static String challenge(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }
}
