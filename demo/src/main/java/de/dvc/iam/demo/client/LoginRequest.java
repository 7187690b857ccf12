package de.dvc.iam.demo.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser-less login at a realm ({@code dvc} unless named) as the demo service starts it (code flow, PKCE S256),
 * with its own cookie jar and without following redirects, so a test sees every hop.
 */
public final class LoginRequest {

    private static final Pattern FORM_ACTION = Pattern.compile("<form id=\"%s\"[^>]*action=\"([^\"]+)\"");

    /** What a browser accepts on navigation; some relying parties (mod_auth_openidc) answer others with 401. */
    static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private final HttpClient http;
    private final LoopbackCookieJar cookies = new LoopbackCookieJar();
    private final String serverUrl;
    private final String redirectUri;
    private final String realm;
    private String clientId = "demo-service";
    private String verifier;

    public LoginRequest(String serverUrl, String serviceUrl) {
        this(serverUrl, serviceUrl, "dvc");
    }

    /** @param realm the realm to log in at, {@code dvc} or a benchmark's comparison realm */
    public LoginRequest(String serverUrl, String serviceUrl, String realm) {
        this(serverUrl, realm, serviceUrl + "/login/oauth2/code/dvc", true);
    }

    /** A client of realm {@code dvc} whose redirect URI is {@code redirectUri} (e.g. a mod_auth_openidc service). */
    public static LoginRequest redirectingTo(String serverUrl, String redirectUri) {
        return new LoginRequest(serverUrl, "dvc", redirectUri, true);
    }

    /**
     * A login at realm {@code dvc} whose agency IdP is served over HTTPS with a certificate {@code tls}
     * trusts (e.g. a test's agency web server).
     */
    public LoginRequest(String serverUrl, String serviceUrl, javax.net.ssl.SSLContext tls) {
        this(serverUrl, "dvc", serviceUrl + "/login/oauth2/code/dvc", tls);
    }

    /** {@code explicitRedirect} only tells this constructor apart from the public (server, service, realm) one. */
    private LoginRequest(String serverUrl, String realm, String redirectUri, boolean explicitRedirect) {
        this(serverUrl, realm, redirectUri, (javax.net.ssl.SSLContext) null);
    }

    private LoginRequest(String serverUrl, String realm, String redirectUri, javax.net.ssl.SSLContext tls) {
        this.realm = realm;
        this.serverUrl = serverUrl;
        this.redirectUri = redirectUri;
        HttpClient.Builder builder = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5));
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
    }

    /** Starts later requests as another client of realm dvc (same redirect URI as the demo service). */
    public LoginRequest as(String clientId) {
        this.clientId = clientId;
        return this;
    }

    public String realm() {
        return realm;
    }

    public String clientId() {
        return clientId;
    }

    public String redirectUri() {
        return redirectUri;
    }

    /** The PKCE verifier of the last {@link #start}. */
    public String verifier() {
        return verifier;
    }

    public HttpClient http() {
        return http;
    }

    public LoopbackCookieJar cookies() {
        return cookies;
    }

    /** GET the authorization endpoint with the given extra parameters (kc_idp_hint, login_hint, ...). */
    public HttpResponse<String> start(Map<String, String> extra) throws IOException, InterruptedException {
        Map<String, String> params = new LinkedHashMap<>();
        verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        params.put("client_id", clientId);
        params.put("response_type", "code");
        params.put("scope", "openid");
        params.put("redirect_uri", redirectUri);
        params.put("state", UUID.randomUUID().toString());
        params.put("nonce", UUID.randomUUID().toString());
        params.put("code_challenge", challenge(verifier));
        params.put("code_challenge_method", "S256");
        params.putAll(extra);
        return get(serverUrl + "/realms/" + realm + "/protocol/openid-connect/auth?" + encode(params));
    }

    public HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Accept", BROWSER_ACCEPT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs {@code form} to the action of the form with id {@code formId} on {@code page}. */
    public HttpResponse<String> submit(HttpResponse<String> page, String formId, Map<String, String> form)
            throws IOException, InterruptedException {
        Matcher action = Pattern.compile(FORM_ACTION.pattern().formatted(formId)).matcher(page.body());
        if (!action.find()) {
            throw new AssertionError("No form '" + formId + "' on the page:\n" + page.body());
        }
        String url = action.group(1).replace("&amp;", "&");
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", BROWSER_ACCEPT)
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build(), HttpResponse.BodyHandlers.ofString());
    }

    public static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    public static String encode(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
