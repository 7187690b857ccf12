package de.dvc.iam.config.apply;

import de.dvc.iam.config.keycloak.KeycloakServerState;
import de.dvc.iam.config.keycloak.TestServer;
import de.dvc.iam.config.plan.Plan;
import de.dvc.iam.config.validate.Tree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Ctrl-C: the object in flight is finished, no other started; running apply again completes the rest. */
class InterruptTest {

    @TempDir
    Path root;

    private final TestServer server = new TestServer();

    @Test
    void anInterruptedApplyIsResumedByTheNextOne() {
        Tree.valid(root);
        KeycloakServerState state = server.state();
        Plan plan = server.plan(root, state);
        Applier applier = new Applier(state, 1, Progress.NONE);
        server.realm.afterWrite(call -> {
            if (call.equals("createOrganization:bund-bmi")) {
                applier.stop("interrupted (Ctrl-C)");
            }
        });

        ApplyReport report = applier.apply(plan);
        assertThat(report.stopped()).contains("interrupted (Ctrl-C)");
        assertThat(report.with(Outcome.Status.APPLIED)).extracting(o -> o.change().name())
                .as("the object in flight was finished").containsExactly("berlin-senfin", "bund-bmi");
        assertThat(report.with(Outcome.Status.NOT_STARTED)).extracting(o -> o.change().name())
                .containsExactly("gemeinde-01051001", "berlin-senfin", "bund-bmi", "fachverfahren", "realm");
        assertThat(report.failures()).isFalse();

        server.realm.afterWrite(call -> { });
        Plan rest = server.plan(root);
        assertThat(rest.changes()).extracting(PlanApplyTest::line).containsExactly("CREATE AGENCY gemeinde-01051001",
                "CREATE IDP berlin-senfin", "CREATE IDP bund-bmi", "CREATE SERVICE fachverfahren", "CREATE SETTINGS realm");
        assertThat(rest.unchanged()).isEqualTo(2);
        assertThat(server.apply(root).complete()).isTrue();
        assertThat(server.plan(root).hasChanges()).isFalse();
    }

    @Test
    void progressShowsRateAndEta() {
        assertThat(ProgressLine.format(1234, 12000, 27_300_000_000L, 0)).isEqualTo("apply: 1234/12000 (10%) · 45.2 objects/s · ETA 3m58s");
        assertThat(ProgressLine.format(11000, 12000, 3_600_000_000_000L, 3)).endsWith("ETA 5m27s · 3 not applied");
        assertThat(ProgressLine.duration(7325)).isEqualTo("2h02m");
    }
}
