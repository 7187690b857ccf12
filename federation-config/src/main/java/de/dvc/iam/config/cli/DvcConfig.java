package de.dvc.iam.config.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * {@code dvc-config}: the federation as code. Subcommands {@link ValidateCommand validate} and
 * {@link ImportCsvCommand import-csv}; see docs/federation-operators.md.
 */
@Command(name = "dvc-config", mixinStandardHelpOptions = true, version = "dvc-config 0.1.0",
        description = "The DVC federation as YAML files: check them, import agencies from CSV.",
        subcommands = {ValidateCommand.class, ImportCsvCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 valid, 1 invalid input, 2 usage error, 3 fault of the tool.",
                "plan, apply, export and adopt are not there yet (issue 13): nothing here writes to a server."})
public final class DvcConfig {

    /** Exit code of valid input. */
    public static final int VALID = 0;
    /** Exit code of invalid input: the files or the CSV have errors. */
    public static final int INVALID = 1;
    /** Exit code of a fault of the tool (a bug, a broken installation), not of the input. */
    public static final int FAULT = 3;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new DvcConfig());
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
