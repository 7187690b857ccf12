package de.dvc.iam.demo.service;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Passes {@code ?idp=<alias>} of the login link on as Keycloak's {@code kc_idp_hint}, so a
 * service that knows the user's agency sends her straight to its login page.
 */
final class IdpHint {

    /** IdP aliases are agency ids: no need to pass anything else on. */
    private static final Pattern ALIAS = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private IdpHint() {
    }

    static Consumer<OAuth2AuthorizationRequest.Builder> fromCurrentRequest() {
        return builder -> {
            if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
                return;
            }
            HttpServletRequest request = attributes.getRequest();
            String idp = request.getParameter("idp");
            if (idp != null && ALIAS.matcher(idp).matches()) {
                builder.additionalParameters(params -> params.put("kc_idp_hint", idp));
            }
        };
    }
}
