package de.dvc.iam.config.cli;

import de.dvc.iam.config.Problem;
import de.dvc.iam.config.export.Export;
import de.dvc.iam.config.export.ExportFiles;
import de.dvc.iam.config.export.Exporter;
import de.dvc.iam.config.export.NotExported;
import de.dvc.iam.config.model.SecretReference;
import de.dvc.iam.config.state.ServerException;
import de.dvc.iam.config.state.ServerState;
import de.dvc.iam.config.state.Snapshot;
import de.dvc.iam.config.validate.FederationFiles;
import de.dvc.iam.config.validate.SourceFile;
import de.dvc.iam.config.validate.ValidationReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code dvc-config export --server URL DIR}: the server's federation as files. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Reads the federation of the server's realm — owned by dvc-config or not — and writes it to DIR in the "
                + "layout of import-csv, every value explicit, so that plan of DIR against the same server shows no change. "
                + "Secrets become env: references (a comment names the variable to set); self-service registrations and what "
                + "the files cannot describe are named in comments and in the report. The files are validated after writing.",
        footer = {"", "Exit codes: 0 exported and valid, 1 exported but not valid (the report says what to fix) or DIR holds "
                + "federation files already, 2 usage error, 3 fault of the tool, 5 server unreachable or login refused."})
final class ExportCommand implements Callable<Integer>, ServerCommand {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The directory to write (new or empty, unless --overwrite).")
    private Path directory;

    @Mixin
    private ServerOptions server;

    @Option(names = "--overwrite", description = "Write into DIR even if it holds federation files (those of the same name are replaced).")
    private boolean overwrite;

    @Option(names = "--schema-dir", paramLabel = "DIR", description = "Where the published schema is, for the "
            + "'# yaml-language-server: $schema=' line (default: this checkout's federation-config/schema).")
    private Path schemaDir;

    private Environment environment = Environment.SYSTEM;

    @Override
    public void environment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> existing = ExportFiles.existing(directory);
        if (!existing.isEmpty() && !overwrite) {
            err.println("dvc-config: " + directory + " holds federation files already (" + existing.size() + "): export to a new "
                    + "or empty directory, or --overwrite. Nothing written.");
            return DvcConfig.INVALID;
        }
        String realm = server.realm().orElse("dvc");
        Snapshot snapshot;
        try (ServerState state = environment.connector().connect(server, realm, environment.secrets())) {
            snapshot = state.read();
        } catch (ServerException e) {
            err.println("dvc-config: " + e.getMessage());
            return DvcConfig.SERVER;
        }
        Optional<Path> schema = Optional.ofNullable(schemaDir)
                .or(() -> Optional.ofNullable(System.getProperty(ImportCsvCommand.SCHEMA_DIR_PROPERTY)).map(Path::of));
        Export export = Exporter.export(snapshot, directory, schema, server.server() + ", realm " + realm);
        ExportFiles.write(export);
        FederationFiles.Read read = FederationFiles.read(directory);
        ValidationReport report = CheckCache.validator().validate(directory, read.files(), read.problems());
        print(out, export, report, ExportFiles.foreign(directory, export));
        return report.valid() ? DvcConfig.VALID : DvcConfig.INVALID;
    }

    private void print(PrintWriter out, Export export, ValidationReport report, List<Path> foreign) {
        List<SourceFile> files = export.files();
        out.println("Exported realm " + server.realm().orElse("dvc") + " of " + server.server() + " to " + directory + ": "
                + files.size() + (files.size() == 1 ? " file" : " files") + "; the directory now: " + report.summary() + ".");
        if (!export.notExported().isEmpty()) {
            out.println("Not exported: " + export.notExported().size());
            for (NotExported left : export.notExported()) {
                out.println("  " + left.kind().label() + " " + left.name() + " (" + left.ownership().label() + "): " + left.reason());
            }
        }
        if (!export.secretsToSet().isEmpty()) {
            out.println("Secrets the server does not reveal — set them before apply: " + String.join(", ",
                    export.secretsToSet().stream().map(SecretReference::reference).toList()));
        }
        if (!foreign.isEmpty()) {
            out.println("Files in " + directory + " that are not from this export (plan reads them too): " + foreign.size());
        }
        List<Problem> problems = new ArrayList<>(report.problems());
        problems.forEach(p -> out.println(p.toText()));
        out.println(report.valid() ? "The export is valid." : "The export is NOT valid: " + report.errors()
                + (report.errors() == 1 ? " error" : " errors") + " (above) to fix before plan.");
    }
}
