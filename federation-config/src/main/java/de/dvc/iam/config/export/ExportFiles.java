package de.dvc.iam.config.export;

import de.dvc.iam.config.validate.FederationFiles;
import de.dvc.iam.config.validate.SourceFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes an export into its directory, each file whole (a temporary file moved into place). Stateless.
 */
public final class ExportFiles {

    private ExportFiles() {
    }

    /** The federation files already in {@code root} (an export goes to an empty or new directory unless told otherwise). */
    public static List<Path> existing(Path root) {
        return Files.isDirectory(root) ? FederationFiles.list(root) : List.of();
    }

    /** Files in {@code root} that the export does not write: they would be part of the next plan too. */
    public static List<Path> foreign(Path root, Export export) {
        Set<Path> written = new HashSet<>();
        export.files().forEach(f -> written.add(f.path().toAbsolutePath().normalize()));
        return existing(root).stream().filter(p -> !written.contains(p.toAbsolutePath().normalize())).toList();
    }

    public static void write(Export export) throws IOException {
        for (SourceFile file : export.files()) {
            file.write();
        }
    }
}
