package de.dvc.iam.config.cli;

import de.dvc.iam.config.Problem;
import de.dvc.iam.config.csv.CsvImport;
import de.dvc.iam.config.validate.ValidationReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code dvc-config import-csv CSV DIR}: agencies from the fixture CSV as agency files, validated before writing. */
@Command(name = "import-csv", mixinStandardHelpOptions = true,
        description = "Writes one agency file per row of CSV (id,name,short_name,level,state,ags,ars,domain; "
                + "fixtures/README.md) to DIR/agencies/<state>/<id>.yaml. The CSV and the directory as it would be "
                + "are validated first: on any error nothing is written.",
        footer = {"", "Exit codes: 0 imported, 1 invalid input (nothing written), 2 usage error, 3 fault of the tool."})
final class ImportCsvCommand implements Callable<Integer> {

    /** Set by ./dvc-config to the checkout's federation-config/schema, for the editors' schema line. */
    static final String SCHEMA_DIR_PROPERTY = "dvc.config.schema-dir";

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CSV", description = "The agencies, e.g. fixtures/agencies.csv.")
    private Path csv;

    @Parameters(index = "1", paramLabel = "DIR", description = "The federation directory to write to (created if missing).")
    private Path directory;

    @Option(names = "--overwrite", description = "Replace agency files that exist and differ (default: stop, write nothing).")
    private boolean overwrite;

    @Option(names = "--schema-dir", paramLabel = "DIR", description = "Where the published schema is, for the "
            + "'# yaml-language-server: $schema=' line (default: this checkout's federation-config/schema).")
    private Path schemaDir;

    @Option(names = "--placeholder-idps", description = "Demo and test data: one placeholder SAML IdP per agency with a domain "
            + "(metadata file next to the agency file; endpoints that do not exist, a certificate without a kept key), so that "
            + "home-IdP discovery lists every agency. Nobody can log in through them. Never for production files.")
    private boolean placeholderIdps;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "Only the first N rows (default: all).")
    private int limit;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "text (default) or json.")
    private String format;

    @Override
    public Integer call() throws IOException {
        ReportFormat output = Formats.parse(format, spec);
        if (!Files.isRegularFile(csv)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "No file " + csv + ": name the CSV, e.g. fixtures/agencies.csv.");
        }
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new CommandLine.ParameterException(spec.commandLine(), directory + " is not a directory.");
        }
        Optional<Path> schema = Optional.ofNullable(schemaDir)
                .or(() -> Optional.ofNullable(System.getProperty(SCHEMA_DIR_PROPERTY)).map(Path::of));
        long start = System.nanoTime();
        CsvImport.Outcome outcome = new CsvImport(CheckCache.validator()).run(csv, directory, schema, overwrite, placeholderIdps, limit);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Problem> problems = new ArrayList<>(outcome.problems());
        outcome.report().ifPresent(r -> problems.addAll(r.problems()));
        problems.sort(Problem.ORDER);
        String summary = outcome.succeeded()
                ? String.format(Locale.ROOT, "%s: %d rows; %d files written, %d unchanged; %s; valid (%.1f s)", csv, outcome.rows(),
                outcome.written().size(), outcome.unchanged(), outcome.report().map(ValidationReport::summary).orElse(""), seconds)
                : String.format(Locale.ROOT, "%s: nothing written: %d %s (%.1f s)", csv, problems.stream().filter(Problem::isError).count(),
                problems.stream().filter(Problem::isError).count() == 1 ? "error" : "errors", seconds);
        output.print(spec.commandLine().getOut(), problems, outcome.succeeded(), summary);
        return outcome.succeeded() ? DvcConfig.VALID : DvcConfig.INVALID;
    }
}
