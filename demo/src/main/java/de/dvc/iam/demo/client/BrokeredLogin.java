package de.dvc.iam.demo.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A whole brokered login without a browser (tests, benchmarks): a realm such as dvc → agency IdP login form → SAML POST binding
 * or OIDC redirect back → realm dvc → the service's redirect URI with a code, or a page that stops it.
 * Every hop is followed by hand (at most {@value #MAX_HOPS}), so a test sees where it ended.
 */
public final class BrokeredLogin {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_HOPS = 20;
    private static final Pattern POST_FORM = Pattern.compile("<form[^>]*method=\"post\"[^>]*action=\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"");

    private final LoginRequest request;
    private final String serverUrl;

    public BrokeredLogin(LoginRequest request, String serverUrl) {
        this.request = request;
        this.serverUrl = serverUrl;
    }

    public LoginRequest request() {
        return request;
    }

    /** Where a login ended: the code for the service, or the page (status and body) that stopped it. */
    public record Outcome(int status, String body, String code, String lastUrl) {
        public boolean succeeded() {
            return code != null;
        }
    }

    /** Starts at the service with {@code kc_idp_hint}, logs in at the agency with {@code username}/{@code password}. */
    public Outcome login(String idpAlias, String username, String password, Map<String, String> extra) throws Exception {
        Map<String, String> params = new LinkedHashMap<>(extra);
        params.put("kc_idp_hint", idpAlias);
        return loginFrom(request.start(params), "", username, password);
    }

    /**
     * Follows {@code response} (e.g. a service's redirect to DVC IAM, fetched from {@code url}) to the
     * agency's login form, logs in there and follows on to the service's redirect URI.
     */
    public Outcome loginFrom(HttpResponse<String> response, String url, String username, String password) throws Exception {
        Outcome first = follow(response, url);
        if (first.succeeded() || !first.body().contains("id=\"kc-form-login\"")) {
            return first; // SSO, or stopped before the agency's login page
        }
        HttpResponse<String> afterLogin = request.submit(new Page(first.body()), "kc-form-login",
                Map.of("username", username, "password", password));
        return follow(afterLogin, first.lastUrl());
    }

    /** Submits the form {@code formId} of the page where {@code page} stopped (e.g. DVC's discovery page). */
    public HttpResponse<String> submit(Outcome page, String formId, Map<String, String> form) throws Exception {
        return request.submit(new Page(page.body()), formId, form);
    }

    /** A second request of the same browser: SSO cookies apply. */
    public Outcome again(Map<String, String> extra) throws Exception {
        return follow(request.start(extra), "");
    }

    public Outcome follow(HttpResponse<String> response, String url) throws Exception {
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            int status = response.statusCode();
            if (status / 100 == 3) {
                String location = URI.create(url.isEmpty() ? serverUrl + "/" : url).resolve(LoginRequest.location(response)).toString();
                if (location.startsWith(request.redirectUri())) {
                    Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
                    return new Outcome(status, "", code.find() ? code.group(1) : null, location);
                }
                url = location;
                response = request.get(location);
                continue;
            }
            Matcher post = POST_FORM.matcher(response.body());
            boolean samlPost = response.body().contains("name=\"SAMLResponse\"") || response.body().contains("name=\"SAMLRequest\"");
            if (status == 200 && samlPost && post.find()) {
                url = post.group(1).replace("&amp;", "&");
                response = postHidden(url, response.body());
                continue;
            }
            return new Outcome(status, response.body(), null, url);
        }
        throw new AssertionError("More than " + MAX_HOPS + " redirects, last at " + url);
    }

    /**
     * Tests only: {@code interceptor} sees (and may change) every SAML response this browser posts to DVC IAM's
     * broker endpoint, as an attacker between the agency IdP and DVC IAM would.
     */
    public void interceptSamlResponses(java.util.function.UnaryOperator<Map<String, String>> interceptor) {
        this.interceptor = interceptor;
    }

    private java.util.function.UnaryOperator<Map<String, String>> interceptor = java.util.function.UnaryOperator.identity();

    private HttpResponse<String> postHidden(String url, String body) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        Matcher hidden = HIDDEN.matcher(body);
        while (hidden.find()) {
            form.put(hidden.group(1), hidden.group(2).replace("&#x2b;", "+").replace("&#x3d;", "=").replace("&#x2f;", "/"));
        }
        if (form.containsKey("SAMLResponse") && url.contains("/broker/")) {
            form = new LinkedHashMap<>(interceptor.apply(form));
        }
        return request.http().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", LoginRequest.BROWSER_ACCEPT)
                .POST(HttpRequest.BodyPublishers.ofString(LoginRequest.encode(form))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Redeems the code at the token endpoint (client secret, PKCE verifier). */
    public Tokens redeem(Outcome outcome, String clientSecret) throws Exception {
        JsonNode tokens = tokenResponse(outcome, clientSecret);
        HttpResponse<String> userinfo = request.http().send(HttpRequest.newBuilder(
                        URI.create(serverUrl + "/realms/" + request.realm() + "/protocol/openid-connect/userinfo")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + tokens.get("access_token").asText()).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Tokens(payload(tokens.get("id_token").asText()), payload(tokens.get("access_token").asText()),
                JSON.readTree(userinfo.body()));
    }

    /**
     * The token endpoint's answer to the code of {@code outcome} (access, ID and refresh token).
     *
     * @param clientSecret the client's secret; empty for a public client
     */
    public JsonNode tokenResponse(Outcome outcome, String clientSecret) throws Exception {
        if (!outcome.succeeded()) {
            throw new AssertionError("The login did not end at the service but at " + outcome.lastUrl() + " (HTTP "
                    + outcome.status() + "):\n" + outcome.body());
        }
        Map<String, String> params = new LinkedHashMap<>(Map.of("grant_type", "authorization_code", "code", outcome.code(),
                "redirect_uri", request.redirectUri(), "code_verifier", request.verifier()));
        HttpRequest.Builder post = HttpRequest.newBuilder(
                        URI.create(serverUrl + "/realms/" + request.realm() + "/protocol/openid-connect/token")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (clientSecret.isEmpty()) {
            params.put("client_id", request.clientId());
        } else {
            String basic = Base64.getEncoder().encodeToString((request.clientId() + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
            post.header("Authorization", "Basic " + basic);
        }
        HttpResponse<String> response = request.http().send(post.POST(HttpRequest.BodyPublishers.ofString(
                LoginRequest.encode(params))).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("Token request failed: HTTP " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    public record Tokens(JsonNode idToken, JsonNode accessToken, JsonNode userinfo) {
    }

    private static JsonNode payload(String jwt) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    /** Lets {@link LoginRequest#submit} read a page body it got from here. */
    private static final class Page implements HttpResponse<String> {
        private final String body;

        Page(String body) {
            this.body = body;
        }

        @Override public int statusCode() { return 200; }
        @Override public HttpRequest request() { return null; }
        @Override public java.util.Optional<HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
        @Override public java.net.http.HttpHeaders headers() { return java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true); }
        @Override public String body() { return body; }
        @Override public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return java.util.Optional.empty(); }
        @Override public URI uri() { return URI.create("http://localhost/"); }
        @Override public java.net.http.HttpClient.Version version() { return java.net.http.HttpClient.Version.HTTP_1_1; }
    }
}
