package de.dvc.iam.config.cli;

import de.dvc.iam.config.validate.FederationValidator;
import de.dvc.iam.config.validate.MetadataChecks;
import de.dvc.iam.config.validate.ValidationReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code dvc-config validate DIR}: schema and rules over every file of a federation directory, offline. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks every *.yaml file under DIR against the schema and DVC's rules (official keys, domains, "
                + "profiles, assurance, SAML metadata files, access policies, unique names, secrets by reference). "
                + "Offline: nothing is fetched, no server is asked. A SAML metadata file checked before, byte for byte, is "
                + "not checked again while the outcome of that check holds (~/.cache/dvc-config; DVC_CONFIG_CACHE=off: always).",
        footer = {"", "Each problem is one line: file:line:column: error|warning [code] what is wrong. Expected: what is right.",
                "", "Exit codes: 0 valid (warnings allowed), 1 invalid, 2 usage error, 3 fault of the tool."})
final class ValidateCommand implements Callable<Integer> {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The federation directory, e.g. federation/demo.")
    private Path directory;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "text (default): one line per problem; json: one document for programs.")
    private String format;

    @Override
    public Integer call() {
        ReportFormat output = Formats.parse(format, spec);
        if (!Files.isDirectory(directory)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "No directory " + directory + ": name the federation "
                    + "directory, e.g. federation/demo.");
        }
        long start = System.nanoTime();
        FederationValidator validator = CheckCache.validator();
        ValidationReport report = validator.validate(directory);
        double seconds = (System.nanoTime() - start) / 1e9;
        String verdict = report.valid() ? "valid" : "INVALID: " + report.errors() + (report.errors() == 1 ? " error" : " errors");
        String summary = String.format(Locale.ROOT, "%s: %s; %s, %d %s (%.1f s)", directory, report.summary(), verdict,
                report.warnings(), report.warnings() == 1 ? "warning" : "warnings", seconds);
        output.print(spec.commandLine().getOut(), report.problems(), report.valid(), summary);
        MetadataChecks checks = validator.metadataChecks();
        if (checks.reused() > 0) {
            spec.commandLine().getErr().printf(Locale.ROOT, "SAML metadata files: %d checked, %d unchanged since an earlier check "
                    + "whose outcome still holds (%s=off checks every file).%n", checks.checked(), checks.reused(), CheckCache.VARIABLE);
        }
        return report.valid() ? DvcConfig.VALID : DvcConfig.INVALID;
    }
}
