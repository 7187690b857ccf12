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
 * source fields are present depends on the protocol (SAML: metadata URL or file; OIDC: issuer and client);
 * the schema and {@code IdpRules} see to it.
 *
 * @param domains          the domains it may assert; empty means all of its agency's
 * @param profileOverrides contract attribute (or {@code required}, {@code roles.syntax}) to values, in file order
 * @param acrTable         reported value to level, in file order (the first of a level is what DVC asks for);
 *                         empty: the settings' default for the protocol
 */
public record IdpSpec(String alias, Optional<String> displayName, Protocol protocol, Optional<String> metadataUrl,
                      Optional<String> metadataFile, Optional<String> entityId, Optional<String> issuer,
                      Optional<String> clientId, Optional<SecretReference> clientSecret, Optional<List<String>> domains,
                      String profile, Map<String, List<String>> profileOverrides, Optional<AssuranceLevel> maxAssurance,
                      Optional<Map<String, AssuranceLevel>> acrTable, RegistrationState lifecycle, Origin origin) {

    public IdpSpec {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(origin, "origin");
        domains = domains.map(List::copyOf);
        profileOverrides = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(profileOverrides));
        acrTable = acrTable.map(t -> java.util.Collections.unmodifiableMap(new LinkedHashMap<>(t)));
    }

    /** The overrides as iam-core's {@code ProfileOverrides} reads them, one {@code key = values} line each. */
    public String profileOverridesText() {
        StringBuilder text = new StringBuilder();
        profileOverrides.forEach((key, values) -> text.append(key).append(" = ").append(String.join(", ", values)).append('\n'));
        return text.toString();
    }
}
