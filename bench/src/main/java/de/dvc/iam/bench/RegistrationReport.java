package de.dvc.iam.bench;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The registration benchmark's result as Markdown, section by section (bench/target/registrations-results.md). */
final class RegistrationReport {

    /** What the agencies' web server answered during a round, and what the documents' behaviours let one expect. */
    record Expected(long registrationWrites, long idpWrites, long sameBytes) {
    }

    /** The report's sections in the order first written; writing a section again replaces it in place. */
    private final Map<String, StringBuilder> sections = new java.util.LinkedHashMap<>();

    private StringBuilder section(String name) {
        StringBuilder text = new StringBuilder();
        sections.put(name, text);
        return text;
    }

    RegistrationReport(int count, int parallelism, int refreshSeconds) {
        section("header").append("# Registration benchmark, ").append(LocalDate.now()).append("\n\n")
                .append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores shared by the DVC server, the ")
                .append("benchmark client and the agencies' HTTPS server (in the client's JVM); Java ").append(Runtime.version())
                .append(". DVC IAM on the embedded H2 (dev-file), one node. ").append(String.format(Locale.ROOT, "%,d", count))
                .append(" registered agency IdPs (every 25th OIDC, the rest SAML), created in the old format and moved by the upgrade;")
                .append(" refresh-parallelism ").append(parallelism).append(", refresh-seconds ").append(refreshSeconds)
                .append(" (a round starts one interval after the server's start and may take the interval less 31 s).\n")
                .append("Agency documents per round: 70 % the same bytes, 5 % new bytes that change nothing Keycloak reads, 5 % a new")
                .append(" SSO (OIDC: userinfo) endpoint, 10 % answer after 1 s, 10 % HTTP 500; every 50th SAML IdP's certificate")
                .append(" expires in 20 days.\n");
    }

    void created(OldFormatRegistrations.Created created) {
        StringBuilder text = section("created");
        text.append("\n## Creating the IdPs (admin REST API)\n\n| way | IdPs | seconds | ms per IdP |\n|---|---|---|---|\n");
        row(text, String.format("one POST each (%d, sequential)", created.posted()), created.posted(), created.postSeconds());
        row(text, "partial import (`POST /admin/realms/dvc/partialImport`), " + created.chunk() + " per request", created.imported(),
                created.importSeconds());
        if (created.posted() > 0 && created.imported() > 0) {
            double perPost = created.postSeconds() / created.posted();
            double perImport = created.importSeconds() / created.imported();
            text.append(String.format(Locale.ROOT, "%nPartial import is %.1f × faster per IdP than one POST each.%n", perPost / perImport));
        }
        if (!created.parserNulls().isEmpty()) {
            text.append("\nKeycloak's parser (import-config) returned null values: ").append(created.parserNulls())
                    .append(" (MetadataRefresh.apply compares parsed values with equals).\n");
        }
    }

    private static void row(StringBuilder text, String way, int idps, double seconds) {
        text.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %.1f |%n", way, idps, seconds, idps == 0 ? 0 : seconds * 1000 / idps));
    }

    void migration(double startSeconds, RegistrationBenchmark.MigrationLog log, RegistrationTables before, RegistrationTables after) {
        StringBuilder text = section("migration");
        text.append("\n## Upgrade: RegistrationMigration at server start\n\n")
                .append(String.format(Locale.ROOT, "- Server start that moves them (launch to ready): %.1f s.%n", startSeconds))
                .append(String.format(Locale.ROOT, "- Moved (one log line each): %,d; first to last such line %.1f s (%.0f registrations/s). "
                        + "Summary: \"%s\" Warnings \"not moved now\": %d.%n", log.moved(), log.spanSeconds(),
                        log.spanSeconds() > 0 ? log.moved() / log.spanSeconds() : 0, log.summary(), log.notMoved()))
                .append(String.format(Locale.ROOT, "- Before: %,d IdPs, %,d old-format config values, %,d registration rows.%n",
                        before.idps(), before.oldKeys(), before.registrations()));
        if (after != null) {
            text.append(String.format(Locale.ROOT, "- After (read after round 1, which adds history only for changed"
                            + " metadata): %,d registration rows, %,d history rows, %,d domain rows, %,d old-format config values left.%n",
                    after.registrations(), after.events(), after.domains(), after.oldKeys()));
        }
    }

