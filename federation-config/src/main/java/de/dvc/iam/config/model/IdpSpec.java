package de.dvc.iam.config.model;

import de.dvc.iam.core.assurance.AssuranceLevel;
import de.dvc.iam.core.registration.RegistrationState;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An agency IdP as its agency's file describes it. Immutable; optional values are never null. Which of the
 * source fields are present depends on the protocol (SAML: metadata URL or file; OIDC: issuer and client; LDAP: the
 * directory); the schema and {@code IdpRules} see to it.
 *
 * @param domains          the domains it may assert; empty means all of its agency's
 * @param profileOverrides contract attribute (or {@code required}, {@code roles.syntax}) to values, in file order
 * @param acrTable         reported value to level, in file order (the first of a level is what DVC asks for);
 *                         empty: the settings' default for the protocol
 * @param directory        LDAP: the agency directory
 */
public record IdpSpec(String alias, Optional<String> displayName, Protocol protocol, Optional<String> metadataUrl,
                      Optional<String> metadataFile, Optional<String> entityId, Optional<String> issuer,
                      Optional<String> clientId, Optional<SecretReference> clientSecret, Optional<List<String>> domains,
                      String profile, Map<String, List<String>> profileOverrides, Optional<AssuranceLevel> maxAssurance,
                      Optional<Map<String, AssuranceLevel>> acrTable, RegistrationState lifecycle, Origin origin,
                      Optional<DirectorySpec> directory) {

    /** An IdP without a directory (SAML, OIDC). */
    public IdpSpec(String alias, Optional<String> displayName, Protocol protocol, Optional<String> metadataUrl,
                   Optional<String> metadataFile, Optional<String> entityId, Optional<String> issuer,
                   Optional<String> clientId, Optional<SecretReference> clientSecret, Optional<List<String>> domains,
                   String profile, Map<String, List<String>> profileOverrides, Optional<AssuranceLevel> maxAssurance,
                   Optional<Map<String, AssuranceLevel>> acrTable, RegistrationState lifecycle, Origin origin) {
        this(alias, displayName, protocol, metadataUrl, metadataFile, entityId, issuer, clientId, clientSecret, domains, profile,
                profileOverrides, maxAssurance, acrTable, lifecycle, origin, Optional.empty());
    }

    public IdpSpec {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(directory, "directory");
        domains = domains.map(List::copyOf);
        profileOverrides = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(profileOverrides));
        acrTable = acrTable.map(t -> java.util.Collections.unmodifiableMap(new LinkedHashMap<>(t)));
    }

    /**
     * The secret apply resolves and writes, whichever member names it: an OIDC client secret, or a directory's bind
     * secret given as {@code env:} or {@code file:} (a {@code vault:} one is no value of the files' to write).
     */
    public Optional<SecretReference> secretReference() {
        return clientSecret.or(() -> directory.flatMap(DirectorySpec::secretReference));
    }

    /** Where that secret is written in the files, as plan names it: {@code clientSecret} or {@code directory.bindSecret}. */
    public String secretField() {
        return protocol == Protocol.LDAP ? "directory.bindSecret" : "clientSecret";
    }

    /**
     * The IdP's maximum assurance: as written; else for a directory "normal" (a password login that reports no acr;
     * more only where an operator writes it for that directory, issue 14); else {@code settingsDefault}.
     */
    public AssuranceLevel maximum(AssuranceLevel settingsDefault) {
        return maxAssurance.orElse(protocol == Protocol.LDAP ? AssuranceLevel.NORMAL : settingsDefault);
    }

    /** The same IdP with another directory. */
    public IdpSpec withDirectory(Optional<DirectorySpec> other) {
        return new IdpSpec(alias, displayName, protocol, metadataUrl, metadataFile, entityId, issuer, clientId, clientSecret, domains,
                profile, profileOverrides, maxAssurance, acrTable, lifecycle, origin, other);
    }

    /** The overrides as iam-core's {@code ProfileOverrides} reads them, one {@code key = values} line each. */
    public String profileOverridesText() {
        StringBuilder text = new StringBuilder();
        profileOverrides.forEach((key, values) -> text.append(key).append(" = ").append(String.join(", ", values)).append('\n'));
        return text.toString();
    }
}
