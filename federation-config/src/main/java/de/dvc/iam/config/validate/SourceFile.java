package de.dvc.iam.config.validate;

import java.nio.file.Path;
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
}
