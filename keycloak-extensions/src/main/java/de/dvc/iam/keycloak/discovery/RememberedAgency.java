package de.dvc.iam.keycloak.discovery;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import org.keycloak.authentication.AuthenticationFlowContext;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The agency IdP chosen last in this browser, kept in cookie {@value #NAME} for a year. It holds
 * only the public IdP alias; discovery shows it for one-click confirmation with a way to change it,
 * and never redirects on it alone. HttpOnly, SameSite=Lax (sent when a service sends the user to
 * DVC IAM), Secure on HTTPS, scoped to the realm's path.
 */
final class RememberedAgency {

    static final String NAME = "DVC_HOME_IDP";
    private static final int ONE_YEAR = 365 * 24 * 3600;
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9._-]{1,255}");

    private RememberedAgency() {
    }

    static Optional<String> read(AuthenticationFlowContext context) {
        Cookie cookie = context.getHttpRequest().getHttpHeaders().getCookies().get(NAME);
        return Optional.ofNullable(cookie).map(Cookie::getValue).filter(v -> ALIAS.matcher(v).matches());
    }

    static void remember(AuthenticationFlowContext context, String alias) {
        write(context, alias, ONE_YEAR);
    }

    static void forget(AuthenticationFlowContext context) {
        write(context, "", 0);
    }

    private static void write(AuthenticationFlowContext context, String value, int maxAge) {
        boolean https = "https".equalsIgnoreCase(context.getUriInfo().getBaseUri().getScheme());
        String path = context.getUriInfo().getBaseUri().getRawPath().replaceAll("/$", "")
                + "/realms/" + context.getRealm().getName() + "/";
        context.getSession().getContext().getHttpResponse().setCookieIfAbsent(new NewCookie.Builder(NAME)
                .value(value).path(path).maxAge(maxAge).httpOnly(true).secure(https)
                .sameSite(NewCookie.SameSite.LAX).build());
    }
}
