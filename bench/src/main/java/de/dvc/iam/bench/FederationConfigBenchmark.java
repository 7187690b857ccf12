package de.dvc.iam.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.dvc.iam.demo.DemoFederation;
import de.dvc.iam.demo.DvcServer;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RealmRepresentation;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Federation as code at national size: {@code ./dvc-config import-csv} of the fixture ({@code fixtures/agencies.csv},
 * 11,756 agencies) with one SAML IdP per agency (a metadata file next to its agency file, as an operator keeps
 * metadata in Git), then against one DVC server on the embedded default (H2): the first {@code apply} into realm
 * {@code dvc} that has only the demo's two agencies, an unchanged re-{@code apply} (its writes counted by the
 * server's own admin-event record, switched on after the first apply), a {@code plan}, and one agency renamed:
 * {@code plan} and {@code apply} (its admin events show that the record counts dvc-config's writes). Every command
 * is the {@code ./dvc-config} script as a process; its peak resident memory is read from /proc while it runs.
 * One command: {@code bench/federation-config.sh}; result in bench/target/federation-config-results.md.
 */
public final class FederationConfigBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVICE_URL = "http://127.0.0.1:9";
    /** A bound on every dvc-config run. */
    private static final Duration RUN_LIMIT = Duration.ofMinutes(60);
    static final String DB_USER = "dvc";
    static final String DB_PASSWORD = "federation-bench";
    private static final String PROFILE = System.getProperty("bench.federation.profile-dir");
    private int runs;
    private static final int LIMIT = Integer.getInteger("bench.federation.agencies", 0);
    /** Minutes to keep the loaded server up after the measurements, for runs by hand against it (at most 120). */
    private static final int HOLD_MINUTES = Math.min(120, Integer.getInteger("bench.federation.hold-minutes", 0));

    private final Path root;
    private final PrintStream out = System.out;
    private final StringBuilder report = new StringBuilder();

    private FederationConfigBenchmark(Path root) {
        this.root = root;
    }

    public static void main(String[] args) throws Exception {
        new FederationConfigBenchmark(Path.of("").toAbsolutePath()).run();
    }

    /** One run of {@code ./dvc-config}: exit code, wall time, peak resident memory, what it printed. */
    record Run(List<String> arguments, int exit, double seconds, long peakKilobytes, String stdout, String stderr) {
        JsonNode json() throws IOException {
            return JSON.readTree(stdout);
        }

        @Override
        public String toString() {
            return "dvc-config " + String.join(" ", arguments) + " -> exit " + exit + "\n" + tail(stderr) + tail(stdout);
        }

        private static String tail(String text) {
            return text.length() > 3000 ? "…" + text.substring(text.length() - 3000) : text;
        }
    }

    void run() throws Exception {
        Path home = root.resolve("distribution/target/dvc-iam");
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No server distribution at " + home + "; build it first: ./mvnw -B install -DskipTests -pl distribution -am");
        }
        Path state = root.resolve("bench/target/state-federation-config");
        BrokerBenchmark.deleteTree(state);
        Files.createDirectories(state);
        Path files = state.resolve("federation");
        Path result = root.resolve("bench/target/federation-config-results.md");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy)));
        report.append("# Federation-as-code benchmark (").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(Runtime.version()).append(", load average at the start ").append(RegistrationReport.loadAverage()).append(")\n\n");
        try {
            measure(home, state, files);
            report.append("\nLoad average (1 / 5 / 15 min) at the end: ").append(RegistrationReport.loadAverage()).append(".\n");
        } catch (Exception | Error e) {
            report.append("\n**The benchmark stopped early:** ").append(e).append('\n');
            Files.writeString(result, report.toString());
            throw e;
        }
        Files.writeString(result, report.toString());
        out.println();
        out.println(report);
        out.println("Written to " + result);
    }

    private void measure(Path home, Path state, Path files) throws Exception {
        Path csv = root.resolve("fixtures/agencies.csv");
        if (LIMIT > 0) {
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            csv = state.resolve("agencies.csv");
            Files.write(csv, lines.subList(0, Math.min(lines.size(), LIMIT + 1)), StandardCharsets.UTF_8);
        }
        Run imported = dvcConfig(null, "import-csv", csv.toString(), files.toString());
        check(imported, 0);
        int agencies = withIdps(files);
        Run validated = dvcConfig(null, "validate", files.toString());
        check(validated, 0);
        row("| step | result | seconds | CLI peak RSS (MB) |");
        row("|---|---|---|---|");
        row(String.format(Locale.ROOT, "| `import-csv` of %s | %,d agency files | %.1f | %d |", root.relativize(root.resolve("fixtures/agencies.csv")),
                agencies, imported.seconds(), imported.peakKilobytes() / 1024));
        row(String.format(Locale.ROOT, "| `validate` (with %,d SAML metadata files) | valid | %.1f | %d |", agencies, validated.seconds(),
                validated.peakKilobytes() / 1024));

        List<String> options = new ArrayList<>(DvcServer.demoOnlyOptions());
        // Known credentials of the embedded database, so that its plans and indexes can be looked at after a run.
        options.addAll(List.of("--db-username=" + DB_USER, "--db-password=" + DB_PASSWORD));
        try (BenchServer server = BenchServer.start(home, state.resolve("server"), out, options)) {
            new DemoFederation(server.admin(), server.url, SERVICE_URL).setUpRealm();
            String url = server.url;

            Run first = dvcConfig(url, "apply", files.toString(), "--server", url, "--format", "json");
            check(first, 0);
            long created = first.json().path("changes").size();
            row(String.format(Locale.ROOT, "| first `apply` into realm dvc (set up, no agency) | %,d objects created (%s) | %.1f | %d |",
                    created, first.json().path("complete").asBoolean() ? "complete" : "NOT complete", first.seconds(), first.peakKilobytes() / 1024));

            RealmResource realm = server.admin().realm(DemoFederation.REALM);
            RealmRepresentation events = realm.toRepresentation();
            events.setAdminEventsEnabled(true);
            events.setAdminEventsDetailsEnabled(false);
            realm.update(events);
            realm.clearAdminEvents();

            Run again = dvcConfig(url, "apply", files.toString(), "--server", url);
            check(again, 0);
            int writesAgain = adminEvents(server);
            row(String.format(Locale.ROOT, "| unchanged re-`apply` | %s; **%d admin events** recorded by the server | %.1f | %d |",
                    again.stdout().contains("Nothing to do") ? "nothing to do" : "CHANGES (see log)", writesAgain, again.seconds(),
                    again.peakKilobytes() / 1024));

            Run plan = dvcConfig(url, "plan", files.toString(), "--server", url, "--format", "json");
            check(plan, 0);
            row(String.format(Locale.ROOT, "| `plan` against the full federation | %,d unchanged, %d not owned, 0 changes | %.1f | %d |",
                    plan.json().at("/counts/unchanged").asInt(), plan.json().at("/counts/notOwned").asInt(), plan.seconds(),
                    plan.peakKilobytes() / 1024));

            String renamed = renameOneAgency(files);
            Run onePlan = dvcConfig(url, "plan", files.toString(), "--server", url, "--format", "json");
            check(onePlan, 4);
            row(String.format(Locale.ROOT, "| one agency renamed (%s): `plan` | %d update(s) | %.1f | %d |", renamed,
                    onePlan.json().at("/counts/update").asInt(), onePlan.seconds(), onePlan.peakKilobytes() / 1024));
            realm.clearAdminEvents();
            Run oneApply = dvcConfig(url, "apply", files.toString(), "--server", url, "--format", "json");
            check(oneApply, 0);
            int writesOne = adminEvents(server);
            row(String.format(Locale.ROOT, "| one agency renamed: `apply` | %d change(s) applied; %d admin event(s) recorded | %.1f | %d |",
                    oneApply.json().path("changes").size(), writesOne, oneApply.seconds(), oneApply.peakKilobytes() / 1024));
            report.append(String.format(Locale.ROOT, "%nServer: DVC IAM distribution, embedded H2 (dev-file), one node, started by the benchmark; "
                    + "resident memory at the end %d MB. dvc-config: `--parallel 4` (default), JVM options of the `./dvc-config` script. "
                    + "The admin events are the server's own record of admin writes (realm dvc, switched on after the first apply; an organization, "
                    + "IdP, mapper or client write each records one).%n", server.process.rssKilobytes() / 1024));
            if (writesAgain != 0) {
                report.append("\n**The unchanged re-apply wrote** (").append(writesAgain).append(" admin events).\n");
            }
            hold(url, files);
        }
    }

    /** Keeps the server up for runs by hand ({@code BENCH_FEDERATION_HOLD_MINUTES}); ends early when the marker file is deleted. */
    private void hold(String url, Path files) throws IOException, InterruptedException {
        if (HOLD_MINUTES <= 0) {
            return;
        }
        Path marker = files.resolveSibling("holding");
        Files.writeString(marker, url + "\n");
        out.printf("Holding the server for %d min: ./dvc-config apply %s --server %s (delete %s to stop early)%n", HOLD_MINUTES,
                files, url, marker);
        long end = System.nanoTime() + Duration.ofMinutes(HOLD_MINUTES).toNanos();
        while (System.nanoTime() < end && Files.exists(marker)) {
            Thread.sleep(2000);
        }
        Files.deleteIfExists(marker);
    }

    /**
     * Adds one SAML IdP to every agency file that import-csv wrote: alias = agency id, its agency's domain, a metadata
     * file next to it (one signing key for all; entityIDs differ).
     *
     * @return how many agency files there are
     */
    private static int withIdps(Path files) throws Exception {
        KeyPair keys = SelfSignedCertificates.ecKeyPair();
        String certificate = SelfSignedCertificates.base64(SelfSignedCertificates.selfSigned(keys, "CN=Bench Agency Signing",
                Duration.ofDays(730), false));
        List<Path> agencyFiles;
        try (Stream<Path> walk = Files.walk(files.resolve("agencies"))) {
            agencyFiles = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path file : agencyFiles) {
            String text = Files.readString(file);
            String id = field(text, "id");
            String name = field(text, "name");
            Files.writeString(file.resolveSibling(id + ".xml"), metadata(id, certificate));
            Files.writeString(file, text + """
                    idps:
                      - alias: %s
                        displayName: %s
                        protocol: saml
                        metadataFile: %s.xml
                        profile: saml-oid
                        maxAssurance: normal
                        lifecycle: active
                    """.formatted(id, quoted(name), id));
        }
        return agencyFiles.size();
    }

    private static String field(String yaml, String key) {
        return yaml.lines().filter(l -> l.startsWith(key + ": ")).map(l -> l.substring(key.length() + 2).trim())
                .map(v -> v.startsWith("\"") ? v.substring(1, v.length() - 1).replace("\\\"", "\"") : v)
                .findFirst().orElseThrow(() -> new IllegalStateException("no " + key + " in an import-csv file"));
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String metadata(String id, String certificate) {
        String host = "idp." + id + ".bench.example";
        String keyInfo = "<ds:KeyInfo><ds:X509Data><ds:X509Certificate>" + certificate + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo>";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\""
                + " entityID=\"https://" + host + "/idp\">\n"
                + "  <md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\" WantAuthnRequestsSigned=\"true\">\n"
                + "    <md:KeyDescriptor use=\"signing\">" + keyInfo + "</md:KeyDescriptor>\n"
                + "    <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>\n"
                + "    <md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\"https://" + host + "/idp/sso\"/>\n"
                + "    <md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\"https://" + host + "/idp/sso\"/>\n"
                + "  </md:IDPSSODescriptor>\n"
                + "</md:EntityDescriptor>\n";
    }

    /** Renames the agency of the middle file; returns its id. */
    private static String renameOneAgency(Path files) throws IOException {
        List<Path> agencyFiles;
        try (Stream<Path> walk = Files.walk(files.resolve("agencies"))) {
            agencyFiles = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        Path file = agencyFiles.get(agencyFiles.size() / 2);
        String text = Files.readString(file);
        String name = field(text, "name");
        String changed = text.lines().map(l -> l.startsWith("name: ") ? "name: " + quoted(name + " (umbenannt)") : l)
                .reduce("", (a, b) -> a + b + "\n");
        Files.writeString(file, changed);
        return field(text, "id");
    }

    /** The admin events of realm dvc the server recorded (cleared before each measured step). */
    private static int adminEvents(BenchServer server) throws Exception {
        String token = server.admin().tokenManager().getAccessTokenString();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url
                        + "/admin/realms/" + DemoFederation.REALM + "/admin-events?first=0&max=100000"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("admin events: HTTP " + response.statusCode());
        }
        return JSON.readTree(response.body()).size();
    }

    private Run dvcConfig(String server, String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("dvc-config").toString());
        command.addAll(List.of(arguments));
        out.println("$ dvc-config " + String.join(" ", arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        Map<String, String> env = builder.environment();
        env.put("DVC_ADMIN_USER", DvcServer.ADMIN_USER);
        env.put("DVC_ADMIN_PASSWORD", DvcServer.ADMIN_PASSWORD);
        if (PROFILE != null) {
            // A JFR recording of each run (bench/federation-config.sh --profile): PROFILE/<n>-<command>.jfr
            Path recording = Path.of(PROFILE).toAbsolutePath().resolve(String.format(Locale.ROOT, "%02d-%s.jfr", ++runs, arguments[0]));
            env.put("DVC_CONFIG_JAVA_OPTS", "-XX:StartFlightRecording=settings=profile,filename=" + recording + " -Xlog:jfr+startup=off");
        }
        Path stdout = Files.createTempFile("dvc-config-", ".out");
        Path stderr = Files.createTempFile("dvc-config-", ".err");
        builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        long start = System.nanoTime();
        Process process = builder.start();
        long peak = 0;
        long deadline = start + RUN_LIMIT.toNanos();
        while (!process.waitFor(200, TimeUnit.MILLISECONDS)) {
            peak = Math.max(peak, peakKilobytes(process.pid()));
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("dvc-config " + String.join(" ", arguments) + " ran longer than " + RUN_LIMIT);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Run run = new Run(List.of(arguments), process.exitValue(), seconds, peak, Files.readString(stdout), Files.readString(stderr));
        Files.delete(stdout);
        Files.delete(stderr);
        out.printf(Locale.ROOT, "  exit %d in %.1f s, peak RSS %d MB%n", run.exit(), seconds, peak / 1024);
        return run;
    }

    /** VmHWM (the peak resident set) of the process, 0 once it is gone. */
    private static long peakKilobytes(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream().filter(l -> l.startsWith("VmHWM:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).sum();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static void check(Run run, int expected) {
        if (run.exit() != expected) {
            throw new IllegalStateException("expected exit " + expected + ": " + run);
        }
    }

    private void row(String line) {
        report.append(line).append('\n');
        out.println(line);
    }
}
