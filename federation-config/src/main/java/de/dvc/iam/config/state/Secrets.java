package de.dvc.iam.config.state;

import de.dvc.iam.config.model.SecretReference;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves secret references ({@code env:NAME}, {@code file:/path}) to their values, at apply time only. An
 * unset variable, an empty value or an unreadable file resolve to nothing; the caller says what is missing.
 */
@FunctionalInterface
public interface Secrets {

    Optional<String> resolve(SecretReference reference);

    /** The process's environment and files; a file's trailing line breaks are not part of the secret. */
    static Secrets environment() {
        return reference -> {
            String value = reference.reference();
            if (value.startsWith("env:")) {
                return Optional.ofNullable(System.getenv(value.substring(4))).filter(v -> !v.isEmpty());
            }
            try {
                String text = Files.readString(Path.of(value.substring(5)), StandardCharsets.UTF_8);
                return Optional.of(text.replaceAll("[\\r\\n]+$", "")).filter(v -> !v.isEmpty());
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        };
    }

    /** For tests: references to values, e.g. {@code env:X → secret}. */
    static Secrets of(Map<String, String> values) {
        return reference -> Optional.ofNullable(values.get(reference.reference()));
    }
}
