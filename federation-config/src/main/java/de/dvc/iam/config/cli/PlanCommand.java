package de.dvc.iam.config.cli;

import de.dvc.iam.config.model.Federation;
import de.dvc.iam.config.plan.DesiredFederation;
import de.dvc.iam.config.plan.Plan;
import de.dvc.iam.config.plan.PlanJson;
import de.dvc.iam.config.plan.PlanText;
import de.dvc.iam.config.plan.Planner;
import de.dvc.iam.config.state.ServerException;
import de.dvc.iam.config.state.ServerState;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code dvc-config plan DIR --server URL}: what apply would change on the server, read-only. */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Validates DIR, reads the federation of the server's realm and shows what apply would do: "
                + "+ create, ~ update (field: old → new) or rename, - delete — only objects dvc-config owns; what it does not "
                + "own is listed and never touched. Writes nothing. Secrets are compared by fingerprint, never shown.",
        footer = {"", "Exit codes: 0 no changes, 4 changes, 1 invalid files or conflicts with the server (apply would write "
                + "nothing), 2 usage error, 3 fault of the tool, 5 server unreachable or login refused."})
final class PlanCommand implements Callable<Integer>, ServerCommand {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The federation directory, e.g. federation/demo.")
    private Path directory;

    @Mixin
    private ServerOptions server;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "text (default) or json.")
    private String format;

    @Option(names = "--compact", description = "One line per change, without its fields (plans of thousands of creates).")
    private boolean compact;

    private Environment environment = Environment.SYSTEM;

    @Override
    public void environment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        ReportFormat output = Formats.parse(format, spec);
        FederationInput.requireDirectory(directory, spec);
        server.parallel(); // a usage error before anything starts
        try (EarlyRead early = EarlyRead.start(environment, server, directory)) {
            Optional<Federation> federation = FederationInput.load(directory, output, spec);
            if (federation.isEmpty()) {
                return DvcConfig.INVALID;
            }
            return plan(early, DesiredFederation.of(federation.get(), environment.secrets()), output);
        }
    }

    private int plan(EarlyRead early, DesiredFederation desired, ReportFormat output) {
        String realm = server.realm().orElse(desired.realm());
        PrintWriter out = spec.commandLine().getOut();
        try (EarlyRead.Opened read = early.take(realm)) {
            Plan plan = Planner.plan(withRealm(desired, realm), read.snapshot());
            if (output == ReportFormat.JSON) {
                out.println(PlanJson.text(plan));
            } else {
                out.println("Plan of " + directory + " against realm " + realm + " at " + server.server() + ":");
                out.println();
                PlanText.print(plan, out, compact);
            }
            if (!plan.conflicts().isEmpty()) {
                return DvcConfig.INVALID;
            }
            return plan.hasChanges() ? DvcConfig.CHANGES : DvcConfig.VALID;
        } catch (ServerException e) {
            spec.commandLine().getErr().println("dvc-config: " + e.getMessage());
            return DvcConfig.SERVER;
        }
    }

    static DesiredFederation withRealm(DesiredFederation desired, String realm) {
        return new DesiredFederation(realm, desired.agencies(), desired.idps(), desired.services(), desired.settings());
    }
}
