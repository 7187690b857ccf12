package de.dvc.iam.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Watches one scheduled metadata refresh round of a DVC server from outside: waits for the round's earliest start, notes
 * the server's CPU time while it is still idle, detects the start by the refresh counters moving ({@code /metrics}, polled
 * each second until then), and its end by the round's log line ({@code metadata_refresh_round}, category
 * {@code dvc.registration}); nothing polls the server while the round runs.
 */
final class RefreshRoundWatch {

    /**
     * A round as seen from outside (or a cycle of rounds, see {@link #awaitCycle}).
     *
     * @param line       what the round's own log line says (registrations, postponed, seconds, backlog)
     * @param parts      rounds it took (more than one when a round's budget ran out first)
     * @param start      when the (first) round started, known to ±0.5 s
     * @param seconds    from the detected start to the log line
     * @param cpuMillis  the server's CPU time from its last idle reading before the start to the end
     * @param outcomes   refreshes by outcome (counter {@code dvc_registration_refresh_total})
     * @param writes     database writes by kind (counter {@code dvc_registration_refresh_writes_total})
     * @param logLines   log lines of the round: DVC refresh events by type and outcome, other warnings and errors by logger
     */
    record Round(JsonNode line, int parts, Instant start, double seconds, long cpuMillis, Map<String, Long> outcomes,
                 Map<String, Long> writes, RefreshMeters after, Map<String, Long> logLines) {
    }

    /** At most this many rounds make one cycle. */
    private static final int MAX_PARTS = 10;
    /** How often the counters are read while a round runs, and how long they stand still before a round counts as ended. */
    private static final Duration LOOK = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofSeconds(120);

    private static final ObjectMapper JSON = new ObjectMapper();

    private RefreshRoundWatch() {
    }

    /**
     * Rounds from the first after {@code earliestStart} until one ends with nothing postponed: every registration that was
     * due has been refreshed once (a round whose budget runs out leaves the rest, oldest due first, to the next). Each
     * round is measured on its own, the idle time between them is not counted.
     */
    static Round awaitCycle(BenchServer server, ServerLog log, Instant earliestStart, int intervalSeconds, int due, PrintStream out)
            throws Exception {
        Duration timeout = Duration.ofSeconds(intervalSeconds).plusMinutes(10);
        Round cycle = await(server, log, earliestStart, timeout, out);
        while (unfinished(cycle, due) && cycle.parts() < MAX_PARTS) {
            out.printf("The round left registrations (postponed: %s); the next round goes on ...%n", cycle.line().path("postponed").asText());
            Round next = await(server, log, cycle.start().plusSeconds(intervalSeconds * (long) cycle.parts() - 5), timeout, out);
            ObjectNode line = JSON.createObjectNode();
            if (cycle.line().has("line") || next.line().has("line")) {
                line.put("line", "missing");
            }
            line.put("registrations", cycle.line().path("registrations").asInt());
            line.put("postponed", next.line().path("postponed").asInt());
            line.put("seconds", cycle.line().path("seconds").asLong() + next.line().path("seconds").asLong());
            line.put("backlog", next.line().path("backlog").asLong());
            cycle = new Round(line, cycle.parts() + 1, cycle.start(), cycle.seconds() + next.seconds(), cycle.cpuMillis() + next.cpuMillis(),
                    sum(cycle.outcomes(), next.outcomes()), sum(cycle.writes(), next.writes()), next.after(), sum(cycle.logLines(), next.logLines()));
        }
        return cycle;
    }

    /** Whether registrations are left: the round says it postponed some, or, without its line, fewer refreshes than were due. */
    private static boolean unfinished(Round cycle, int due) {
        if (cycle.line().has("line")) {
            return cycle.outcomes().values().stream().mapToLong(Long::longValue).sum() < due;
        }
        return cycle.line().path("postponed").asInt() > 0;
    }

    private static Map<String, Long> sum(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> all = new TreeMap<>(a);
        b.forEach((key, value) -> all.merge(key, value, Long::sum));
        return all;
    }

