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

    /** Whether a login of {@code authSession} may go through {@code idp}. */
    public static boolean admits(IdentityProviderModel idp, AuthenticationSessionModel authSession) {
        return isSandboxClient(authSession) ? isSandbox(idp) : isProduction(idp);
    }
}
