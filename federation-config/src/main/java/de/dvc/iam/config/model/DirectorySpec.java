package de.dvc.iam.config.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An agency directory (LDAP / Active Directory, issue 14) as an agency file describes it in an IdP's {@code directory:}
 * member. Its settings are those of the registration API's {@code directory} object (iam-core {@code DirectorySettings},
 * the same field names and rules), minus the bind secret, which the files only name: {@code env:NAME} or
 * {@code file:/path} (resolved by apply, stored in the IdP) or {@code vault:NAME} (stored as Keycloak's vault expression
 * {@code ${vault.NAME}}, resolved by the server at each use). Immutable; optional values are never null.
 *
 * @param settings           the settings as written (plain JSON values: strings, booleans, numbers, the groupRoles
 *                           object), without {@code bindSecret}, {@code caCertificatesFile} and {@code testLogin}; after
 *                           {@code DesiredFederation} its {@code caCertificates} holds the PEM of {@code caCertificatesFile}
 * @param caCertificatesFile the CA certificates as a PEM file, relative to the agency file
 * @param bindSecret         the reference to the service account's password; empty where the server does not say (a
 *                           secret apply did not write, stored as a value)
 * @param testLogin          the login name the validation report searches a test account by
 */
public record DirectorySpec(Map<String, Object> settings, Optional<String> caCertificatesFile, Optional<String> bindSecret,
                            Optional<String> testLogin) {

    /** The members of {@code directory:} that are not settings of iam-core's {@code DirectorySettings}. */
    public static final List<String> OWN_MEMBERS = List.of("bindSecret", "caCertificatesFile", "testLogin");

    private static final Pattern VAULT = Pattern.compile("vault:([A-Za-z0-9_-]+)");
    private static final Pattern VAULT_EXPRESSION = Pattern.compile("\\$\\{vault\\.([A-Za-z0-9_-]+)}");

    public DirectorySpec {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(settings, "settings")));
        Objects.requireNonNull(caCertificatesFile, "caCertificatesFile");
        Objects.requireNonNull(bindSecret, "bindSecret");
        Objects.requireNonNull(testLogin, "testLogin");
    }

    /** Whether {@code value} is a bind secret reference the files accept: env:NAME, file:/path or vault:NAME. */
    public static boolean isBindSecretReference(String value) {
        return value != null && (SecretReference.isReference(value) || VAULT.matcher(value).matches());
    }

    /** The secret apply resolves and writes ({@code env:}, {@code file:}); empty for a vault reference. */
    public Optional<SecretReference> secretReference() {
        return bindSecret.flatMap(SecretReference::parse);
    }

    /** The Keycloak vault expression a {@code vault:NAME} reference is stored as, {@code ${vault.NAME}}. */
    public Optional<String> vaultExpression() {
        return bindSecret.map(VAULT::matcher).filter(Matcher::matches).map(m -> "${vault." + m.group(1) + "}");
    }

    /** {@code vault:NAME} for a stored {@code ${vault.NAME}}; empty for anything else (a secret value among them). */
    public static Optional<String> vaultReference(String stored) {
        if (stored == null) {
            return Optional.empty();
        }
        Matcher expression = VAULT_EXPRESSION.matcher(stored);
        return expression.matches() ? Optional.of("vault:" + expression.group(1)) : Optional.empty();
    }

    /** The same directory with other settings (e.g. the PEM of its file filled in). */
    public DirectorySpec withSettings(Map<String, Object> other) {
        return new DirectorySpec(other, caCertificatesFile, bindSecret, testLogin);
    }

    @Override
    public String toString() {
        return "DirectorySpec[url=" + settings.get("url") + ", bindSecret=" + bindSecret.orElse("(not named)") + "]";
    }
}
