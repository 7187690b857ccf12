package de.dvc.iam.keycloak.discovery;

import de.dvc.iam.core.discovery.HomeIdpDiscovery;
import de.dvc.iam.core.discovery.HomeIdpRoute;
import de.dvc.iam.core.discovery.Offer;
import de.dvc.iam.keycloak.onboarding.LocalAdmins;
import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.constants.AdapterConstants;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Home-IdP discovery in realm {@code dvc}'s browser flow: the Keycloak side of iam-core's
 * {@link HomeIdpDiscovery}. Reads the request (hints, form, remembered cookie), lets core decide,
 * then redirects to the agency IdP or renders {@value #TEMPLATE}.
 */
final class HomeIdpDiscoveryAuthenticator implements Authenticator {

    static final String TEMPLATE = "dvc-home-idp.ftl";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        String kcIdpHint = context.getUriInfo().getQueryParameters().getFirst(AdapterConstants.KC_IDP_HINT);
        String loginHint = context.getAuthenticationSession().getClientNote(OIDCLoginProtocol.LOGIN_HINT_PARAM);
        KeycloakAgencies agencies = new KeycloakAgencies(context.getSession());
        HomeIdpRoute route = new HomeIdpDiscovery(agencies).arrive(kcIdpHint, loginHint);
        follow(context, agencies, route, false);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        KeycloakAgencies agencies = new KeycloakAgencies(context.getSession());
        HomeIdpDiscovery discovery = new HomeIdpDiscovery(agencies);
        if (form.containsKey("local") && localAdminLogin(context)) {
            // An invited agency admin without an IdP yet: the flow's next alternative, password and TOTP (dvc-local-admin).
            context.attempted();
        } else if (form.containsKey("change")) {
            RememberedAgency.forget(context);
            follow(context, agencies, new HomeIdpRoute.Page(null, null, null, "", "", List.of()), true);
        } else if (form.containsKey("idp")) {
            follow(context, agencies, discovery.choose(form.getFirst("idp")), false);
        } else if (form.containsKey("email")) {
            follow(context, agencies, discovery.byEmail(form.getFirst("email")), true);
        } else {
            follow(context, agencies, discovery.search(form.getFirst("q")), true);
        }
    }

    private static void follow(AuthenticationFlowContext context, KeycloakAgencies agencies, HomeIdpRoute route,
                               boolean hideRemembered) {
        if (route instanceof HomeIdpRoute.Redirect redirect) {
            IdentityProviderModel idp = context.getSession().identityProviders().getByAlias(redirect.idp());
            if (idp != null) {
                RememberedAgency.remember(context, redirect.idp());
                IdpRedirect.to(context, idp, redirect.loginHint());
                return;
            }
            // removed between the check and now
            route = new HomeIdpRoute.Page("dvcErrorAgencyUnknown", "idp", null, "", "", List.of());
        }
        HomeIdpRoute.Page page = (HomeIdpRoute.Page) route;
        SearchResultView results = SearchResultView.of(context.getSession());
        LoginFormsProvider form = context.form()
                .setAttribute("dvcEmail", page.email())
                .setAttribute("dvcQuery", page.query())
                .setAttribute("dvcOffers", page.offers().stream().map(offer -> view(offer, results)).toList())
                .setAttribute("dvcSearchUrl", searchUrl(context))
                .setAttribute("dvcLocalAdmin", localAdminLogin(context));
        AgencyDirectoryProvider directories = context.getSession().getProvider(AgencyDirectoryProvider.class);
        if (page.query() != null && !page.query().isBlank() && page.offers().isEmpty() && directories != null
                && !directories.complete(context.getRealm())) {
            form.setAttribute("dvcWarming", true); // a search before this node's directory is built
        }
        if (!hideRemembered && page.message() == null && page.offers().isEmpty()) {
            RememberedAgency.read(context).ifPresent(alias -> agencies.byIdp(alias)
                    .ifPresent(listing -> form.setAttribute("dvcRemembered", view(new Offer(alias, listing), results))));
        }
        if (page.message() != null) {
            form.addError(page.argument() == null
                    ? new FormMessage(page.field(), page.message())
                    : new FormMessage(page.field(), page.message(), page.argument()));
        }
        // The flow's last alternative (invited agency admins' password and TOTP) must not add Keycloak's "try another way"
        // link to every service's discovery page; the registration API's clients get DVC's own button instead.
        context.setAuthenticationSelections(List.of());
        context.challenge(form.createForm(TEMPLATE));
    }

    /** What the theme shows of an offer; plain strings only (escaped by FreeMarker). */
    private static Map<String, String> view(Offer offer, SearchResultView results) {
        Map<String, String> view = new LinkedHashMap<>();
        view.put("idp", offer.idp());
        view.put("name", offer.label());
        view.put("detail", results.detail(offer.listing().agency()));
        return view;
    }

    /** Whether this login may go on as a local admin's: only to the registration API's own clients. */
    private static boolean localAdminLogin(AuthenticationFlowContext context) {
        return LocalAdmins.apiClient(context.getSession(), context.getAuthenticationSession().getClient());
    }

    private static String searchUrl(AuthenticationFlowContext context) {
        return context.getUriInfo().getBaseUriBuilder().path("realms").path(context.getRealm().getName())
                .path(DiscoverySearchResourceFactory.PROVIDER_ID).path("search").build().toString();
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
