package de.dvc.iam.it;

import com.fasterxml.jackson.databind.JsonNode;
import de.dvc.iam.demo.DemoAgencies;
import de.dvc.iam.demo.DemoAgencies.DemoAgency;
import de.dvc.iam.demo.DemoFederation;
import de.dvc.iam.demo.client.BrokeredLogin;
import de.dvc.iam.demo.client.LoginRequest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded brokered-login load on a federation (cluster tests): {@code threads} browsers log in one after the
 * other, alternating the demo's SAML and OIDC agency and {@value #USERS} people of each ({@link #ensureUsers}),
 * each login redeemed for tokens. Every attempt is recorded
 * with its time, so a test can tell which logins failed around an event it caused (a killed node).
 */
final class LoginLoad implements AutoCloseable {

    /** The demo service's client (confidential); its redirect URI is never called. */
    static final String SERVICE_URL = "http://127.0.0.1:9";
    /** People per agency: a civil servant logs in from one browser at a time, not from four at once. */
    static final int USERS = 20;
    private static final String PASSWORD = "load";

    /**
     * Creates the load's people in the demo agencies' IdP realms and logs each in once through {@code serverUrl}
     * (that creates her DVC user), one after the other. The agency realms stand in for agencies' own IdPs: their
     * brute-force lockout is switched off, so a failed password check while the database is down does not lock
     * out a test person (a real agency IdP has its own policy; DVC's realm keeps its protection).
     */
    static void ensureUsers(org.keycloak.admin.client.Keycloak admin, String serverUrl) throws Exception {
        for (DemoAgency agency : DemoAgencies.ALL) {
            var realm = admin.realm(agency.idpRealm());
            var settings = realm.toRepresentation();
            settings.setBruteForceProtected(false);
            realm.update(settings);
            de.dvc.iam.demo.AgencyIdpUsers users = new de.dvc.iam.demo.AgencyIdpUsers(admin, agency);
            for (int i = 0; i < USERS; i++) {
                users.ensure(new DemoAgencies.DemoUser(user(i), user(i) + "@" + agency.domain(), "Last", "Person " + i, PASSWORD,
                        "Referat " + i, List.of()));
            }
        }
        LoginLoad first = new LoginLoad(serverUrl, 1);
        for (int n = 0; n < USERS * DemoAgencies.ALL.size(); n++) {
            Attempt attempt = first.attempt(n);
            if (!attempt.succeeded()) {
                throw new AssertionError("First login of " + user(n / DemoAgencies.ALL.size()) + " failed: " + attempt.error());
            }
        }
        first.threads.shutdownNow();
    }

    private static String user(int index) {
        return "last-" + index;
    }

    /** One login: when it started and ended (ms since the load started), and its refresh token or its error. */
    record Attempt(long startMillis, long endMillis, DemoAgency agency, String refreshToken, String error) {
        boolean succeeded() {
            return error == null;
        }
    }

    private final String serverUrl;
    private final List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean stop = new AtomicBoolean();
    private final ExecutorService threads;
    private final long startNanos = System.nanoTime();

    private LoginLoad(String serverUrl, int threads) {
        this.serverUrl = serverUrl;
        this.threads = Executors.newFixedThreadPool(threads);
    }

    /** Starts {@code threads} login loops; each ends at {@link #stop()}, after {@code maxLogins} attempts or after 10 minutes. */
    static LoginLoad start(String serverUrl, int threads, int maxLogins) {
        LoginLoad load = new LoginLoad(serverUrl, threads);
        AtomicInteger count = new AtomicInteger();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        for (int t = 0; t < threads; t++) {
            load.threads.execute(() -> {
                int n;
                while (!load.stop.get() && (n = count.getAndIncrement()) < maxLogins && System.nanoTime() < deadline) {
                    Attempt attempt = load.attempt(n);
                    load.attempts.add(attempt);
                    if (!attempt.succeeded()) {
                        pause(); // a person whose login failed tries again after a moment, not in a tight loop
                    }
                }
            });
        }
        return load;
    }

    private static void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Milliseconds since the load started (the time axis of {@link Attempt}). */
    long now() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** Login number {@code n}: agencies alternate, people take turns. */
    private Attempt attempt(int n) {
        DemoAgency agency = DemoAgencies.ALL.get(n % DemoAgencies.ALL.size());
        String username = user((n / DemoAgencies.ALL.size()) % USERS);
        long start = now();
        try {
            BrokeredLogin browser = new BrokeredLogin(new LoginRequest(serverUrl, SERVICE_URL), serverUrl);
            BrokeredLogin.Outcome outcome = browser.login(agency.idpAlias(), username, PASSWORD, Map.of());
            if (!outcome.succeeded()) {
                return new Attempt(start, now(), agency, null, "stopped at " + outcome.lastUrl().replaceFirst("[?].*", "")
                        + " (HTTP " + outcome.status() + ")");
            }
            JsonNode tokens = browser.tokenResponse(outcome, DemoFederation.DEMO_CLIENT_SECRET);
            return new Attempt(start, now(), agency, tokens.get("refresh_token").asText(), null);
        } catch (Exception | AssertionError e) {
            String message = String.valueOf(e.getMessage());
            return new Attempt(start, now(), agency, null, e.getClass().getSimpleName() + ": "
                    + message.substring(0, Math.min(200, message.length())));
        }
    }

    /** Ends the load after the running attempts (at most 2 minutes) and returns every attempt in start order. */
    List<Attempt> stop() throws InterruptedException {
        stop.set(true);
        threads.shutdown();
        if (!threads.awaitTermination(2, TimeUnit.MINUTES)) {
            threads.shutdownNow();
        }
        synchronized (attempts) {
            List<Attempt> all = new ArrayList<>(attempts);
            all.sort(java.util.Comparator.comparingLong(Attempt::startMillis));
            return all;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** How many of the refresh tokens the token endpoint at {@code serverUrl} no longer accepts: sessions lost. */
    static List<String> rejectedRefreshTokens(String serverUrl, List<String> refreshTokens) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String basic = "Basic " + Base64.getEncoder().encodeToString((DemoFederation.DEMO_CLIENT_ID + ":"
                + DemoFederation.DEMO_CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        List<String> rejected = new ArrayList<>();
        for (String token : refreshTokens) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(serverUrl + "/realms/" + DemoFederation.REALM
                            + "/protocol/openid-connect/token")).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", basic)
                    .POST(HttpRequest.BodyPublishers.ofString(LoginRequest.encode(Map.of("grant_type", "refresh_token",
                            "refresh_token", token)))).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                rejected.add("HTTP " + response.statusCode() + " " + response.body());
            }
        }
        return rejected;
    }
}
