package de.dvc.iam.config.cli;

import de.dvc.iam.config.validate.FederationValidator;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the CLI remembers the SAML metadata files' checks ({@link de.dvc.iam.config.validate.MetadataChecks}):
 * {@code $DVC_CONFIG_CACHE} if set ({@code off}: nowhere, every file is checked on every run), else
 * {@code $XDG_CACHE_HOME/dvc-config}, else {@code ~/.cache/dvc-config}.
 */
final class CheckCache {

    static final String VARIABLE = "DVC_CONFIG_CACHE";
    private static final String FILE = "metadata-checks.json";

    private CheckCache() {
    }

    /** The validator of the CLI's commands. */
    static FederationValidator validator() {
        return FederationValidator.standard(file(System.getenv(), System.getProperty("user.home")));
    }

    static Optional<Path> file(Map<String, String> environment, String home) {
        String named = environment.getOrDefault(VARIABLE, "").trim();
        if (named.equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        if (!named.isEmpty()) {
            return Optional.of(Path.of(named, FILE));
        }
        String xdg = environment.getOrDefault("XDG_CACHE_HOME", "").trim();
        if (!xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
            return Optional.of(Path.of(xdg, "dvc-config", FILE));
        }
        return home == null || home.isBlank() || home.equals("?") ? Optional.empty() : Optional.of(Path.of(home, ".cache", "dvc-config", FILE));
    }
}
