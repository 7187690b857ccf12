package de.dvc.iam.config.cli;

import de.dvc.iam.config.keycloak.HandMade;
import de.dvc.iam.config.keycloak.KeycloakServerState;
import de.dvc.iam.config.keycloak.TestServer;
import de.dvc.iam.config.state.ServerException;
import de.dvc.iam.config.state.ServerState;
import de.dvc.iam.config.state.Snapshot;
import de.dvc.iam.config.state.Write;
import de.dvc.iam.config.validate.Tree;
import de.dvc.iam.core.agency.AgencyLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** plan, apply and export on the command line: output, exit codes, and never a secret. */
class ServerCommandsTest {

    @TempDir
    Path root;

    private final TestServer server = new TestServer();
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(Environment environment, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return DvcConfig.run(new PrintWriter(out, true), new PrintWriter(err, true), environment, args);
    }

    private int run(String... args) {
        return run(server.environment(), args);
    }

    private void assertNoSecret() {
        for (String secret : List.of(TestServer.BMI_SECRET, TestServer.SERVICE_SECRET, "rotated-2c7b")) {
            assertThat(out.toString()).doesNotContain(secret);
            assertThat(err.toString()).doesNotContain(secret);
        }
    }

    @Test
    void planApplyAndPlanAgainWithTheirExitCodesAndNoSecretPrinted() {
        Tree.valid(root);
        String dir = root.toString();

        assertThat(run("plan", dir, "--server", "http://localhost:8080")).isEqualTo(DvcConfig.CHANGES);
        assertThat(out.toString()).contains("  + IdP bund-bmi", "      clientSecret: (secret, set)", "      maxAssurance: substantiell",
                "Plan for realm dvc: 7 to create, 0 to update, 0 to rename, 0 to delete; 0 unchanged; 0 not owned; 0 conflicts.");
        assertNoSecret();
        assertThat(run("plan", dir, "--server", "http://localhost:8080", "--format", "json")).isEqualTo(DvcConfig.CHANGES);
        assertThat(out.toString()).contains("\"field\" : \"clientSecret\",\n      \"secret\" : true").contains("\"create\" : 7");
        assertNoSecret();

        assertThat(run("apply", dir, "--server", "http://localhost:8080")).isEqualTo(DvcConfig.VALID);
        assertThat(out.toString()).contains("Applied: 7 of 7 changes (7 created, 0 updated, 0 renamed, 0 deleted)");
        assertNoSecret();

        server.secrets(Map.of("env:DVC_BUND_BMI_CLIENT_SECRET", "rotated-2c7b", "file:/run/secrets/fachverfahren", TestServer.SERVICE_SECRET));
        assertThat(run("plan", dir, "--server", "http://localhost:8080")).isEqualTo(DvcConfig.CHANGES);
        assertThat(out.toString()).contains("  ~ IdP bund-bmi\n      clientSecret: (secret changes)");
        assertNoSecret();
        assertThat(run("apply", dir, "--server", "http://localhost:8080", "--format", "json")).isEqualTo(DvcConfig.VALID);
        assertThat(out.toString()).contains("\"complete\" : true");
        assertNoSecret();
        assertThat(run("plan", dir, "--server", "http://localhost:8080")).isEqualTo(DvcConfig.VALID);
        assertThat(out.toString()).contains("0 to create, 0 to update, 0 to rename, 0 to delete; 7 unchanged");
    }

    @Test
    void invalidFilesAreNeitherComparedNorApplied() {
        Tree.valid(root).replace("agencies/sh/gemeinde-01051001.yaml", "state: DE-SH", "state: DE-BE");

        assertThat(run("plan", root.toString(), "--server", "http://localhost:8080")).isEqualTo(DvcConfig.INVALID);
        assertThat(run("apply", root.toString(), "--server", "http://localhost:8080")).isEqualTo(DvcConfig.INVALID);
        assertThat(out.toString()).contains("[ags_state_mismatch]").contains("nothing written");
        assertThat(server.realm.writes()).isZero();
    }

    @Test
    void conflictsAndMissingSecretsStopApplyBeforeItWrites() {
        Tree.valid(root);
        server.realm.putOrganization(HandMade.organization("bund-bmi", "BMI (by hand)", AgencyLevel.FEDERAL, null, "bmi.bund.example"));
        assertThat(run("apply", root.toString(), "--server", "http://localhost:8080")).isEqualTo(DvcConfig.INVALID);
        assertThat(out.toString()).contains("[not_owned_differs]").contains("Nothing written: resolve the conflicts above first.");
        assertThat(server.realm.writes()).isZero();

        TestServer fresh = new TestServer();
        fresh.secrets(Map.of());
        assertThat(run(fresh.environment(), "apply", root.toString(), "--server", "http://localhost:8080")).isEqualTo(DvcConfig.INVALID);
        assertThat(out.toString()).contains("Nothing written: set env:DVC_BUND_BMI_CLIENT_SECRET, file:/run/secrets/fachverfahren");
        assertThat(fresh.realm.writes()).isZero();
    }

    @Test
    void aFailedObjectIsReportedAndTheExitCodeSaysIncomplete() {
        Tree.valid(root);
        server.realm.failOn("addMapper:bund-bmi"::equals, 500);

        assertThat(run("apply", root.toString(), "--server", "http://localhost:8080")).isEqualTo(DvcConfig.SERVER);
        assertThat(out.toString()).contains("Applied: 6 of 7 changes").contains("Failed: 1\n  + IdP bund-bmi: IdP bund-bmi: could not add its profile mapper")
                .contains("Run apply again to complete it");
        assertNoSecret();
    }

