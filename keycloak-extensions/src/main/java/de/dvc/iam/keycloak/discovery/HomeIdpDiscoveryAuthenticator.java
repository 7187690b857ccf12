package de.dvc.iam.keycloak.discovery;

import de.dvc.iam.core.discovery.EmailDomain;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Asks the user for her work email address or her agency and sends her to the agency's IdP.
 * An email is routed by its domain to the agency that verified it; several IdPs of one agency give
 * a choice among those only; an unknown domain shows the agency list with a message, never an error page.
 *
 * <p>A plain chooser: it lists at most {@link #LISTED} agencies. Search over all agencies of a
 * national federation replaces the list (docs/architecture.md, "Discovery").
 */
final class HomeIdpDiscoveryAuthenticator implements Authenticator {

    static final int LISTED = 50;
    static final String TEMPLATE = "dvc-home-idp.ftl";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        context.challenge(form(context, null, new AgencyIdps(context.getSession()).listed(LISTED), null));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> params = context.getHttpRequest().getDecodedFormParameters();
        AgencyIdps agencyIdps = new AgencyIdps(context.getSession());
        String chosen = params.getFirst("idp");
        if (chosen != null) {
            Optional<IdentityProviderModel> idp = agencyIdps.byAlias(chosen);
            if (idp.isPresent()) {
                IdpRedirect.to(context, idp.get(), null);
            } else {
                context.challenge(form(context, null, agencyIdps.listed(LISTED),
                        new FormMessage("idp", "dvcErrorAgencyUnknown")));
            }
            return;
        }
        String email = Optional.ofNullable(params.getFirst("email")).map(String::trim).orElse("");
        Optional<String> domain = EmailDomain.of(email);
        if (domain.isEmpty()) {
            context.challenge(form(context, email, agencyIdps.listed(LISTED),
                    new FormMessage("email", "dvcErrorEmailInvalid")));
            return;
        }
        List<IdentityProviderModel> matches = agencyIdps.byDomain(domain.get());
        if (matches.size() == 1) {
            IdpRedirect.to(context, matches.get(0), email);
        } else if (matches.isEmpty()) {
            context.challenge(form(context, email, agencyIdps.listed(LISTED),
                    new FormMessage("email", "dvcErrorDomainUnknown", domain.get())));
        } else {
            context.challenge(form(context, email, matches, null));
        }
    }

    private static Response form(AuthenticationFlowContext context, String email, List<IdentityProviderModel> idps,
                                 FormMessage error) {
        LoginFormsProvider form = context.form()
                .setAttribute("dvcEmail", email == null ? "" : email)
                .setAttribute("dvcAgencies", idps.stream()
                        .map(idp -> Map.of("alias", idp.getAlias(), "name", AgencyIdps.label(idp))).toList());
        if (error != null) {
            form.addError(error);
        }
        return form.createForm(TEMPLATE);
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
        // nothing to set up: discovery needs no credential
    }

    @Override
    public void close() {
        // holds no resources
    }
}
