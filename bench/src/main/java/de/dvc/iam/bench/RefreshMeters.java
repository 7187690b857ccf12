package de.dvc.iam.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metadata refresh's meters as the server's management interface serves them ({@code /metrics}, Prometheus text):
 * {@code dvc_registration_*} series only, read at one moment. Counters are per process: compare two readings of the
 * same server start.
 */
record RefreshMeters(Map<String, Double> series) {

    private static final Pattern LINE = Pattern.compile("(dvc_registration_[a-z_]+)(\\{[^}]*})?\\s+([-+0-9.eEInfNa]+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_]+)=\"([^\"]*)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static RefreshMeters read(String managementUrl) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(managementUrl + "/metrics"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The server's /metrics answered HTTP " + response.statusCode());
        }
        Map<String, Double> series = new TreeMap<>();
        for (String line : response.body().split("\n")) {
            Matcher matcher = LINE.matcher(line);
            if (!line.startsWith("#") && matcher.matches()) {
                series.put(matcher.group(1) + labels(matcher.group(2)), Double.parseDouble(matcher.group(3)));
            }
        }
        return new RefreshMeters(series);
    }

    /** Labels in a fixed form, {@code {a=x,b=y}} sorted, so that series compare across readings. */
    private static String labels(String raw) {
        if (raw == null) {
            return "";
        }
        Map<String, String> sorted = new TreeMap<>();
        Matcher matcher = LABEL.matcher(raw);
        while (matcher.find()) {
            sorted.put(matcher.group(1), matcher.group(2));
        }
        return sorted.toString();
    }

    /** The series of {@code name} by the value of {@code label} (summed over other labels). */
    Map<String, Double> by(String name, String label) {
        Map<String, Double> values = new TreeMap<>();
        Pattern wanted = Pattern.compile(Pattern.quote(name) + "\\{.*\\b" + label + "=([^,}]*).*");
        series.forEach((key, value) -> {
            Matcher matcher = wanted.matcher(key);
            if (matcher.matches()) {
                values.merge(matcher.group(1), value, Double::sum);
            }
        });
        return values;
    }

    /** The value of a series without labels (a gauge such as {@code dvc_registration_refresh_backlog}), or -1 if absent. */
    double value(String name) {
        return series.entrySet().stream().filter(e -> e.getKey().equals(name) || e.getKey().equals(name + "{}")).mapToDouble(Map.Entry::getValue)
                .findFirst().orElse(-1);
    }

    /** What {@code name} by {@code label} grew from {@code before} to this reading. */
    Map<String, Long> growth(RefreshMeters before, String name, String label) {
        Map<String, Long> grown = new TreeMap<>();
        Map<String, Double> earlier = before.by(name, label);
        by(name, label).forEach((key, value) -> {
            long delta = Math.round(value - earlier.getOrDefault(key, 0.0));
            if (delta != 0) {
                grown.put(key, delta);
            }
        });
        return grown;
    }

    /** The sum of all series of {@code name}. */
    double total(String name) {
        return series.entrySet().stream().filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
                .mapToDouble(Map.Entry::getValue).sum();
    }
}
