package de.dvc.iam.keycloak.registration;

import de.dvc.iam.core.registration.Principal;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;

import java.util.Optional;

/**
 * Who calls the registration API, from the bearer access token of realm {@code dvc}: realm role
 * {@value #OPERATOR_ROLE} makes a federation operator; realm role {@value #ADMIN_ROLE} plus the user
 * attribute {@value #ADMIN_OF} (an agency id, set by a federation operator) make an agency admin of that
 * agency. Users in realm dvc log in through their agency's IdP like everyone else.
 */
final class Callers {

    static final String OPERATOR_ROLE = "dvc-federation-operator";
    static final String ADMIN_ROLE = "dvc-agency-admin";
    static final String ADMIN_OF = "dvc.admin-of";

    private Callers() {
    }

    /** Empty if the request carries no valid access token of the realm. */
    static Optional<Principal> of(KeycloakSession session) {
        AuthenticationManager.AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
        if (auth == null || auth.user() == null) {
            return Optional.empty();
        }
        UserModel user = auth.user();
        boolean operator = hasRole(session, user, OPERATOR_ROLE);
        String agency = hasRole(session, user, ADMIN_ROLE) ? user.getFirstAttribute(ADMIN_OF) : null;
        return Optional.of(new Principal(user.getId(), operator, agency));
    }

    private static boolean hasRole(KeycloakSession session, UserModel user, String name) {
        RoleModel role = session.getContext().getRealm().getRole(name);
        return role != null && user.hasRole(role);
    }
}
