package de.dvc.iam.keycloak.identity;

import de.dvc.iam.core.agency.Agency;
import de.dvc.iam.core.assurance.AssuranceLevel;
import de.dvc.iam.core.profile.Role;
import de.dvc.iam.keycloak.audit.AuditLog;
import de.dvc.iam.keycloak.discovery.IdpAgencies;
import de.dvc.iam.keycloak.discovery.IdpRedirect;
import de.dvc.iam.keycloak.onboarding.LocalAdmins;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.events.Details;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.ErrorPageException;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs after Keycloak's SSO cookie check, in the same sub-flow: a session from another service's
 * login must still meet this service's access policy and assurance. If the session's level is too
 * low but the home IdP can do better, the user is sent back to it (step-up); otherwise the service is
 * refused with a page. Without a cookie it does nothing, and discovery runs.
 */
final class ServiceAccessAuthenticator implements Authenticator {

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        if (context.getUser() == null) {
            context.attempted();
            return;
        }
        KeycloakSession session = context.getSession();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        AuthenticationManager.AuthResult cookie = AuthenticationManager.authenticateIdentityCookie(session, context.getRealm(), true);
        UserSessionModel userSession = cookie == null ? null : cookie.session();
        Optional<LoginIdentity> identity = userSession == null ? Optional.empty() : LoginIdentity.of(userSession);
        String alias = userSession == null ? null : userSession.getNote(Details.IDENTITY_PROVIDER);
        IdentityProviderModel idp = alias == null ? null : session.identityProviders().getByAlias(alias);
        Optional<Agency> agency = idp == null ? Optional.empty() : IdpAgencies.of(session, context.getRealm(), alias);
        String localAdminOf = userSession == null ? null : userSession.getNote(LocalAdmins.SESSION_NOTE);
        if (identity.isEmpty() && alias == null && localAdminOf != null
                && LocalAdmins.apiClient(session, authSession.getClient())
                && LocalAdmins.activeAgency(session, context.getUser()).filter(localAdminOf::equals).isPresent()) {
            // A local agency admin's session (password and TOTP) goes on to the registration API's own clients only;
            // the mark travels with this login for the realm's backstop.
            authSession.setUserSessionNote(LocalAdmins.SESSION_NOTE, localAdminOf);
            context.success();
            return;
        }
        if (identity.isEmpty() || agency.isEmpty() || !idp.isEnabled()) {
            // Not a session of an (active) agency IdP: log in afresh through discovery.
            authSession.setAuthenticatedUser(null);
            context.attempted();
            return;
        }
        AssuranceLevel level = identity.get().assurance();
        AssuranceLevel idpMaximum = AgencyProfileConfig.ofIdp(session, alias).map(c -> c.assurance().maximum())
                .orElse(AssuranceLevel.NORMAL);
        ServiceRequirement requirement = ServiceRequirement.of(authSession);
        if (requirement.policy() != null && !level.atLeast(requirement.assurance()) && idpMaximum.atLeast(requirement.assurance())) {
            // Step-up: authenticate again at the home IdP, asking for the level (IdpRedirect forwards it).
            authSession.setAuthenticatedUser(null);
            IdpRedirect.to(context, idp, null);
            return;
        }
        AuditLog.Login login = new AuditLog.Login(context.getUser().getUsername(), agency.get().id(), alias, level.code(),
                authSession.getClient().getClientId());
        try {
            ServiceAccess.check(session, authSession, login, agency.get(),
                    identity.get().person().roles().stream().map(Role::name).collect(Collectors.toSet()), level, idpMaximum);
        } catch (ErrorPageException refused) {
            context.forceChallenge(refused.getResponse());
            return;
        }
        context.success();
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        authenticate(context);
    }

    @Override
    public boolean requiresUser() {
        return false;
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