    /**
     * @param log           the server's log, read from before this start
     * @param earliestStart the round cannot start before (the server's launch plus one interval)
     * @param timeout       how long the round may take after its start
     */
    private static Round await(BenchServer server, ServerLog log, Instant earliestStart, Duration timeout, PrintStream out) throws Exception {
        Map<String, Long> lines = new TreeMap<>();
        Instant watchFrom = earliestStart.minusSeconds(3);
        out.printf("Waiting for the refresh round (not before %s, in %d s) ...%n", earliestStart,
                Math.max(0, Duration.between(Instant.now(), earliestStart).toSeconds()));
        while (Instant.now().isBefore(watchFrom)) {
            if (tally(log, lines) != null) {
                throw new IllegalStateException("A refresh round ended before the earliest expected start " + earliestStart);
            }
            Thread.sleep(1000);
        }
        lines.clear();
        RefreshMeters before = RefreshMeters.read(server.managementUrl);
        long idleCpu = server.process.cpuMillis();
        Instant idleAt = Instant.now();
        Instant startLimit = earliestStart.plus(Duration.ofMinutes(10));
        JsonNode end = null;
        Instant start = null;
        while (start == null) {
            if (Instant.now().isAfter(startLimit)) {
                throw new IllegalStateException("No refresh round started within 10 minutes after " + earliestStart + "; see "
                        + server.process.log());
            }
            Thread.sleep(1000);
            RefreshMeters now = RefreshMeters.read(server.managementUrl);
            end = tally(log, lines);
            if (now.total("dvc_registration_refresh_total") > before.total("dvc_registration_refresh_total") || end != null) {
                Instant seen = Instant.now();
                start = idleAt.plus(Duration.between(idleAt, seen).dividedBy(2));
            } else {
                before = now;
                idleCpu = server.process.cpuMillis();
                idleAt = Instant.now();
            }
        }
        out.println("Refresh round started at about " + start + " ...");
        Instant deadline = start.plus(timeout);
        double refreshes = before.total("dvc_registration_refresh_total");
        Instant lastRefresh = Instant.now();
        Instant nextLook = lastRefresh.plus(LOOK);
        Instant ended = null;
        while (end == null) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("The refresh round did not end within " + timeout.toMinutes() + " min; see "
                        + server.process.log());
            }
            Thread.sleep(500);
            end = tally(log, lines);
            if (end == null && Instant.now().isAfter(nextLook)) {
                // A round whose end fails (e.g. an exception after its work) logs no closing line: the counters standing still tell.
                double now = RefreshMeters.read(server.managementUrl).total("dvc_registration_refresh_total");
                if (now > refreshes) {
                    refreshes = now;
                    lastRefresh = Instant.now();
                } else if (Duration.between(lastRefresh, Instant.now()).compareTo(QUIET) > 0) {
                    end = JSON.createObjectNode().put("line", "missing").put("registrations", -1).put("postponed", -1).put("seconds", -1)
                            .put("backlog", -1);
                    lines.merge("(no metadata_refresh_round line: the round ended without logging it)", 1L, Long::sum);
                    ended = lastRefresh;
                }
                nextLook = Instant.now().plus(LOOK);
            }
        }
        ended = ended == null ? Instant.now() : ended;
        long cpu = server.process.cpuMillis() - idleCpu;
        RefreshMeters after = RefreshMeters.read(server.managementUrl);
        return new Round(end, 1, start, Duration.between(start, ended).toMillis() / 1000.0, cpu,
                after.growth(before, "dvc_registration_refresh_total", "outcome"),
                after.growth(before, "dvc_registration_refresh_writes_total", "kind"), after, lines);
    }

    /** Counts the new log lines into {@code lines}; returns the round's closing line if it is among them. */
    private static JsonNode tally(ServerLog log, Map<String, Long> lines) throws Exception {
        JsonNode end = null;
        for (ServerLog.Entry entry : log.next()) {
            if (entry.logger().equals("dvc.registration") && entry.message().startsWith("{")) {
                JsonNode event = JSON.readTree(entry.message());
                String type = event.path("type").asText();
                if (type.equals("metadata_refresh_round") && event.has("registrations")) {
                    end = event;
                }
                lines.merge(entry.level() + " " + type + (event.has("outcome") ? " " + event.get("outcome").asText() : "")
                        + (event.has("reason") ? " " + event.get("reason").asText() : ""), 1L, Long::sum);
            } else if (entry.level().equals("WARN") || entry.level().equals("ERROR")) {
                lines.merge(entry.level() + " " + entry.logger() + ": " + abbreviate(entry.message()), 1L, Long::sum);
            }
        }
        return end;
    }

    private static String abbreviate(String message) {
        String line = message.replaceAll("\\s+", " ");
        return line.length() > 140 ? line.substring(0, 140) + "…" : line;
    }
}
