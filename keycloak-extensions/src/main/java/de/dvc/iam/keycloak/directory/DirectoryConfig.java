package de.dvc.iam.keycloak.directory;

import com.fasterxml.jackson.core.type.TypeReference;
import de.dvc.iam.core.directory.DirectorySettings;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A directory's settings in its IdP model: the submitted settings as JSON ({@value #SETTINGS}) without the bind secret,
 * which is kept apart ({@link #BIND_SECRET}; a {@code ${vault.…}} reference is resolved through Keycloak's vault) and
 * never shown in any view. Read typed through iam-core's {@link DirectorySettings}.
 */
public final class DirectoryConfig {

    public static final String SETTINGS = "dvc.directory.settings";
    /**
     * Under the name of an OIDC client secret on purpose: Keycloak's admin API masks exactly that IdP config key (and
     * keeps {@code ${vault.…}} references readable), so the bind secret is never shown there either.
     */
    public static final String BIND_SECRET = "clientSecret";
    /** The login name DVC searches a test account by in the validation report. */
    public static final String TEST_LOGIN = "dvc.directory.test-login";
    /**
     * Context data of a directory's brokered identity: the person's attributes as the directory gave them (name → values,
     * a plain map, since Keycloak keeps the context as JSON between first-login steps). Only the directory login puts it
     * there; no SAML or OIDC answer can.
     */
    public static final String ASSERTED = "dvc.directory.asserted";

    private DirectoryConfig() {
    }

    /** Writes submitted settings (a JSON object as {@link DirectorySettings#parse} reads it) into IdP config. */
    public static void write(Map<String, String> config, Map<String, Object> submitted) {
        Map<String, Object> settings = new LinkedHashMap<>(submitted);
        Object secret = settings.remove("bindSecret");
        try {
            config.put(SETTINGS, JsonSerialization.writeValueAsString(settings));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write directory settings", e);
        }
        if (secret instanceof String value) {
            config.put(BIND_SECRET, value);
        }
    }

    /** The settings as submitted, without the bind secret (for views and the change check). */
    public static Map<String, Object> submitted(IdentityProviderModel idp) {
        String json = idp.getConfig().get(SETTINGS);
        if (json == null) {
            return Map.of();
        }
        try {
            return JsonSerialization.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new IllegalArgumentException("The directory settings of " + idp.getAlias() + " are not readable JSON.");
        }
    }

    /**
     * The IdP's settings, secret included.
     *
     * @throws IllegalArgumentException (incl. {@code RequestProblems.Invalid}) if stored settings are broken: fail closed
     */
    public static DirectorySettings settings(KeycloakSession session, IdentityProviderModel idp) {
        Map<String, Object> settings = new LinkedHashMap<>(submitted(idp));
        String secret = idp.getConfig().get(BIND_SECRET);
        if (secret != null) {
            settings.put("bindSecret", session.vault().getStringSecret(secret).get().orElse(secret));
        }
        return DirectorySettings.parse(settings);
    }

    /** What identifies a version of the settings (the secret by hash only): a change means a new client. */
    static String fingerprint(IdentityProviderModel idp) {
        String secret = idp.getConfig().getOrDefault(BIND_SECRET, "");
        return idp.getConfig().getOrDefault(SETTINGS, "") + "|" + de.dvc.iam.core.crypto.Sha256.hex(secret);
    }
}
