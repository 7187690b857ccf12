package de.dvc.iam.config.yaml;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A place in a file: 1-based line and column, as editors count them.
 *
 * @param file   the file as the user named it (relative to the working directory where it was given so)
 * @param line   1-based; 0 if the problem concerns the whole file
 * @param column 1-based; 0 if the problem concerns the whole file
 */
public record Where(Path file, int line, int column) implements Comparable<Where> {

    public Where {
        Objects.requireNonNull(file, "file");
    }

    /** The whole file, e.g. for a file that cannot be read. */
    public static Where file(Path file) {
        return new Where(file, 0, 0);
    }

    /** {@code path:line:column}, the form compilers use and editors link. */
    @Override
    public String toString() {
        return line == 0 ? file.toString() : file + ":" + line + ":" + column;
    }

    @Override
    public int compareTo(Where other) {
        int byFile = file.toString().compareTo(other.file.toString());
        if (byFile != 0) {
            return byFile;
        }
        return line != other.line ? Integer.compare(line, other.line) : Integer.compare(column, other.column);
    }
}
