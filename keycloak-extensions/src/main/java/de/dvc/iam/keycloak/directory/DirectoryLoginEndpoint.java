package de.dvc.iam.keycloak.directory;

import de.dvc.iam.core.agency.Agency;
import de.dvc.iam.core.directory.DirectoryAccount;
import de.dvc.iam.core.directory.DirectoryClient;
import de.dvc.iam.core.directory.LoginOutcome;
import de.dvc.iam.core.directory.LoginRefusal;
import de.dvc.iam.keycloak.agency.IdpAgency;
import de.dvc.iam.keycloak.audit.AuditLog;
import de.dvc.iam.keycloak.identity.DvcPage;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.provider.UserAuthenticationIdentityProvider.AuthenticationCallback;
import org.keycloak.broker.provider.util.IdentityBrokerState;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.ClientSessionCode;
import org.keycloak.services.resources.RealmsResource;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;
import java.util.Map;

/**
 * DVC's password form for one agency directory, at {@code /realms/{realm}/broker/{alias}/endpoint/login}. Each request
 * proves Keycloak's broker state (single-use code, tab and browser session; a replayed or foreign form is refused by
 * Keycloak) and carries a fresh one on. The password goes to the agency's directory only, as characters cleared after
 * the check; DVC never stores or logs it. Wrong name or password: the form again (which of the two is never said);
 * a refusal by the directory (account disabled, expired, …) or an unreachable directory: a page saying so. Only an
 * approved registration's directory (or the sandbox's, for its test login) is asked, and a login name that failed
 * {@value DirectoryLoginThrottle#MAX_FAILURES} times is throttled ({@link DirectoryLoginThrottle}).
 */
final class DirectoryLoginEndpoint {

