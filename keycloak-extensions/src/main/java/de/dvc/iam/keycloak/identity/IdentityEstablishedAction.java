package de.dvc.iam.keycloak.identity;

import de.dvc.iam.keycloak.audit.AuditLog;
import de.dvc.iam.keycloak.onboarding.LocalAdmins;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.events.Details;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Required action {@value IdentityEstablishedActionFactory#PROVIDER_ID}: the realm-level backstop of the
 * DVC identity. Keycloak evaluates the triggers of every enabled required action at the end of every
 * login of the realm, whatever IdP, flow or mapper brought the user there. A login completes only if the
 * DVC identity was established for it ({@link LoginIdentity#NOTE}, set only by
 * {@link AgencyProfileMapper} after domain binding, the registration gate, assurance and the access policy):
 * an IdP without DVC's mapping (created by hand, by a tool, or with its mapper deleted) refuses every
 * login with a page and an audit line, instead of logging users in unchecked.
 *
 * <p>Stateless.
 */
final class IdentityEstablishedAction implements RequiredActionProvider {

    /** Keycloak's auth note of a user created by this login's first broker login (IdpCreateUserIfUniqueAuthenticator). */
    private static final String NEW_USER_NOTE = "BROKER_REGISTERED_NEW_USER";

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        if (!established(context)) {
            context.getAuthenticationSession().addRequiredAction(IdentityEstablishedActionFactory.PROVIDER_ID);
        }
    }

    /**
     * Brokered now: the mapper's note; a local admin's login (password and TOTP, dvc-local-admin): its note, to the
     * registration API's own clients only; otherwise (SSO) the note of the session the cookie names.
     */
    private static boolean established(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String localAdminOf = authSession.getUserSessionNotes().get(LocalAdmins.SESSION_NOTE);
        if (localAdminOf != null) {
            return authSession.getUserSessionNotes().get(Details.IDENTITY_PROVIDER) == null
                    && LocalAdmins.apiClient(context.getSession(), authSession.getClient())
                    && LocalAdmins.activeAgency(context.getSession(), context.getUser())
                    .filter(localAdminOf::equals).isPresent();
        }
        String alias = authSession.getUserSessionNotes().get(Details.IDENTITY_PROVIDER);
        if (alias != null) {
            return NoteSeal.open(context.getRealm(), alias, authSession.getUserSessionNotes().get(LoginIdentity.NOTE)).isPresent();
        }
        AuthenticationManager.AuthResult cookie = AuthenticationManager.authenticateIdentityCookie(context.getSession(),
                context.getRealm(), true);
        UserSessionModel userSession = cookie == null ? null : cookie.session();
        return userSession != null && userSession.getNote(Details.IDENTITY_PROVIDER) != null
                && LoginIdentity.of(userSession).isPresent()
                && cookie.user() != null && cookie.user().getId().equals(context.getUser().getId());
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String alias = authSession.getUserSessionNotes().get(Details.IDENTITY_PROVIDER);
        String service = authSession.getClient() == null ? null : authSession.getClient().getClientId();
        if (context.getUser() == null) {
            context.challenge(new DvcPage(context.getSession(), authSession, DvcPage.Kind.REFUSED, "dvcRefusedIdpMisconfigured")
                    .getResponse());
            return;
        }
        AuditLog.refusal(context.getSession(), new AuditLog.Login(context.getUser().getUsername(), null, alias, null, service),
                "identity_not_established");
        // Nothing of this login may stay usable: a user session Keycloak may already have started is ended.
        UserSessionModel started = context.getSession().sessions().getUserSession(context.getRealm(),
                authSession.getParentSession().getId());
        if (started != null) {
            context.getSession().sessions().removeUserSession(context.getRealm(), started);
        }
        // A user this very login created (first broker login) goes again, with its link: the refused IdP leaves nothing.
        if ("true".equals(authSession.getAuthNote(NEW_USER_NOTE))) {
            context.getSession().users().removeUser(context.getRealm(), context.getUser());
        }
        context.challenge(new DvcPage(context.getSession(), authSession, DvcPage.Kind.REFUSED, "dvcRefusedIdpMisconfigured")
                .getResponse());
    }

    @Override
    public void processAction(RequiredActionContext context) {
        requiredActionChallenge(context);
    }

    @Override
    public void close() {
        // holds no resources
    }
}
