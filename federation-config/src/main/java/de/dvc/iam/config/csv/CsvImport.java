package de.dvc.iam.config.csv;

import de.dvc.iam.config.Problem;
import de.dvc.iam.config.validate.FederationFiles;
import de.dvc.iam.config.validate.FederationValidator;
import de.dvc.iam.config.validate.SourceFile;
import de.dvc.iam.config.validate.ValidationReport;
import de.dvc.iam.config.yaml.Where;
import de.dvc.iam.core.agency.AgencyCsv;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code import-csv}: a fixture CSV ({@link AgencyCsv}, official keys checked) written as agency files into a
 * federation directory. The new files together with those already there are validated before anything is
 * written; if that fails, nothing is written. Existing files are replaced only when asked to. Each file is
 * written whole (a temporary file moved into place), so an interrupted import leaves no half file.
 *
 * <p>Stateless; not meant to run twice at once on one directory.
 */
public final class CsvImport {

    private static final Pattern CSV_LINE = Pattern.compile("^Line (\\d+): ");
    /** Files named individually when they exist already; the rest are counted. */
    private static final int NAMED_EXISTING = 10;

    private final FederationValidator validator;

    public CsvImport(FederationValidator validator) {
        this.validator = validator;
    }

    /**
     * @param written  files created or changed (empty if the import stopped)
     * @param report   the validation of the directory as it is (or would have been) after the import; empty if the
     *                 CSV itself was refused
     * @param problems problems of the CSV or of existing files, besides the report's
     */
    public record Outcome(int rows, List<Path> written, int unchanged, Optional<ValidationReport> report,
                          List<Problem> problems) {
        public boolean succeeded() {
            return problems.stream().noneMatch(Problem::isError) && report.map(ValidationReport::valid).orElse(false);
        }
    }

    public Outcome run(Path csv, Path root, Optional<Path> schemaDir, boolean overwrite) throws IOException {
        return run(csv, root, schemaDir, overwrite, false, 0);
    }

    /**
     * @param placeholderIdps demo data: a placeholder SAML IdP per agency ({@link PlaceholderIdps})
     * @param limit           only the first {@code limit} rows; 0: all
     */
    public Outcome run(Path csv, Path root, Optional<Path> schemaDir, boolean overwrite, boolean placeholderIdps, int limit)
            throws IOException {
        List<AgencyCsv.Row> rows;
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            rows = AgencyCsv.read(reader);
        } catch (IllegalArgumentException e) {
            Matcher line = CSV_LINE.matcher(e.getMessage());
            boolean numbered = line.find();
            Where where = numbered ? new Where(csv, Integer.parseInt(line.group(1)), 1) : Where.file(csv);
            return refused(0, Problem.error("csv_invalid", where, numbered ? e.getMessage().substring(line.end()) : e.getMessage(),
                    "rows as fixtures/README.md describes them: id,name,short_name,level,state,ags,ars,domain"));
        }
        if (limit > 0 && rows.size() > limit) {
            rows = rows.subList(0, limit);
        }
        List<SourceFile> generated = AgencyFiles.of(rows, root, schemaDir, placeholderIdps);
        Map<Path, SourceFile> tree = new TreeMap<>(); // a stable order: "already used at" names the same file each run
        FederationFiles.Read existing = Files.isDirectory(root) ? FederationFiles.read(root)
                : new FederationFiles.Read(List.of(), List.of());
        existing.files().forEach(f -> tree.put(f.path().normalize(), f));
        List<Problem> problems = new ArrayList<>(existing.problems());
        int taken = 0;
        int unchanged = 0;
        List<SourceFile> changed = new ArrayList<>();
        List<SourceFile> metadata = new ArrayList<>(); // placeholder metadata files: on disk for validation, not YAML
        for (SourceFile file : generated) {
            if (!file.path().getFileName().toString().endsWith(".yaml")) {
                metadata.add(file);
                continue;
            }
            SourceFile before = tree.put(file.path().normalize(), file);
            if (before != null && before.text().equals(file.text())) {
                unchanged++;
            } else if (before != null && !overwrite) {
                if (taken++ < NAMED_EXISTING) {
                    problems.add(Problem.error("file_exists", Where.file(file.path()), "The file exists and differs from the import.",
                            "--overwrite to replace the agency files the CSV holds, or another directory"));
                }
            } else {
                changed.add(file);
            }
        }
        if (taken > NAMED_EXISTING) {
            problems.add(Problem.error("file_exists", Where.file(root), (taken - NAMED_EXISTING) + " more files exist and differ.",
                    "--overwrite, or another directory"));
        }
        if (taken > 0) {
            return new Outcome(rows.size(), List.of(), unchanged, Optional.of(validator.validate(root, new ArrayList<>(tree.values()),
                    List.of())), problems);
        }
        // The metadata files the agency files name must be on disk for validation: written first, taken back if invalid.
        Map<Path, Optional<String>> replaced = new java.util.LinkedHashMap<>();
        List<Path> written = new ArrayList<>();
        for (SourceFile file : metadata) {
            Optional<String> before = Files.isRegularFile(file.path()) ? Optional.of(Files.readString(file.path(), StandardCharsets.UTF_8))
                    : Optional.empty();
            if (before.isPresent() && before.get().equals(file.text())) {
                continue;
            }
            replaced.put(file.path(), before);
            file.write();
            written.add(file.path());
        }
        ValidationReport report = validator.validate(root, new ArrayList<>(tree.values()), List.of());
        if (!report.valid()) {
            for (Map.Entry<Path, Optional<String>> back : replaced.entrySet()) {
                if (back.getValue().isPresent()) {
                    new SourceFile(back.getKey(), back.getValue().get()).write();
                } else {
                    Files.deleteIfExists(back.getKey());
                }
            }
            return new Outcome(rows.size(), List.of(), unchanged, Optional.of(report), problems);
        }
        for (SourceFile file : changed) {
            file.write();
            written.add(file.path());
        }
        return new Outcome(rows.size(), written, unchanged, Optional.of(report), problems);
    }

    private static Outcome refused(int rows, Problem problem) {
        return new Outcome(rows, List.of(), 0, Optional.empty(), List.of(problem));
    }
}
