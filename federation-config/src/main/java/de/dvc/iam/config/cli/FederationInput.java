package de.dvc.iam.config.cli;

import de.dvc.iam.config.model.Federation;
import de.dvc.iam.config.validate.ValidationReport;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The files plan and apply start from: validated first, as {@code validate} does. Invalid files are reported (as
 * {@code validate} reports them) and nothing is compared with or written to the server.
 */
final class FederationInput {

    private FederationInput() {
    }

    /**
     * @return the federation, or empty if the files are invalid (then the problems are printed)
     * @throws CommandLine.ParameterException if {@code directory} is no directory
     */
    static Optional<Federation> load(Path directory, ReportFormat format, CommandLine.Model.CommandSpec spec) {
        requireDirectory(directory, spec);
        ValidationReport report = CheckCache.validator().validate(directory);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!report.valid()) {
            format.print(out, report.problems(), false, directory + ": INVALID: " + report.errors()
                    + (report.errors() == 1 ? " error" : " errors") + "; nothing was compared with the server, nothing written.");
            return Optional.empty();
        }
        if (report.warnings() > 0) {
            err.println(directory + ": valid, " + report.warnings() + (report.warnings() == 1 ? " warning" : " warnings")
                    + " (dvc-config validate " + directory + " shows them).");
        }
        return Optional.of(report.federation());
    }

    /** @throws CommandLine.ParameterException if {@code directory} is no directory */
    static void requireDirectory(Path directory, CommandLine.Model.CommandSpec spec) {
        if (!Files.isDirectory(directory)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "No directory " + directory + ": name the federation "
                    + "directory, e.g. federation/demo.");
        }
    }
}
