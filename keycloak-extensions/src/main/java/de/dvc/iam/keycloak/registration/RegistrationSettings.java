package de.dvc.iam.keycloak.registration;

import de.dvc.iam.core.outbound.GuardedHttpClient;
import de.dvc.iam.core.registration.SamlMetadataValidator;

import java.security.PublicKey;
import java.util.Set;

/**
 * The registration API's server settings (options of {@link RegistrationResourceFactory}), shared by
 * all requests. Immutable.
 *
 * @param http          the guarded client for every fetch from agency servers
 * @param insecureHosts hosts whose plain http:// endpoints are accepted with a warning (demo, tests)
 * @param dns           TXT lookups of domain proofs (and the guarded client's resolver)
 * @param anchor        key that must have signed SAML metadata, or {@code null}
 * @param proofPort     port of the domains' well-known proof files (443; tests use another)
 * @param saml          the SAML metadata validator (with the schema Keycloak ships)
 * @param access        which tokens the API accepts and which logins carry operator power
 * @param realms        the federation's realms, where the API exists (option {@code realms}, default {@code dvc})
 */
record RegistrationSettings(GuardedHttpClient http, Set<String> insecureHosts, DnsLookup dns, PublicKey anchor, int proofPort,
                            SamlMetadataValidator saml, de.dvc.iam.core.registration.ApiAccess access, Set<String> realms) {

    RegistrationSettings {
        insecureHosts = Set.copyOf(insecureHosts);
    }
}
