package de.dvc.iam.config.csv;

import de.dvc.iam.config.model.Kind;
import de.dvc.iam.config.validate.SourceFile;
import de.dvc.iam.config.yaml.YamlText;
import de.dvc.iam.core.agency.Agency;
import de.dvc.iam.core.agency.AgencyCsv;
import de.dvc.iam.core.agency.AgencyLevel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The agency file of each CSV row, at {@code agencies/<state>/<id>.yaml} ({@code be}, {@code sh}, …;
 * {@code bund} for federal agencies, {@code other} for the rest without a state): one file per agency, so a
 * change to one agency is a one-file diff, and a directory per state, so a state's team can own its part.
 * The rows carry no IdPs; those come with the agencies' registrations. Stateless.
 */
public final class AgencyFiles {

    private AgencyFiles() {
    }

    /**
     * @param root      the federation directory the files go to
     * @param schemaDir where the published schema is, for the {@code yaml-language-server} line of editors; empty:
     *                  its {@code $id}
     */
    public static List<SourceFile> of(List<AgencyCsv.Row> rows, Path root, Optional<Path> schemaDir) {
        return of(rows, root, schemaDir, false);
    }

    /** @param placeholderIdps one placeholder SAML IdP per agency with a domain, its metadata file next to it (demo data) */
    public static List<SourceFile> of(List<AgencyCsv.Row> rows, Path root, Optional<Path> schemaDir, boolean placeholderIdps) {
        List<SourceFile> files = new ArrayList<>(rows.size());
        for (AgencyCsv.Row row : rows) {
            Path file = root.resolve("agencies").resolve(directory(row.agency())).resolve(row.agency().id() + ".yaml");
            String text = text(row, schemaLine(file, schemaDir));
            if (placeholderIdps) {
                List<SourceFile> placeholder = PlaceholderIdps.of(row, file);
                if (!placeholder.isEmpty()) {
                    text += placeholder.get(0).text();
                    files.add(placeholder.get(1));
                }
            }
            files.add(new SourceFile(file, text));
        }
        return files;
    }

    static String directory(Agency agency) {
        return agency.state().map(s -> s.substring(3).toLowerCase(Locale.ROOT))
                .orElse(agency.level() == AgencyLevel.FEDERAL ? "bund" : "other");
    }

    /** The schema as editors find it from {@code file}: a relative path, or the {@code $id} without a directory. */
    static String schemaLine(Path file, Optional<Path> schemaDir) {
        String schema = schemaDir.map(dir -> file.toAbsolutePath().normalize().getParent()
                .relativize(dir.toAbsolutePath().normalize()).resolve(Kind.AGENCY.schemaFile()).toString().replace('\\', '/'))
                .orElse(Kind.AGENCY.schemaId());
        return "# yaml-language-server: $schema=" + schema + "\n";
    }

    private static String text(AgencyCsv.Row row, String schemaLine) {
        Agency agency = row.agency();
        StringBuilder yaml = new StringBuilder(schemaLine);
        yaml.append("kind: Agency\n");
        yaml.append("id: ").append(agency.id()).append('\n');
        yaml.append("name: ").append(YamlText.scalar(agency.name())).append('\n');
        agency.shortName().ifPresent(v -> yaml.append("shortName: ").append(YamlText.scalar(v)).append('\n'));
        yaml.append("level: ").append(agency.level().code()).append('\n');
        agency.state().ifPresent(v -> yaml.append("state: ").append(v).append('\n'));
        if (agency.ags().isPresent() || agency.ars().isPresent()) {
            yaml.append("keys:\n");
            agency.ags().ifPresent(v -> yaml.append("  ags: ").append(YamlText.scalar(v)).append('\n'));
            agency.ars().ifPresent(v -> yaml.append("  ars: ").append(YamlText.scalar(v)).append('\n'));
        }
        if (!row.domain().isEmpty()) {
            yaml.append("domains:\n  - ").append(YamlText.scalar(row.domain())).append('\n');
        }
        return yaml.toString();
    }
}
