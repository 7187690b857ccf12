package de.dvc.iam.keycloak.onboarding;

import de.dvc.iam.keycloak.audit.AuditLog;
import de.dvc.iam.keycloak.identity.DvcPage;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.Optional;

/**
 * The last step of the local admin login (after password and TOTP): lets the login complete only for a local admin
 * account ({@link LocalAdmins#USER_ATTRIBUTE}) that still administers its agency, and only to one of the registration
 * API's own clients. It marks the session ({@link LocalAdmins#SESSION_NOTE}), which the realm-level backstop accepts in
 * place of a DVC identity. Anything else gets a refusal page and an audit line: no service ever sees such a login.
 */
final class LocalAdminAuthenticator implements Authenticator {

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        ClientModel client = context.getAuthenticationSession().getClient();
        Optional<String> agency = LocalAdmins.agencyOf(user);
        String refusal = null;
        if (agency.isEmpty()) {
            refusal = "not_a_local_admin";
        } else if (!LocalAdmins.apiClient(context.getSession(), client)) {
            refusal = "local_admin_wrong_client";
        } else if (LocalAdmins.activeAgency(context.getSession(), user).isEmpty()) {
            refusal = "local_admin_retired";
        }
        if (refusal != null) {
            AuditLog.refusal(context.getSession(), new AuditLog.Login(user == null ? null : user.getUsername(), agency.orElse(null),
                    null, null, client == null ? null : client.getClientId()), refusal);
            context.getAuthenticationSession().setAuthenticatedUser(null);
            context.failure(AuthenticationFlowError.ACCESS_DENIED, DvcPage.refused(context.form())
                    .setError("dvcRefusedLocalAdmin").createErrorPage(jakarta.ws.rs.core.Response.Status.FORBIDDEN));
            return;
        }
        context.getAuthenticationSession().setUserSessionNote(LocalAdmins.SESSION_NOTE, agency.get());
        context.success();
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        authenticate(context);
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        // nothing to set up
    }

    @Override
    public void close() {
        // holds no resources
    }
}
