package de.dvc.iam.config.export;

import de.dvc.iam.config.model.AgencySpec;
import de.dvc.iam.config.model.Kind;
import de.dvc.iam.core.agency.AgencyLevel;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Where exported files go (the layout of import-csv) and the schema line editors read. Stateless. */
final class ExportPaths {

    private ExportPaths() {
    }

    /** {@code be}, {@code sh}, …; {@code bund} for federal agencies, {@code other} for the rest without a state. */
    static String directory(AgencySpec agency) {
        return agency.state().map(s -> s.substring(3).toLowerCase(Locale.ROOT))
                .orElse(agency.level() == AgencyLevel.FEDERAL ? "bund" : "other");
    }

    static String schemaLine(Path file, Optional<Path> schemaDir, Kind kind) {
        String schema = schemaDir.map(dir -> file.toAbsolutePath().normalize().getParent()
                .relativize(dir.toAbsolutePath().normalize()).resolve(kind.schemaFile()).toString().replace('\\', '/'))
                .orElse(kind.schemaId());
        return "# yaml-language-server: $schema=" + schema;
    }
}
