package de.dvc.iam.config.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * {@code dvc-config}: the federation as code. Subcommands {@link ValidateCommand validate},
 * {@link ImportCsvCommand import-csv}, {@link PlanCommand plan}, {@link ApplyCommand apply} and
 * {@link ExportCommand export} and {@link AdoptCommand adopt}; see docs/federation-operators.md.
 */
@Command(name = "dvc-config", mixinStandardHelpOptions = true, version = "dvc-config 0.1.0",
        description = "The DVC federation as YAML files: check them, import agencies from CSV, plan and apply them "
                + "against a running server, export a server's federation, adopt a self-service registration into them.",
        subcommands = {ValidateCommand.class, ImportCsvCommand.class, PlanCommand.class, ApplyCommand.class,
                ExportCommand.class, AdoptCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 valid / no changes / applied, 1 invalid input (nothing written), 2 usage error, "
                + "3 fault of the tool, 4 plan: changes pending, 5 server unreachable or refused, or apply incomplete, "
                + "130 apply interrupted."})
public final class DvcConfig {

    /** Exit code of valid input (and of a plan without changes, a complete apply). */
    public static final int VALID = 0;
    /** Exit code of invalid input: the files or the CSV have errors, or conflict with the server; nothing written. */
    public static final int INVALID = 1;
    /** Exit code of a fault of the tool (a bug, a broken installation), not of the input. */
    public static final int FAULT = 3;
    /**
     * Exit code of a plan with changes. Not 2 (Terraform's -detailed-exitcode): 2 is picocli's usage error here,
     * and a script must tell "there are changes" from "the command was wrong".
     */
    public static final int CHANGES = 4;
    /** Exit code when the server cannot be read or refuses the login, or apply did not apply everything. */
    public static final int SERVER = 5;
    /** Exit code of an apply stopped with Ctrl-C (128 + SIGINT, as shells report it). */
    public static final int INTERRUPTED = 130;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line against the real server and environment; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, Environment.SYSTEM, args);
    }

    /** Runs the command line with {@code environment} (tests: an in-memory server); returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, Environment environment, String... args) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine commandLine = new CommandLine(new DvcConfig(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                K object = defaults.create(type);
                if (object instanceof ServerCommand command) {
                    command.environment(environment);
                }
                return object;
            }
        });
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            // the message, not a stack trace: it names what failed; DVC_CONFIG_DEBUG=1 shows the trace
            err.println("dvc-config: " + exception.getClass().getSimpleName() + ": " + exception.getMessage());
            if (System.getenv("DVC_CONFIG_DEBUG") != null) {
                exception.printStackTrace(err);
            }
            return FAULT;
        });
        return commandLine.execute(args);
    }
}
