package de.dvc.iam.config.validate;

import de.dvc.iam.config.Problem;
import de.dvc.iam.config.model.DirectorySpec;
import de.dvc.iam.config.model.SecretReference;
import de.dvc.iam.config.yaml.YamlDocument;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Secrets only by reference: a member whose name says it holds a secret (client secret, password, token,
 * private or API key, credential) must be {@code env:NAME} or {@code file:/path}, wherever it is written,
 * even under a property the schema does not know; and no value anywhere may be a private key (PEM) or a
 * signed token (JWT). The problem names the place, never the value. Stateless.
 */
final class SecretValues {

    /** Lower-case name parts that mark a member as a secret; "key" alone is not one (keys: official keys). */
    private static final List<String> SECRET_NAMES = List.of("secret", "password", "passwd", "apikey", "api_key",
            "api-key", "privatekey", "private_key", "private-key", "credential");
    /** Tokens are named at the end ({@code accessToken}, {@code api_token}); {@code tokenEndpoint} is a URL. */
    private static final String TOKEN = "token";
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*");
    private static final String EXPECTED = "a reference: env:NAME (an environment variable, e.g. env:DVC_BMI_CLIENT_SECRET) "
            + "or file:/absolute/path (e.g. a mounted secret), resolved only when the files are applied";

    /** A directory's bind secret may also name a secret of Keycloak's vault, which the server resolves at each use. */
    private static final String BIND_SECRET = "bindSecret";
    private static final String EXPECTED_BIND = "a reference: env:NAME (an environment variable of apply, e.g. "
            + "env:DVC_MUSTERHAUSEN_BIND_SECRET), file:/absolute/path, or vault:NAME (a secret of Keycloak's vault, stored as "
            + "${vault.NAME} and resolved by the server)";

    private SecretValues() {
    }

    /**
     * Maps whose keys are data, not names: an acr table's keys are what IdPs report
     * ({@code urn:…:PasswordProtectedTransport} is no password).
     */
    private static final java.util.Set<String> DATA_MAPS = java.util.Set.of("acrTable", "acrTables");

    static void check(YamlDocument document, List<Problem> problems) {
        walk(document, document.root(), "", null, false, problems);
    }

    /** @param dataKey whether {@code name} is a key of a data map rather than a property name */
    private static void walk(YamlDocument document, JsonNode node, String pointer, String name, boolean dataKey,
                             List<Problem> problems) {
        boolean bind = BIND_SECRET.equals(name);
        if (name != null && !dataKey && secretName(name) && !(node.isString() && (bind
                ? DirectorySpec.isBindSecretReference(node.asString()) : SecretReference.isReference(node.asString())))) {
            problems.add(Problem.error("secret_inline", document.at(pointer), "'" + name + "' holds "
                    + (node.isString() ? "a value" : "no reference") + " where a secret belongs: secrets are never written "
                    + "into the federation files.", bind ? EXPECTED_BIND : EXPECTED));
            return;
        }
        if (node.isString()) {
            String value = node.asString();
            if (value.contains("PRIVATE KEY-----") || JWT.matcher(value.strip()).matches()) {
                problems.add(Problem.error("secret_inline", document.at(pointer), "The value of '" + (name == null ? "the file"
                        : name) + "' is a private key or a signed token.", EXPECTED));
            }
        } else if (node.isObject()) {
            boolean data = name != null && (DATA_MAPS.contains(name) || dataKey);
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                walk(document, member.getValue(), YamlDocument.member(pointer, member.getKey()), member.getKey(), data, problems);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(document, node.get(i), YamlDocument.element(pointer, i), name, dataKey, problems);
            }
        }
    }

    static boolean secretName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return SECRET_NAMES.stream().anyMatch(lower::contains) || lower.endsWith(TOKEN);
    }
}
