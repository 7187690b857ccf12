package de.dvc.iam.config.validate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * A federation file's text and the path to show for it (as the user named the directory).
 *
 * @param path the file, relative to the working directory or absolute, as the user gave its directory
 * @param text its content
 */
public record SourceFile(Path path, String text) {
    public SourceFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(text, "text");
    }

    /**
     * Writes the text to the path in one step (a hidden temporary file next to it, moved into place; directories made):
     * a reader, and a run stopped midway, see the old text or the new, never half of it.
     */
    public void write() throws IOException {
        Path target = path.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), ".write-", ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
