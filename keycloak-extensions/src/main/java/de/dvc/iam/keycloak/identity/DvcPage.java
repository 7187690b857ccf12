package de.dvc.iam.keycloak.identity;

import jakarta.ws.rs.core.Response;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.ErrorPageException;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * A page that ends a login on DVC's terms: a refusal (403) or the sandbox test login's result (200).
 * It is Keycloak's error page — thrown, so the request's transaction is rolled back and nothing of the
 * login is stored — with its own heading: the theme's {@code error.ftl} reads the attribute
 * {@value #ATTRIBUTE} ({@code refused} or {@code sandbox}) instead of showing "an error occurred".
 */
public final class DvcPage extends ErrorPageException {

    /** The login theme attribute naming the kind of page. */
    public static final String ATTRIBUTE = "dvcPage";

    /** What the page says. */
    public enum Kind {
        REFUSED("refused", Response.Status.FORBIDDEN),
        SANDBOX("sandbox", Response.Status.OK);

        private final String code;
        private final Response.Status status;

        Kind(String code, Response.Status status) {
            this.code = code;
            this.status = status;
        }
    }

    private final transient KeycloakSession session;
    private final transient AuthenticationSessionModel authSession;
    private final Kind kind;
    private final String messageKey;
    private final transient Object[] parameters;

    public DvcPage(KeycloakSession session, AuthenticationSessionModel authSession, Kind kind, String messageKey, Object... parameters) {
        super(session, authSession, kind.status, messageKey, parameters);
        this.session = session;
        this.authSession = authSession;
        this.kind = kind;
        this.messageKey = messageKey;
        this.parameters = parameters;
    }

    /** Marks a page built in an authenticator (no exception needed there) as a refusal. */
    public static LoginFormsProvider refused(LoginFormsProvider forms) {
        return forms.setAttribute(ATTRIBUTE, Kind.REFUSED.code);
    }

    @Override
    public Response getResponse() {
        LoginFormsProvider forms = session.getProvider(LoginFormsProvider.class).setAuthenticationSession(authSession)
                .setAttribute(ATTRIBUTE, kind.code);
        if (kind == Kind.SANDBOX) {
            forms.setSuccess(messageKey, parameters);
        } else {
            forms.setError(messageKey, parameters);
        }
        return forms.createErrorPage(kind.status);
    }
}
