package de.dvc.iam.bench;

import de.dvc.iam.demo.DemoCluster;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What {@link DirectoryClusterBenchmark} measured, as Markdown. Not thread-safe. */
final class DirectoryClusterReport {

    /** One transition through node 1: seconds until its answer, and per node when its search showed the change. */
    record Event(double answeredSeconds, List<DiscoveryWatch.Seen> perNode) {
    }

    private static final Pattern FULL_BUILD = Pattern.compile("Agency directory of realm dvc: (\\d+) agencies, built in (\\d+) ms");
    private static final Pattern UPDATE = Pattern.compile(
            "Agency directory of realm dvc: \\d+ agencies, \\d+ of them updated for \\d+ change\\(s\\) in (\\d+) ms");

    private final int nodes;
    private final int rounds;
    private final String loadAtStart;
    private final StringBuilder startUp = new StringBuilder();
    private final List<Event> approved = new ArrayList<>();
    private final List<Event> suspended = new ArrayList<>();
    private final List<List<Long>> updateMillis = new ArrayList<>();
    private final long[] rssKilobytes;
    private String fixture = "";
    private String loadAtEnd = "";

    DirectoryClusterReport(int nodes, int rounds, String loadAtStart) {
        this.nodes = nodes;
        this.rounds = rounds;
        this.loadAtStart = loadAtStart;
        this.rssKilobytes = new long[nodes];
        for (int i = 0; i < nodes; i++) {
            updateMillis.add(new ArrayList<>());
        }
    }

    void load(String how) {
        fixture = how;
    }

    /** Node {@code node}'s start: what its search answered meanwhile, and its log from before the start. */
    void startUp(int node, DiscoveryWatch.Warming warming, List<ServerLog.Entry> log) {
        String built = "not in its log";
        String afterHttp = "?";
        Instant started = log.stream().filter(e -> e.message().contains("started in") && e.message().contains("Listening on"))
                .map(ServerLog.Entry::time).findFirst().orElse(null);
        for (ServerLog.Entry entry : log) {
            Matcher matcher = FULL_BUILD.matcher(entry.message());
            if (matcher.find()) {
                built = String.format(Locale.ROOT, "%,d agencies in %.1f s", Long.parseLong(matcher.group(1)),
                        Long.parseLong(matcher.group(2)) / 1000.0);
                afterHttp = started == null ? "?" : String.format(Locale.ROOT, "%+.1f s", Duration.between(started, entry.time()).toMillis() / 1000.0);
                break;
            }
        }
        startUp.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %d (slowest %.0f ms) | %d | %s |%n", DemoCluster.nodeName(node),
                built, afterHttp, seconds(warming.firstAnswerSeconds()), warming.loadingAnswers(), warming.maxLoadingMillis(),
                warming.otherAnswers(), seconds(warming.completeSeconds())));
    }

    void approved(Event event) {
        approved.add(event);
    }

    void suspended(Event event) {
        suspended.add(event);
    }

    /** The incremental updates node {@code node} logged during the rounds. */
    void updates(int node, List<ServerLog.Entry> log) {
        for (ServerLog.Entry entry : log) {
            Matcher matcher = UPDATE.matcher(entry.message());
            if (matcher.find()) {
                updateMillis.get(node).add(Long.parseLong(matcher.group(1)));
            }
        }
    }

    void memory(int node, long kilobytes) {
        rssKilobytes[node] = kilobytes;
    }

    void end(String loadAverage) {
        loadAtEnd = loadAverage;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        text.append("# Directory changes on a cluster at national size, ").append(LocalDate.now()).append("\n\n")
                .append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores shared by ").append(nodes)
                .append(" DVC nodes, PostgreSQL, HAProxy and the client; Java ").append(Runtime.version()).append(". Load average at the")
                .append(" start ").append(loadAtStart).append(", at the end ").append(loadAtEnd).append(".\n")
                .append("Fixture (fixtures/agencies.csv as federation files, dvc-config apply): ").append(fixture).append(".\n\n")
                .append("## Start-up\n\n")
                .append("| node | full build at start-up (its log) | build done vs. HTTP open | first search answer | answers \"still loading\""
                        + " | other answers (e.g. 404) | complete answer |\n|---|---|---|---|---|---|---|\n")
                .append(startUp)
                .append("\nTimes of the answers: seconds since the cluster's start began (node1 starts alone, then the others together).\n\n")
                .append("## A new agency's registration approved, then suspended, through node1\n\n")
                .append("Seconds from sending the transition to node1 until a node's search (polled every ")
                .append(DiscoveryWatch.INTERVAL.toMillis()).append(" ms) lists the IdP / no longer lists it; ").append(rounds)
                .append(" rounds, a new agency each; at most ").append(DiscoveryWatch.LIMIT.toSeconds()).append(" s.\n\n")
                .append("| event | node | seen | p50 s | max s | failed polls |\n|---|---|---|---|---|---|\n");
        rows(text, "approve → listed", approved);
        rows(text, "suspend → gone", suspended);
        text.append(String.format(Locale.ROOT, "%nThe transitions' own answer from node1: approve p50 %.2f s, max %.2f s; suspend p50 %.2f s, max %.2f s.%n",
                percentile(approved, Event::answeredSeconds, 50), percentile(approved, Event::answeredSeconds, 100),
                percentile(suspended, Event::answeredSeconds, 50), percentile(suspended, Event::answeredSeconds, 100)));
        text.append("\nIncremental updates the nodes logged while the new agencies were set up and during the rounds (read the changed"
                + " agencies, replace them):");
        for (int i = 0; i < nodes; i++) {
            List<Long> millis = updateMillis.get(i).stream().sorted().toList();
            text.append(i == 0 ? " " : "; ").append(DemoCluster.nodeName(i)).append(' ').append(millis.size()).append(millis.isEmpty() ? ""
                    : String.format(Locale.ROOT, ", p50 %d ms, max %d ms", millis.get((millis.size() - 1) / 2), millis.get(millis.size() - 1)));
        }
        text.append(".\nResident memory of the nodes at the end:");
        for (int i = 0; i < nodes; i++) {
            text.append(i == 0 ? " " : ", ").append(rssKilobytes[i] / 1024).append(" MB");
        }
        return text.append(".\n").toString();
    }

    private void rows(StringBuilder text, String name, List<Event> events) {
        for (int node = 0; node < nodes; node++) {
            int n = node;
            List<DiscoveryWatch.Seen> seen = events.stream().map(e -> e.perNode().get(n)).toList();
            long inTime = seen.stream().filter(DiscoveryWatch.Seen::inTime).count();
            Latencies latencies = new Latencies(seen.size());
            seen.stream().filter(DiscoveryWatch.Seen::inTime).forEach(s -> latencies.add((long) (s.seconds() * 1e9), 0));
            text.append(String.format(Locale.ROOT, "| %s | %s | %d of %d | %.1f | %.1f | %d |%n", name, DemoCluster.nodeName(node), inTime,
                    seen.size(), latencies.percentileMillis(50) / 1000, latencies.percentileMillis(100) / 1000,
                    seen.stream().mapToInt(DiscoveryWatch.Seen::failed).sum()));
        }
    }

    private static double percentile(List<Event> events, Function<Event, Double> value, double p) {
        Latencies latencies = new Latencies(events.size());
        events.forEach(e -> latencies.add((long) (value.apply(e) * 1e9), 0));
        return latencies.percentileMillis(p) / 1000;
    }

    private static String seconds(double value) {
        return Double.isNaN(value) ? "none" : String.format(Locale.ROOT, "%.1f s", value);
    }
}