    @Test
    void aServerThatCannotBeReadExitsWithFive() {
        Tree.valid(root);
        Environment down = new Environment((options, realm, secrets) -> new ServerState() {
            @Override
            public Snapshot read() {
                throw new ServerException("Cannot reach the server at http://localhost:8080 (ConnectException: Connection refused).");
            }

            @Override
            public void write(Write write) {
                throw new AssertionError("no write without a read");
            }
        }, server.secrets());

        assertThat(run(down, "plan", root.toString(), "--server", "http://localhost:8080")).isEqualTo(DvcConfig.SERVER);
        assertThat(err.toString()).isEqualTo("dvc-config: Cannot reach the server at http://localhost:8080 (ConnectException: "
                + "Connection refused).\n");
    }

    @Test
    void theServerIsReadWhileTheFilesAreCheckedOnceAndOnlyForTheRealmTheyName() throws java.io.IOException {
        Tree tree = Tree.valid(root);
        String dir = root.toString();
        List<String> connected = new java.util.concurrent.CopyOnWriteArrayList<>();
        Environment counting = new Environment((options, realm, secrets) -> {
            connected.add(realm);
            return new KeycloakServerState(server.realm, realm, 2);
        }, server.secrets());

        assertThat(run(counting, "plan", dir, "--server", "http://localhost:8080")).isEqualTo(DvcConfig.CHANGES);
        assertThat(connected).as("settings.yaml names no realm: dvc, read once").containsExactly("dvc");

        connected.clear();
        tree.replace("settings.yaml", "kind: Settings", "kind: Settings\nrealm: 'dvc-land'");
        assertThat(run(counting, "plan", dir, "--server", "http://localhost:8080")).isEqualTo(DvcConfig.CHANGES);
        assertThat(out.toString()).contains("against realm dvc-land");
        assertThat(connected).as("the realm line of settings.yaml").containsExactly("dvc-land");

        // The guess reads DIR/settings.yaml only: settings elsewhere are read by validation, and the realm they name is read then.
        connected.clear();
        tree.file("config/settings.yaml", java.nio.file.Files.readString(root.resolve("settings.yaml")).replace("dvc-land", "dvc-bund"))
                .delete("settings.yaml");
        assertThat(run(counting, "apply", dir, "--server", "http://localhost:8080")).isEqualTo(DvcConfig.VALID);
        assertThat(out.toString()).contains("to realm dvc-bund");
        assertThat(connected).as("a wrong guess costs a second read, of the right realm").containsExactly("dvc", "dvc-bund");
        assertThat(server.realm.writes()).isPositive();
    }

    @Test
    void whileInvalidFilesAreReportedTheServersFailureIsNot() {
        Tree.valid(root).replace("agencies/sh/gemeinde-01051001.yaml", "state: DE-SH", "state: DE-BE");
        Environment down = new Environment((options, realm, secrets) -> {
            throw new ServerException("Cannot reach the server at http://localhost:8080 (ConnectException: Connection refused).");
        }, server.secrets());
        Environment login = new Environment((options, realm, secrets) -> {
            options.login(secrets);
            throw new AssertionError("the login options are incomplete");
        }, server.secrets());

        assertThat(run(down, "apply", root.toString(), "--server", "http://localhost:8080")).isEqualTo(DvcConfig.INVALID);
        assertThat(out.toString()).contains("[ags_state_mismatch]").contains("nothing written");
        assertThat(err.toString()).doesNotContain("Cannot reach");
        assertThat(run(login, "plan", root.toString(), "--server", "http://localhost:8080", "--admin-user", "admin",
                "--admin-password", "admin")).as("the login's usage error only for valid files").isEqualTo(DvcConfig.INVALID);
        assertThat(err.toString()).doesNotContain("--admin-password");
    }

    @Test
    void aPasswordOnTheCommandLineIsRefused() {
        Tree.valid(root);
        Environment login = new Environment((options, realm, secrets) -> {
            options.login(secrets);
            return new KeycloakServerState(server.realm, realm, 1);
        }, server.secrets());

        assertThat(run(login, "plan", root.toString(), "--server", "http://localhost:8080", "--admin-user", "admin",
                "--admin-password", "admin")).isEqualTo(2);
        assertThat(err.toString()).contains("--admin-password takes a reference, env:NAME or file:/path, never the secret itself");
        assertThat(run(login, "plan", root.toString(), "--server", "http://localhost:8080", "--admin-user", "admin",
                "--admin-password", "env:DVC_TEST_UNSET_PASSWORD")).isEqualTo(2);
        assertThat(err.toString()).contains("env:DVC_TEST_UNSET_PASSWORD is not set");
        assertThat(run("plan", root.toString())).as("no --server").isEqualTo(2);
    }

    @Test
    void exportWritesFilesWhosePlanIsEmpty() throws java.io.IOException {
        Tree.valid(root.resolve("in")).replace("settings.yaml", "kind: Settings",
                "kind: Settings\nrefresh:\n  intervalSeconds: 900\n  keyChangeNeedsApproval: true");
        assertThat(run("apply", root.resolve("in").toString(), "--server", "http://localhost:8080")).isZero();

        assertThat(run("export", "--server", "http://localhost:8080", root.resolve("out").toString())).isZero();
        assertThat(out.toString()).contains("5 files; the directory now: 5 files: 3 agencies (2 IdPs), 1 service, settings.").contains("The export is valid.");
        assertThat(root.resolve("out/settings.yaml")).content().contains("refresh:\n  intervalSeconds: 900\n  keyChangeNeedsApproval: true\n");
        assertThat(run("plan", root.resolve("out").toString(), "--server", "http://localhost:8080")).isZero();
        assertThat(run("export", "--server", "http://localhost:8080", root.resolve("out").toString())).as("not over files").isEqualTo(1);
        assertThat(err.toString()).contains("holds federation files already");
        assertNoSecret();
    }
}
