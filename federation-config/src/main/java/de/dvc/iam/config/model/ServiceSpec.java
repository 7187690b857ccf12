package de.dvc.iam.config.model;

import de.dvc.iam.core.assurance.AssuranceLevel;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A service (an OIDC client of realm {@code dvc}) as its file describes it. Immutable; optional values are
 * never null.
 *
 * @param ownerAgency the agency that operates it, if it is one of the federation's
 * @param confidential a server-side client with a secret (else public)
 * @param claims      the contract claims it receives; empty: all
 */
public record ServiceSpec(String clientId, String name, Optional<String> description, Optional<String> ownerAgency,
                          Optional<String> ownerName, String contact, boolean confidential,
                          Optional<SecretReference> clientSecret, Set<Flow> flows, List<String> redirectUris,
                          List<String> postLogoutRedirectUris, Optional<String> baseUrl, boolean pkceRequired,
                          String sector, List<String> scopes, Optional<List<String>> claims,
                          Optional<AssuranceLevel> requiredAssurance, Optional<PolicySpec> accessPolicy,
                          Optional<String> backchannelLogoutUri, Origin origin) {

    /** OAuth flows a service may use. */
    public enum Flow {
        /** Authorization code (RFC 6749, 4.1), always with exact redirect URIs. */
        CODE,
        /** Device authorization grant (RFC 8628), for terminals. */
        DEVICE
    }

    public ServiceSpec {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(sector, "sector");
        Objects.requireNonNull(origin, "origin");
        flows = Set.copyOf(flows);
        redirectUris = List.copyOf(redirectUris);
        postLogoutRedirectUris = List.copyOf(postLogoutRedirectUris);
        scopes = List.copyOf(scopes);
        claims = claims.map(List::copyOf);
    }
}
