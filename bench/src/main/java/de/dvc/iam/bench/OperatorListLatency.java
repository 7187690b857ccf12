package de.dvc.iam.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * The federation operator's list of registrations ({@code GET /realms/dvc/dvc-registrations}), page of 100, sequential
 * requests from one client: the first page, every page by the {@code after} cursor, pages after random positions, and
 * each filter. Each case notes the totals the API gave, to be checked against what the benchmark registered.
 */
final class OperatorListLatency {

    /** One case: its latencies, and the smallest and largest {@code total} the API reported. */
    record Case(String name, Latencies latencies, long minTotal, long maxTotal, String expected) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REQUESTS = 100;
    private static final int WARMUP = 20;
    private static final int MAX_WALK = 500;

    private final String base;
    private final String token;
    /** Stock Keycloak's list of IdPs (admin REST API), the reference measured in the same run. */
    private final String stockBase;
    private final java.util.function.Supplier<String> adminToken;
    private final int count;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Random random = new Random(11);

    OperatorListLatency(String serverUrl, String token, java.util.function.Supplier<String> adminToken, int count) {
        this.base = serverUrl + "/realms/dvc/dvc-registrations?limit=100";
        this.token = token;
        this.stockBase = serverUrl + "/admin/realms/dvc/identity-provider/instances?max=100";
        this.adminToken = adminToken;
        this.count = count;
    }

    /** All cases; a case not started before {@code deadline} is left out (the refresh round must not overlap). */
    List<Case> measure(Instant deadline, AgencyDocuments documents) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            get("&agency=" + AgencyDocuments.agency(random.nextInt(count)));
            get("&after=" + AgencyDocuments.alias(random.nextInt(count)));
        }
        long saml = java.util.stream.IntStream.range(0, count).filter(i -> !AgencyDocuments.oidc(i)).count();
        long expiring = java.util.stream.IntStream.range(0, count).filter(AgencyDocuments::expiringCertificate).count();
        long failing = java.util.stream.IntStream.range(0, count)
                .filter(i -> AgencyDocuments.behaviour(i) == AgencyDocuments.Behaviour.FAILING).count();
        List<Case> cases = new ArrayList<>();
        cases.add(repeated("first page, no filter", i -> "", "≥ " + count, deadline));
        cases.add(walk("every page in turn by cursor (after=next), no filter", "", "≥ " + count, deadline));
        cases.add(repeated("page after a random position (after=alias)", i -> "&after=" + AgencyDocuments.alias(random.nextInt(count)),
                "< " + count, deadline));
        cases.add(repeated("state=active", i -> "&state=active", "≥ " + count, deadline));
        cases.add(repeated("agency=<random agency>", i -> "&agency=" + AgencyDocuments.agency(random.nextInt(count)), "1 or 2", deadline));
        cases.add(repeated("protocol=saml", i -> "&protocol=saml", "≥ " + saml, deadline));
        cases.add(repeated("refreshFailing=true", i -> "&refreshFailing=true", failing + " (the HTTP 500 agencies)", deadline));
        cases.add(walk("refreshFailing=true, every page by cursor", "&refreshFailing=true", failing + "", deadline));
        cases.add(repeated("certificateExpiresWithinDays=30", i -> "&certificateExpiresWithinDays=30", expiring + "", deadline));
        cases.add(repeated("domain=<random registered domain>", i -> "&domain=" + AgencyDocuments.domains(random.nextInt(count)).get(1), "1",
                deadline));
        cases.add(repeated("entityId=<random entityID or issuer>", i -> "&entityId="
                + URLEncoder.encode(documents.entityId(random.nextInt(count)), StandardCharsets.UTF_8), "1", deadline));
        cases.add(repeated("state=active&agency=<random>&refreshFailing=false", i -> "&state=active&refreshFailing=false&agency="
                + AgencyDocuments.agency(random.nextInt(count)), "0 to 2", deadline));
        for (int i = 0; i < WARMUP; i++) {
            stock("&first=" + random.nextInt(count));
        }
        cases.add(repeatedStock("stock Keycloak: admin API list of IdPs, first 100 (first=0&max=100)", i -> "&first=0", deadline));
        cases.add(repeatedStock("stock Keycloak: admin API list of IdPs, 100 after a random offset", i -> "&first=" + random.nextInt(count),
                deadline));
        cases.add(repeatedStock("stock Keycloak: admin API list of IdPs, first 100, brief representation", i -> "&first=0&briefRepresentation=true",
                deadline));
        cases.removeIf(c -> c.latencies().count() == 0);
        return cases;
    }

    private Case repeated(String name, IntFunction<String> query, String expected, Instant deadline) throws Exception {
        Latencies latencies = new Latencies(REQUESTS);
        long[] totals = {Long.MAX_VALUE, Long.MIN_VALUE};
        for (int i = 0; i < REQUESTS && Instant.now().isBefore(deadline); i++) {
            String q = query.apply(i);
            long began = System.nanoTime();
            JsonNode page = get(q);
            latencies.add(System.nanoTime() - began, 0);
            note(totals, page);
        }
        return new Case(name, latencies, totals[0], totals[1], expected);
    }

    /** Follows {@code next} from the first page to the last (at most {@value #MAX_WALK} pages). */
    private Case walk(String name, String filter, String expected, Instant deadline) throws Exception {
        Latencies latencies = new Latencies(MAX_WALK);
        long[] totals = {Long.MAX_VALUE, Long.MIN_VALUE};
        String after = null;
        for (int page = 0; page < MAX_WALK && Instant.now().isBefore(deadline); page++) {
            long began = System.nanoTime();
            JsonNode body = get(filter + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8)));
            latencies.add(System.nanoTime() - began, 0);
            note(totals, body);
            if (body.path("next").isNull() || body.path("next").isMissingNode()) {
                break;
            }
            after = body.get("next").asText();
        }
        return new Case(name, latencies, totals[0], totals[1], expected);
    }

    /** Stock Keycloak's IdP list: no filter of DVC's, no total (its answer is a bare array). */
    private Case repeatedStock(String name, IntFunction<String> query, Instant deadline) throws Exception {
        Latencies latencies = new Latencies(REQUESTS);
        long[] sizes = {Long.MAX_VALUE, Long.MIN_VALUE};
        for (int i = 0; i < REQUESTS && Instant.now().isBefore(deadline); i++) {
            String q = query.apply(i);
            String bearer = adminToken.get(); // outside the measured time (the admin client refreshes it when due)
            long began = System.nanoTime();
            JsonNode page = stock(q, bearer);
            latencies.add(System.nanoTime() - began, 0);
            sizes[0] = Math.min(sizes[0], page.size());
            sizes[1] = Math.max(sizes[1], page.size());
        }
        return new Case(name, latencies, sizes[0], sizes[1], "a page of IdPs (no total; sizes shown)");
    }

    private JsonNode stock(String query) throws Exception {
        return stock(query, adminToken.get());
    }

    private JsonNode stock(String query, String bearer) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stockBase + query)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + bearer).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET identity-provider/instances?" + query + " answered HTTP " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    private static void note(long[] totals, JsonNode page) {
        long total = page.path("total").asLong(-1);
        totals[0] = Math.min(totals[0], total);
        totals[1] = Math.max(totals[1], total);
    }

    private JsonNode get(String query) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + query)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET dvc-registrations?" + query + " answered HTTP " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
