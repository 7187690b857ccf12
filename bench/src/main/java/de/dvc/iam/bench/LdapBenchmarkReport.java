package de.dvc.iam.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The directory-login benchmark's result as Markdown (bench/target/ldap-results.md), written as the run goes. */
final class LdapBenchmarkReport {

    /** Per login (or attempt): what reached slapd (and by which search filters), and the small in-memory directories. */
    record PerLogin(double connections, double binds, double searches, double others, double elsewhereSearches, double elsewhereBinds,
                    String filters) {
        static PerLogin of(SlapdOperationLog.Operations slapd, long elsewhereSearches, long elsewhereBinds, int logins) {
            double n = Math.max(1, logins);
            String filters = slapd.searchFilters().entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "`%s` %.2f", e.getKey(), e.getValue() / n)).collect(Collectors.joining(", "));
            return new PerLogin(slapd.connections() / n, slapd.binds() / n, slapd.searches() / n, slapd.others() / n,
                    elsewhereSearches / n, elsewhereBinds / n, filters.isEmpty() ? "none" : filters);
        }

        /** The same operations at slapd as {@code other}, to a tenth of an operation per login. */
        boolean sameAtSlapd(PerLogin other) {
            return Math.abs(connections - other.connections) < 0.1 && Math.abs(binds - other.binds) < 0.1
                    && Math.abs(searches - other.searches) < 0.1 && Math.abs(others - other.others) < 0.1;
        }

        String slapd() {
            return String.format(Locale.ROOT, "%.2f / %.2f / %.2f / %.2f", connections, binds, searches, others);
        }

        String elsewhere() {
            return String.format(Locale.ROOT, "%.2f / %.2f", elsewhereSearches, elsewhereBinds);
        }
    }

    private final StringBuilder text = new StringBuilder();
    /** Notes on the rows of the table being written (slapd's search filters), printed after it by {@link #endTable()}. */
    private final List<String> notes = new ArrayList<>();
    private final List<String> targets = new ArrayList<>();

    LdapBenchmarkReport(String setup) {
        text.append("# Directory login benchmark, ").append(LocalDate.now()).append("\n\n").append(setup).append('\n');
    }

    void heading(String heading, String explanation) {
        endTable();
        text.append("\n## ").append(heading).append("\n\n").append(explanation).append("\n\n");
    }

    void loadTable() {
        endTable();
        text.append("| case | logins | failed | logins/s | p50 ms | p95 ms | at slapd per login: connections / binds / searches / other ops | at the other directories per login: searches / binds |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
    }

    void load(String name, LoginLoad.Result result, PerLogin perLogin) {
        text.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %.1f | %s | %s | %s | %s |%n", name, result.succeeded(), result.failed(),
                result.perSecond(), millis(result, 50), millis(result, 95),
                perLogin == null ? "–" : perLogin.slapd(), perLogin == null ? "–" : perLogin.elsewhere()));
        if (perLogin != null) {
            notes.add("slapd's searches per login, " + name + ": " + perLogin.filters());
        }
        if (result.firstFailure() != null) {
            notes.add("First failure of " + name + ": " + result.firstFailure().replace('\n', ' '));
        }
    }

    void attemptsTable() {
        endTable();
        text.append("| case | attempts | as expected | p50 ms | p95 ms | max ms | at slapd per attempt: connections / binds / searches / other ops | at the other directories per attempt: searches / binds |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
    }

    void attempts(String name, LoginLoad.Result result, PerLogin perAttempt) {
        text.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %s | %s | %s | %s | %s |%n", name, result.succeeded() + result.failed(),
                result.succeeded(), millis(result, 50), millis(result, 95), millis(result, 100), perAttempt == null ? "–" : perAttempt.slapd(),
                perAttempt == null ? "–" : perAttempt.elsewhere()));
        if (perAttempt != null) {
            notes.add("slapd's searches per attempt, " + name + ": " + perAttempt.filters());
        }
        if (result.firstFailure() != null) {
            notes.add("First unexpected end of " + name + ": " + result.firstFailure().replace('\n', ' '));
        }
    }

    /** A percentile of the durations that ended as expected, or a dash when none did. */
    private static String millis(LoginLoad.Result result, double percentile) {
        double value = result.latencies().percentileMillis(percentile);
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.1f", value);
    }

    /** Ends the table being written: its notes as a list below it. */
    void endTable() {
        if (!notes.isEmpty()) {
            text.append('\n');
            notes.forEach(note -> text.append("- ").append(note).append('\n'));
            text.append('\n');
            notes.clear();
        }
    }

    void line(String line) {
        endTable();
        text.append(line).append('\n');
    }

    /** A row of the closing table: a target of the issue, what this run measured, and whether that meets it. */
    void target(String target, String measured, String verdict) {
        targets.add("| " + target + " | " + measured + " | " + verdict + " |");
    }

    /** The closing table of targets (call once, at the end). */
    void targets() {
        heading("Targets (issue 14)", "| target | measured | |\n|---|---|---|\n" + String.join("\n", targets));
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
