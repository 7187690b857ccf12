package de.dvc.iam.config.keycloak;

import de.dvc.iam.config.model.DirectoryForm;
import de.dvc.iam.config.model.DirectorySpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An agency directory in its IdP's config, as keycloak-extensions {@code DirectoryConfig} keeps it: the settings as JSON
 * without the bind secret ({@value #SETTINGS}), the bind secret apart ({@value #BIND_SECRET}: the value, shown masked,
 * or a vault expression {@code ${vault.NAME}} the server resolves at use), the test login ({@value #TEST_LOGIN}). The stored JSON is
 * {@link DirectoryForm}'s, so the same files write the same text. Stateless.
 */
final class DirectoryMapping {

    /** The Keycloak IdP type of agency directories (keycloak-extensions {@code DirectoryIdentityProviderFactory}). */
    static final String PROVIDER_ID = "dvc-ldap";
    static final String SETTINGS = "dvc.directory.settings";
    /**
     * Where the server keeps the bind secret: under the name of an OIDC client secret, which Keycloak's admin API masks
     * (and shows when it is a vault expression), and keeps as it is when the mask comes back.
     */
    static final String BIND_SECRET = "clientSecret";
    static final String TEST_LOGIN = "dvc.directory.test-login";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DirectoryMapping() {
    }

    /**
     * Writes {@code directory} into {@code config}.
     *
     * @param secret the bind secret's value to write (resolved from env: or file:), or empty to keep the stored one
     *               (the admin API's mask, which it answers by keeping what it has)
     */
    static void write(DirectorySpec directory, Optional<String> secret, Map<String, String> config) {
        config.put(SETTINGS, JSON.writeValueAsString(DirectoryForm.explicit(directory.settings())));
        config.put(BIND_SECRET, directory.vaultExpression().or(() -> secret).orElse(Managed.MASK));
        if (directory.testLogin().isPresent()) {
            config.put(TEST_LOGIN, directory.testLogin().get());
        } else {
            config.remove(TEST_LOGIN);
        }
    }

    /**
     * The directory of an IdP's config. Its bind secret: the vault reference where one is stored; else what apply recorded
     * ({@code recorded}, an env: or file: reference); else none — a stored value is never read into the spec.
     *
     * @throws IllegalArgumentException if the stored settings are no JSON object
     */
    static DirectorySpec read(Map<String, String> config, Optional<String> recorded) {
        Map<String, Object> settings = new LinkedHashMap<>();
        String json = config.get(SETTINGS);
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException("it is an agency directory without settings (" + SETTINGS + ")");
        }
        try {
            JsonNode root = JSON.readTree(json);
            if (!root.isObject()) {
                throw new IllegalArgumentException("its directory settings (" + SETTINGS + ") are no JSON object");
            }
            root.properties().forEach(e -> {
                if (!"bindSecret".equals(e.getKey())) { // never, but never read one into the files either
                    settings.put(e.getKey(), de.dvc.iam.config.model.SpecReader.plain(e.getValue()));
                }
            });
        } catch (JacksonException e) {
            throw new IllegalArgumentException("its directory settings (" + SETTINGS + ") are not readable JSON");
        }
        Optional<String> bind = DirectorySpec.vaultReference(config.get(BIND_SECRET)).or(() -> recorded);
        return new DirectorySpec(DirectoryForm.explicit(settings), Optional.empty(), bind,
                Optional.ofNullable(config.get(TEST_LOGIN)).filter(t -> !t.isBlank()));
    }
}
