package de.dvc.iam.keycloak.onboarding;

import de.dvc.iam.core.registration.ApiAccess;
import de.dvc.iam.keycloak.registration.RegistrationResourceFactory;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

import java.util.Optional;

/**
 * The DVC-local admin accounts an invitation creates: the one kind of user of realm {@code dvc} that logs in without
 * an agency IdP. Such a login is accepted only for the registration API's own clients ({@link ApiAccess#clients()}),
 * so the account administers its agency and reaches no service.
 */
public final class LocalAdmins {

    /** User attribute: the agency a local admin account was created for (by its invitation); set by DVC only. */
    public static final String USER_ATTRIBUTE = "dvc.local-admin-of";
    /** User session note of a local admin login: the agency, set by {@code dvc-local-admin} after password and TOTP. */
    public static final String SESSION_NOTE = "dvc.local-admin";
    /** User attribute: the invitation that created the account. */
    static final String INVITATION_ATTRIBUTE = "dvc.invitation";

    private LocalAdmins() {
    }

    /** Which tokens the registration API accepts; empty if the registration API is not installed. */
    public static Optional<ApiAccess> access(KeycloakSession session) {
        return RegistrationResourceFactory.of(session).map(RegistrationResourceFactory::access);
    }

    /** Whether {@code client} is one of the registration API's own clients (the only ones a local admin may log in to). */
    public static boolean apiClient(KeycloakSession session, ClientModel client) {
        return client != null && access(session).map(a -> a.clients().contains(client.getClientId())).orElse(false);
    }

    /**
     * The agency a local admin account still administers: its invitation's agency, still its {@code dvc.admin-of}, and
     * still existing. Empty for any other user and for a retired account.
     */
    public static Optional<String> activeAgency(KeycloakSession session, UserModel user) {
        return agencyOf(user).filter(agency -> agency.equals(user.getFirstAttribute(de.dvc.iam.keycloak.registration.Callers.ADMIN_OF))
                && de.dvc.iam.keycloak.agency.AgencyOrganizations.byAgencyId(session, agency).isPresent());
    }

    /** The agency of a local admin account, or empty for any other user. */
    public static Optional<String> agencyOf(UserModel user) {
        return user == null ? Optional.empty() : Optional.ofNullable(user.getFirstAttribute(USER_ATTRIBUTE)).filter(a -> !a.isBlank());
    }
}
