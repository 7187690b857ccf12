package de.dvc.iam.config.validate;

import de.dvc.iam.config.Problem;
import de.dvc.iam.config.yaml.Where;
import de.dvc.iam.config.yaml.YamlReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The federation files of a directory tree: every {@code *.yaml} and {@code *.yml} below it, in a stable
 * order, hidden directories ({@code .git}) left out. How the tree is split (by state, by kind) is the
 * operator's choice; each file says what it is by its {@code kind}. Stateless.
 */
public final class FederationFiles {

    private FederationFiles() {
    }

    /** The files read, and a problem for each one that cannot be read as UTF-8 text. */
    public record Read(List<SourceFile> files, List<Problem> problems) {
    }

    /** @throws UncheckedIOException if the directory cannot be listed */
    public static Read read(Path root) {
        List<SourceFile> files = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Path file : list(root)) {
            try {
                if (Files.size(file) > 4L * YamlReader.MAX_CHARS) {
                    problems.add(Problem.error("file_too_large", Where.file(file), "The file has " + Files.size(file)
                            + " bytes.", "at most " + YamlReader.MAX_CHARS + " characters; one agency or service per file"));
                    continue;
                }
                files.add(new SourceFile(file, Files.readString(file, StandardCharsets.UTF_8)));
            } catch (CharacterCodingException e) {
                problems.add(Problem.error("file_encoding", Where.file(file), "The file is not UTF-8 text.",
                        "YAML files in UTF-8 (without byte order mark problems: save as UTF-8)"));
            } catch (IOException e) {
                problems.add(Problem.error("file_unreadable", Where.file(file), "The file cannot be read ("
                        + e.getClass().getSimpleName() + ").", "a readable file"));
            }
        }
        return new Read(files, problems);
    }

    /** The YAML files below {@code root}, sorted by path. */
    public static List<Path> list(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(p -> !hidden(root, p)).filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    private static boolean hidden(Path root, Path path) {
        Path relative = root.relativize(path);
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
