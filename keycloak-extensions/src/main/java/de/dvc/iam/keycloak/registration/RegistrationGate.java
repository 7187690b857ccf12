package de.dvc.iam.keycloak.registration;

import de.dvc.iam.core.registration.RegistrationState;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.Set;

/**
 * Which IdPs take which logins. An IdP registered through the API takes production logins only when
 * its registration is {@link RegistrationState#ACTIVE}; before that (validated, tested) it serves only
 * the sandbox client {@value #SANDBOX_CLIENT}, whose logins never create users or sessions. IdPs set up
 * by the federation team without a registration are production IdPs.
 */
public final class RegistrationGate {

    /** The client of realm dvc for test logins through registered, not yet approved IdPs. */
    public static final String SANDBOX_CLIENT = "dvc-registration-sandbox";

    private static final Set<RegistrationState> SANDBOX_STATES = Set.of(RegistrationState.VALIDATED, RegistrationState.TESTED);

    private RegistrationGate() {
    }

    public static boolean isProduction(IdentityProviderModel idp) {
        String state = idp.getConfig().get(RegistrationRecord.STATE);
        return state == null || RegistrationState.ACTIVE.code().equals(state);
    }

    /** Whether {@code idp} is awaiting its test login or approval (it serves the sandbox only). */
    public static boolean isSandbox(IdentityProviderModel idp) {
        String state = idp.getConfig().get(RegistrationRecord.STATE);
        return state != null && SANDBOX_STATES.contains(RegistrationState.fromCode(state));
    }

    public static boolean isSandboxClient(AuthenticationSessionModel authSession) {
        return authSession != null && authSession.getClient() != null && SANDBOX_CLIENT.equals(authSession.getClient().getClientId());
    }

    /** Keycloak's per-IdP organization domain (OrganizationModel.ORGANIZATION_DOMAIN_ATTRIBUTE). */
    public static final String ORGANIZATION_DOMAIN = "kc.org.domain";

    /**
     * The domains an IdP that is no registration may assert when there are several (comma-separated; federation files,
     * an adopted registration): Keycloak's {@value #ORGANIZATION_DOMAIN} holds one domain only.
     */
    public static final String ASSERTABLE_DOMAINS = "dvc.assertable-domains";

    /** Writes the domains an IdP that is no registration may assert: one as {@value #ORGANIZATION_DOMAIN}, several as {@value #ASSERTABLE_DOMAINS}. */
    static void assertDomains(java.util.Map<String, String> config, Set<String> domains) {
        config.remove(ORGANIZATION_DOMAIN);
        config.remove(ASSERTABLE_DOMAINS);
        if (domains.size() == 1) {
            config.put(ORGANIZATION_DOMAIN, domains.iterator().next());
        } else if (domains.size() > 1) {
            config.put(ASSERTABLE_DOMAINS, String.join(",", new java.util.TreeSet<>(domains)));
        }
    }

    /**
     * The email domains a production login through {@code idp} may assert: a registered IdP exactly the domains its own
     * registration proved; an IdP the federation team set up its organization domain ({@value #ORGANIZATION_DOMAIN}).
     * Either way only while the agency holds them as verified ({@code verified}); nothing else (fail closed): another
     * IdP of the same agency, proven for another domain, never widens it.
     */
    public static Set<String> assertableDomains(IdentityProviderModel idp, Set<String> verified) {
        Set<String> own;
        if (RegistrationRecord.isRegistration(idp)) {
            own = RegistrationRecord.projectedAssertable(idp);
        } else if (idp.getConfig().containsKey(ASSERTABLE_DOMAINS)) {
            own = RegistrationRecord.split(idp.getConfig().get(ASSERTABLE_DOMAINS)).stream()
                    .map(d -> d.toLowerCase(java.util.Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
        } else {
            String domain = idp.getConfig().get(ORGANIZATION_DOMAIN);
            own = domain == null || domain.isBlank() ? Set.of() : Set.of(domain.trim().toLowerCase(java.util.Locale.ROOT));
        }
        return own.stream().filter(verified::contains).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Whether a login of {@code authSession} may go through {@code idp}. */
    public static boolean admits(IdentityProviderModel idp, AuthenticationSessionModel authSession) {
        return isSandboxClient(authSession) ? isSandbox(idp) : isProduction(idp);
    }
}