    private static final Logger LOG = Logger.getLogger(DirectoryLoginEndpoint.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final IdentityProviderModel idp;
    private final AuthenticationCallback callback;
    private final DirectoryClients clients;
    private final DirectoryIdentityProvider provider;

    DirectoryLoginEndpoint(KeycloakSession session, RealmModel realm, DirectoryIdentityProvider provider, AuthenticationCallback callback,
                           DirectoryClients clients) {
        this.session = session;
        this.provider = provider;
        IdentityProviderModel idp = provider.getConfig();
        this.realm = realm;
        this.idp = idp;
        this.callback = callback;
        this.clients = clients;
    }

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    public Response form(@QueryParam("state") String state, @QueryParam("login_hint") String hint) {
        AuthenticationSessionModel authSession = callback.getAndVerifyAuthenticationSession(state);
        return page(authSession, hint, null, Response.Status.OK);
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response login(@QueryParam("state") String state, @FormParam("username") String username, @FormParam("password") String password) {
        AuthenticationSessionModel authSession = callback.getAndVerifyAuthenticationSession(state);
        String name = username == null ? "" : username.strip();
        if (name.isEmpty() || password == null || password.isEmpty() || name.length() > DirectoryClient.MAX_LOGIN_NAME) {
            return page(authSession, name.length() > DirectoryClient.MAX_LOGIN_NAME ? "" : name, "dvcDirectoryMissing", Response.Status.BAD_REQUEST);
        }
        String service = authSession.getClient().getClientId();
        Optional<Agency> owner = agency();
        String agency = owner.map(Agency::id).orElse(null);
        if (!de.dvc.iam.keycloak.registration.RegistrationGate.admits(idp, authSession)) {
            // Not approved (or a test login outside the sandbox): the directory is not even asked.
            AuditLog.refusal(session, new AuditLog.Login(null, agency, idp.getAlias(), null, service), "idp_not_approved");
            throw new DvcPage(session, authSession, DvcPage.Kind.REFUSED, "dvcRefusedIdpNotApproved");
        }
        DirectoryLoginThrottle throttle = new DirectoryLoginThrottle(session, idp.getAlias(), name);
        if (throttle.exhausted()) {
            LOG.debugf("Directory %s: a login name reached %d failures; answered without asking the directory", idp.getAlias(),
                    DirectoryLoginThrottle.MAX_FAILURES);
            return page(authSession, name, LoginRefusal.INVALID_CREDENTIALS.messageKey(), Response.Status.UNAUTHORIZED);
        }
        LoginOutcome outcome;
        char[] secret = password.toCharArray();
        try {
            outcome = clients.of(session, idp).login(name, secret);
        } catch (IllegalArgumentException e) {
            LOG.warnf("Directory %s has broken settings; its logins are refused: %s", idp.getAlias(), e.getMessage());
            AuditLog.refusal(session, new AuditLog.Login(null, agency, idp.getAlias(), null, service), "directory_misconfigured");
            throw new DvcPage(session, authSession, DvcPage.Kind.REFUSED, "dvcRefusedIdpMisconfigured");
        } finally {
            Arrays.fill(secret, '\0');
        }
        if (outcome instanceof LoginOutcome.Refused refused) {
            LoginRefusal refusal = refused.refusal();
            // For the operators: why (breaker state, timeouts, AD data codes; never a secret, never the password).
            LOG.infof("Directory %s refused a login: %s (%s)", idp.getAlias(), refusal, refused.logReason());
            AuditLog.refusal(session, new AuditLog.Login(null, agency, idp.getAlias(), null, service), "directory_" + refusal.name().toLowerCase(java.util.Locale.ROOT));
            if (refusal == LoginRefusal.INVALID_CREDENTIALS || refusal == LoginRefusal.AMBIGUOUS) {
                // An ambiguous name reads like a wrong password: an unauthenticated caller learns nothing about the accounts.
                throttle.failed();
                return page(authSession, name, LoginRefusal.INVALID_CREDENTIALS.messageKey(), Response.Status.UNAUTHORIZED);
            }
            throw new DvcPage(session, authSession, DvcPage.Kind.REFUSED, refusal.messageKey(), owner.map(Agency::name).orElse(idp.getAlias()));
        }
        throttle.succeeded();
        DirectoryAccount account = ((LoginOutcome.Success) outcome).account();
        BrokeredIdentityContext identity = new BrokeredIdentityContext(account.subject().id(), idp);
        identity.setIdp(provider);
        identity.setUsername(name);
        identity.setAuthenticationSession(authSession);
        // As a plain map: Keycloak keeps the context as JSON in the authentication session between the first-login steps.
        java.util.Map<String, java.util.List<String>> asserted = new java.util.LinkedHashMap<>();
        account.attributes().names().forEach(attribute -> asserted.put(attribute, account.attributes().all(attribute)));
        identity.getContextData().put(DirectoryConfig.ASSERTED, asserted);
        return callback.authenticated(identity);
    }

    private Response page(AuthenticationSessionModel authSession, String loginName, String error, Response.Status status) {
        LoginFormsProvider forms = session.getProvider(LoginFormsProvider.class).setAuthenticationSession(authSession)
                .setAttribute("dvcDirectory", Map.of("action", action(freshState(authSession)).toString(),
                        "agency", agency().map(Agency::name).orElse(idp.getAlias()), "username", loginName == null ? "" : loginName));
        if (error != null) {
            forms.addError(new org.keycloak.models.utils.FormMessage("password", error));
        }
        return forms.setStatus(status).createForm("dvc-directory-login.ftl");
    }

    /** A new single-use broker state for the next post of the form (the one just used is spent). */
    private String freshState(AuthenticationSessionModel authSession) {
        ClientSessionCode<AuthenticationSessionModel> code = new ClientSessionCode<>(session, realm, authSession);
        code.setAction(AuthenticationSessionModel.Action.AUTHENTICATE.name());
        return IdentityBrokerState.decoded(code.getOrGenerateCode(), authSession.getClient().getId(), authSession.getClient().getClientId(),
                authSession.getTabId(), AuthenticationProcessor.getClientData(session, authSession)).getEncoded();
    }

    /** The form's target, carrying the broker state in its query as Keycloak's own login forms carry their session code. */
    private URI action(String state) {
        return RealmsResource.brokerUrl(session.getContext().getUri()).path("{alias}/endpoint/login").queryParam("state", state)
                .build(realm.getName(), idp.getAlias());
    }

    private Optional<Agency> agency() {
        return IdpAgency.live(session, idp).map(IdpAgency::agency);
    }
}
