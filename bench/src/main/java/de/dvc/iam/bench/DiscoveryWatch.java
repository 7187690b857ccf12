package de.dvc.iam.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One node's public discovery search ({@code /realms/dvc/dvc-discovery/search}, what the login page asks while a person
 * types), polled from one client thread: until an IdP appears in or leaves the results, or while the node warms up
 * after its start. Every wait is bounded in time and in polls. One watch per thread.
 */
final class DiscoveryWatch {

    /** Between two polls of a change. */
    static final Duration INTERVAL = Duration.ofMillis(100);
    /** A change not seen within this is reported as not seen. */
    static final Duration LIMIT = Duration.ofSeconds(60);
    private static final int MAX_POLLS = (int) (LIMIT.toMillis() / INTERVAL.toMillis());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String nodeUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    DiscoveryWatch(String nodeUrl) {
        this.nodeUrl = nodeUrl;
    }

    /** One answer of the search: HTTP status (0: no connection), the IdPs listed, whether the directory was complete. */
    record Answer(int status, List<String> idps, boolean complete, long nanos) {
        boolean usable() {
            return status == 200 && complete;
        }
    }

    /** When a change was seen: seconds after the event began (NaN: not within {@link #LIMIT}), polls, polls that failed. */
    record Seen(double seconds, int polls, int failed) {
        boolean inTime() {
            return !Double.isNaN(seconds);
        }
    }

    /**
     * Polls until the search for {@code word} lists IdP {@code alias} ({@code present}) or no longer lists it (not
     * {@code present}), in a complete directory.
     *
     * @param since {@link System#nanoTime()} when the change was begun
     */
    Seen await(String word, String alias, boolean present, long since) throws InterruptedException {
        long deadline = since + LIMIT.toNanos();
        int polls = 0;
        int failed = 0;
        while (polls < MAX_POLLS && System.nanoTime() < deadline) {
            Answer answer = search(word);
            polls++;
            if (!answer.usable()) {
                failed++;
            } else if (answer.idps().contains(alias) == present) {
                return new Seen((System.nanoTime() - since) / 1e9, polls, failed);
            }
            Thread.sleep(INTERVAL.toMillis());
        }
        return new Seen(Double.NaN, polls, failed);
    }

    /** What a node's search answered from the moment its start began until its directory was complete. */
    record Warming(double firstAnswerSeconds, int loadingAnswers, double maxLoadingMillis, double completeSeconds, int otherAnswers) {
    }

    /**
     * Polls {@code word} every 250 ms from {@code since} until the node answers from a complete directory, at most
     * {@code limit}: connection refused while the node starts, then (if the build is not done by then) answers marked
     * "still loading", then complete ones.
     */
    Warming warmUp(String word, long since, Duration limit) throws InterruptedException {
        long deadline = since + limit.toNanos();
        double first = Double.NaN;
        int loading = 0;
        int other = 0;
        double maxLoading = 0;
        for (int polls = 0; polls < limit.toMillis() / 250 + 1 && System.nanoTime() < deadline; polls++) {
            Answer answer = search(word);
            double at = (System.nanoTime() - since) / 1e9;
            if (answer.status() != 0 && Double.isNaN(first)) {
                first = at;
            }
            if (answer.usable()) {
                return new Warming(first, loading, maxLoading, at, other);
            } else if (answer.status() == 200) {
                loading++;
                maxLoading = Math.max(maxLoading, answer.nanos() / 1e6);
            } else if (answer.status() != 0) {
                other++; // e.g. 404 while the node has not loaded realm dvc yet
            }
            Thread.sleep(250);
        }
        return new Warming(first, loading, maxLoading, Double.NaN, other);
    }

    /** One search; status 0 when the node does not answer. */
    Answer search(String word) throws InterruptedException {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(nodeUrl + "/realms/dvc/dvc-discovery/search?q="
                    + URLEncoder.encode(word, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            long nanos = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                return new Answer(response.statusCode(), List.of(), false, nanos);
            }
            JsonNode body = JSON.readTree(response.body());
            List<String> idps = new ArrayList<>();
            body.path("results").forEach(result -> idps.add(result.path("idp").asText()));
            return new Answer(200, idps, body.path("complete").asBoolean(false), nanos);
        } catch (IOException e) {
            return new Answer(0, List.of(), false, System.nanoTime() - start);
        }
    }
}
