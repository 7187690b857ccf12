package de.dvc.iam.keycloak.registration;

import de.dvc.iam.core.assurance.AssuranceLevel;
import de.dvc.iam.core.registration.ApiAccess;
import de.dvc.iam.core.registration.Principal;
import de.dvc.iam.keycloak.identity.LoginIdentity;
import org.keycloak.events.Details;
import de.dvc.iam.core.roles.RoleHolders;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;

import java.util.Optional;

/**
 * Who calls the registration API, from the bearer access token of realm {@code dvc}. Roles come from the realm (role
 * and attribute, below) or from the federation files' role holders ({@link FileRoles}: the login's IdP and the user's
 * email or subject there), read at every call. The token must be
 * issued to one of the API's own clients ({@link ApiAccess#clients()}). Realm role {@value #OPERATOR_ROLE}
 * makes a federation operator only with an operator-grade login ({@link ApiAccess#operatorRefusal});
 * the agency's own IdP asserting role {@code dvc-agency-admin} at this login (AdminDesignation) makes an admin of that
 * IdP's agency; realm role {@value #ADMIN_ROLE} plus the user attribute {@value #ADMIN_OF} (an agency id, set by a
 * federation operator) make an agency admin of that agency.
 */
public final class Callers {

    static final String OPERATOR_ROLE = "dvc-federation-operator";
    public static final String ADMIN_ROLE = "dvc-agency-admin";
    public static final String ADMIN_OF = "dvc.admin-of";

    /** The caller, or why the request is refused ({@code status} 401 or 403). */
    public record Caller(Principal principal, int status, String error, String message) {
        static Caller refused(int status, String error, String message) {
            return new Caller(null, status, error, message);
        }
    }

    private Callers() {
    }

    public static Caller of(KeycloakSession session, ApiAccess access) {
        AuthenticationManager.AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
        if (auth == null || auth.user() == null) {
            return Caller.refused(401, "unauthorized", "Send an access token of realm dvc (Authorization: Bearer …).");
        }
        Optional<String> wrongClient = access.tokenRefusal(auth.token().getIssuedFor());
        if (wrongClient.isPresent()) {
            return Caller.refused(401, "invalid_token", wrongClient.get());
        }
        UserModel user = auth.user();
        boolean operator = false;
        String loginIdp = auth.session() == null ? null : auth.session().getNote(Details.IDENTITY_PROVIDER);
        RoleHolders holders = FileRoles.of(session.getContext().getRealm());
        // the user's link to her IdP is read only when some holder is named by subject (a database read per call otherwise)
        String subject = loginIdp == null || !holders.namesSubjects() ? null : subjectAt(session, user, loginIdp);
        if (hasRole(session, user, OPERATOR_ROLE) || holders.operator(loginIdp, user.getEmail(), subject)) {
            String homeIdp = loginIdp;
            AssuranceLevel level = auth.session() == null ? null
                    : LoginIdentity.of(auth.session()).map(LoginIdentity::assurance).orElse(null);
            Optional<String> notOperatorGrade = access.operatorRefusal(homeIdp, level);
            if (notOperatorGrade.isPresent()) {
                return Caller.refused(403, "operator_login_required", notOperatorGrade.get());
            }
            operator = true;
        }
        String agency = hasRole(session, user, ADMIN_ROLE) ? user.getFirstAttribute(ADMIN_OF) : null;
        if (agency == null) {
            agency = holders.adminOf(loginIdp, user.getEmail(), subject).orElse(null);
        }
        if (agency == null && loginIdp != null && auth.session() != null && LoginIdentity.of(auth.session())
                .map(identity -> de.dvc.iam.core.onboarding.AdminDesignation.designated(identity.person().roles())).orElse(false)) {
            // Designated by the agency's own IdP (role dvc-agency-admin): an admin of that IdP's agency, never another.
            agency = de.dvc.iam.keycloak.discovery.IdpAgencies.of(session, session.getContext().getRealm(), loginIdp)
                    .map(de.dvc.iam.core.agency.Agency::id).orElse(null);
        }
        return new Caller(new Principal(user.getId(), operator, agency), 200, null, null);
    }

    /** The user's id at IdP {@code alias} (her federated identity), or null. */
    private static String subjectAt(KeycloakSession session, UserModel user, String alias) {
        FederatedIdentityModel link = session.users().getFederatedIdentity(session.getContext().getRealm(), user, alias);
        return link == null ? null : link.getUserId();
    }

    private static boolean hasRole(KeycloakSession session, UserModel user, String name) {
        RoleModel role = session.getContext().getRealm().getRole(name);
        return role != null && user.hasRole(role);
    }
}
