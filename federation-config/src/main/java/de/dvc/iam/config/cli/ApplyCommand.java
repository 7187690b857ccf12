package de.dvc.iam.config.cli;

import de.dvc.iam.config.apply.Applier;
import de.dvc.iam.config.apply.ApplyReport;
import de.dvc.iam.config.apply.ApplyReportText;
import de.dvc.iam.config.apply.Progress;
import de.dvc.iam.config.apply.ProgressLine;
import de.dvc.iam.config.model.Federation;
import de.dvc.iam.config.model.SecretReference;
import de.dvc.iam.config.plan.DesiredFederation;
import de.dvc.iam.config.plan.Plan;
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

/** {@code dvc-config apply DIR --server URL}: makes the server's owned objects what the files say. */
@Command(name = "apply", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Validates DIR, plans as plan does, and applies exactly that plan: each object complete or not at all, "
                + "--parallel objects at a time, progress on stderr. Writes nothing if the files are invalid, conflict with "
                + "objects dvc-config does not own, or need a secret that is not set. Ctrl-C stops after the objects in "
                + "flight; running apply again completes the rest (it plans anew). Ends with a report of what was and was "
                + "not applied.",
        footer = {"", "Exit codes: 0 applied (or nothing to do), 1 invalid files, conflicts or missing secrets (nothing "
                + "written), 2 usage error, 3 fault of the tool, 5 server unreachable or not everything applied, "
                + "130 interrupted."})
final class ApplyCommand implements Callable<Integer>, ServerCommand {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The federation directory, e.g. federation/demo.")
    private Path directory;

    @Mixin
    private ServerOptions server;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "text (default) or json (the final report as one document; no plan printed).")
    private String format;

    private Environment environment = Environment.SYSTEM;

    @Override
    public void environment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        ReportFormat output = Formats.parse(format, spec);
        FederationInput.requireDirectory(directory, spec);
        int parallel = server.parallel();
        try (EarlyRead early = EarlyRead.start(environment, server, directory)) {
            Optional<Federation> federation = FederationInput.load(directory, output, spec);
            if (federation.isEmpty()) {
                return DvcConfig.INVALID;
            }
            return apply(early, DesiredFederation.of(federation.get(), environment.secrets()), output, parallel);
        }
    }

    private int apply(EarlyRead early, DesiredFederation desired, ReportFormat output, int parallel) {
        String realm = server.realm().orElse(desired.realm());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (EarlyRead.Opened read = early.take(realm)) {
            ServerState state = read.state();
            Plan plan = Planner.plan(PlanCommand.withRealm(desired, realm), read.snapshot());
            if (output == ReportFormat.TEXT) {
                out.println("Apply of " + directory + " to realm " + realm + " at " + server.server() + ":");
                out.println();
                PlanText.print(plan, out, true);
            }
            Optional<Integer> refused = refused(plan, output == ReportFormat.TEXT ? out : err);
            if (refused.isPresent()) {
                return refused.get();
            }
            Applier applier = new Applier(state, parallel, output == ReportFormat.JSON ? Progress.NONE
                    : new ProgressLine(err, System.console() != null));
            int code = DvcConfig.SERVER;
            try (Interruption interruption = new Interruption(applier, err)) {
                try {
                    ApplyReport report = applier.apply(plan);
                    if (output == ReportFormat.JSON) {
                        out.println(ApplyReportText.json(report));
                    } else {
                        out.println();
                        ApplyReportText.print(report, out);
                    }
                    out.flush();
                    code = report.complete() ? DvcConfig.VALID
                            : report.stopped().filter(s -> s.startsWith("interrupted")).isPresent() ? DvcConfig.INTERRUPTED : DvcConfig.SERVER;
                } finally {
                    interruption.reported(code);
                }
            }
            return code;
        } catch (ServerException e) {
            err.println("dvc-config: " + e.getMessage());
            return DvcConfig.SERVER;
        }
    }

    /** Why apply does not start: conflicts, secrets not set, or nothing to do. */
    private static Optional<Integer> refused(Plan plan, PrintWriter out) {
        if (!plan.conflicts().isEmpty()) {
            out.println("Nothing written: resolve the conflicts above first.");
            return Optional.of(DvcConfig.INVALID);
        }
        if (!plan.missingSecrets().isEmpty()) {
            out.println("Nothing written: set " + String.join(", ", plan.missingSecrets().stream().map(SecretReference::reference)
                    .sorted().toList()) + " (environment variables or files) first.");
            return Optional.of(DvcConfig.INVALID);
        }
        if (!plan.hasChanges()) {
            out.println("Nothing to do: the server is as the files say.");
            return Optional.of(DvcConfig.VALID);
        }
        return Optional.empty();
    }
}