    void rounds(List<String> names, List<RefreshRoundWatch.Round> rounds, List<Map<AgencyDocuments.Behaviour, Long>> fetches,
                List<RegistrationTables> tables, List<Expected> expected) {
        StringBuilder text = section("rounds");
        text.append("\n## Metadata refresh: one full round\n\n| | ").append(String.join(" | ", names)).append(" |\n|---|")
                .append("---|".repeat(names.size())).append('\n');
        line(text, "registrations due (round's log line)", rounds, r -> r.line().path("registrations").asText());
        line(text, "rounds it took (a round's budget is the interval less 31 s)", rounds, r -> Integer.toString(r.parts()));
        line(text, "refreshes (sum of outcomes)", rounds, r -> String.format(Locale.ROOT, "%,d",
                r.outcomes().values().stream().mapToLong(Long::longValue).sum()));
        line(text, "wall time, measured outside (server's own, whole s)", rounds,
                r -> String.format(Locale.ROOT, "%.1f s (%s s)", r.seconds(), r.line().path("seconds").asText()));
        line(text, "server CPU (user + system, /proc)", rounds, r -> String.format(Locale.ROOT, "%.1f s", r.cpuMillis() / 1000.0));
        line(text, "server CPU per refresh", rounds, r -> String.format(Locale.ROOT, "%.1f ms",
                r.cpuMillis() / Math.max(1.0, r.outcomes().values().stream().mapToLong(Long::longValue).sum())));
        line(text, "postponed (budget) / backlog after (log line)", rounds,
                r -> r.line().path("postponed").asText() + " / " + r.line().path("backlog").asText());
        line(text, "gauge dvc_registration_refresh_backlog after", rounds,
                r -> String.format(Locale.ROOT, "%.0f", r.after().value("dvc_registration_refresh_backlog")));
        line(text, "outcomes (dvc_registration_refresh_total)", rounds, r -> map(r.outcomes()));
        line(text, "database writes (dvc_registration_refresh_writes_total)", rounds, r -> map(r.writes()));
        line(text, "writes the documents' behaviour calls for", expected, e -> String.format(Locale.ROOT, "registration %,d, idp %,d",
                e.registrationWrites(), e.idpWrites()));
        line(text, "documents fetched by behaviour (agencies' server)", fetches, f -> map(f));
        line(text, "after the round: registrations with a document hash", tables, t -> String.format(Locale.ROOT, "%,d of %,d",
                t.hashed(), t.registrations()));
        line(text, "after the round: last outcome in DVC_REGISTRATION", tables, t -> map(t.lastOutcomes()));
        line(text, "after the round: history rows", tables, t -> String.format(Locale.ROOT, "%,d", t.events()));
        line(text, "log lines of the round (level, event or logger)", rounds, r -> map(top(r.logLines(), 8)));
        text.append("\nTarget: no write for an unchanged document. Same-bytes documents (unchanged and slow agencies) per round: ");
        text.append(expected.stream().map(e -> String.format(Locale.ROOT, "%,d", e.sameBytes())).collect(Collectors.joining(" / ")));
        text.append("; registration-row writes beyond what changed or failed documents call for: ");
        for (int i = 0; i < rounds.size(); i++) {
            long written = rounds.get(i).writes().getOrDefault("registration", 0L);
            text.append(i == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%,d", Math.max(0, written - expected.get(i).registrationWrites())));
        }
        text.append(" (round 1 parses every document once, so all its fetched rows are written).\n");
    }

    private static <T> void line(StringBuilder text, String name, List<T> columns, java.util.function.Function<T, String> cell) {
        text.append("| ").append(name).append(" | ");
        columns.forEach(c -> text.append(cell.apply(c)).append(" | "));
        text.setLength(text.length() - 1);
        text.append('\n');
    }

    void list(List<OperatorListLatency.Case> cases, boolean cutShort) {
        StringBuilder text = section("list");
        text.append("\n## Operator list and filters (`GET /realms/dvc/dvc-registrations`, limit=100)\n\n")
                .append("Sequential requests of one operator (token by device grant), after 40 warm-up requests; totals as the API reported them.\n\n")
                .append("| query | requests | total reported | total expected | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|---|---|\n");
        double worst = 0;
        for (OperatorListLatency.Case c : cases) {
            Latencies l = c.latencies();
            if (!c.name().startsWith("stock")) {
                worst = Math.max(worst, l.percentileMillis(99));
            }
            text.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %.1f | %.1f | %.1f | %.1f |%n", c.name(), l.count(),
                    c.minTotal() == c.maxTotal() ? String.format(Locale.ROOT, "%,d", c.minTotal()) : c.minTotal() + " to " + c.maxTotal(),
                    c.expected(), l.percentileMillis(50), l.percentileMillis(95), l.percentileMillis(99), l.percentileMillis(100)));
        }
        text.append(String.format(Locale.ROOT, "%nTarget p99 ≤ 50 ms per page of 100: %s (worst p99 of DVC's list %.1f ms; the stock rows are"
                + " Keycloak's own IdP list on the same server, as a reference).%s%n", worst <= 50 ? "met" : "NOT met",
                worst, cutShort ? " Some cases were cut short so as not to overlap the refresh round." : ""));
    }

    void memory(java.util.Optional<JvmHeap> heap, long rssKilobytes, double plainRestartSeconds) {
        StringBuilder text = section("memory");
        text.append("\n## Server after all of it (after the steady round)\n\n");
        text.append(String.format(Locale.ROOT, "- Its start (a plain restart of the migrated database, launch to ready): %.1f s.%n",
                plainRestartSeconds));
        heap.ifPresentOrElse(h -> text.append(String.format(Locale.ROOT, "- Heap used after a full GC (jcmd GC.run, jstat -gc): %.0f MB of %.0f MB"
                        + " committed; metaspace %.0f MB.%n", h.usedMegabytes(), h.committedMegabytes(), h.metaspaceMegabytes())),
                () -> text.append("- Heap: the server's JVM was not found among this process's children.\n"));
        text.append(String.format(Locale.ROOT, "- Server RSS: %.0f MB.%n", rssKilobytes / 1024.0));
    }

    /** The machine's load averages (1, 5, 15 min) from /proc/loadavg: the cores are shared, this shows with whom. */
    static String loadAverage() {
        try {
            String[] fields = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " / " + fields[1] + " / " + fields[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    void note(String line) {
        section("note-" + sections.size()).append(line).append('\n');
    }

    private static String map(Map<?, ?> values) {
        return values.isEmpty() ? "none" : values.entrySet().stream().map(e -> (e.getKey() + " " + format(e.getValue())).replace("|", "\\|"))
                .collect(Collectors.joining(", "));
    }

    private static String format(Object value) {
        return value instanceof Number n ? String.format(Locale.ROOT, "%,d", n.longValue()) : String.valueOf(value);
    }

    private static Map<String, Long> top(Map<String, Long> lines, int limit) {
        return lines.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(limit)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, java.util.LinkedHashMap::new));
    }

    @Override
    public String toString() {
        return String.join("", sections.values());
    }
}
