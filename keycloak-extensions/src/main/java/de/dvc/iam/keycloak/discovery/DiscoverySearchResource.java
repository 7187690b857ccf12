package de.dvc.iam.keycloak.discovery;

import de.dvc.iam.core.discovery.AgencyDirectory;
import de.dvc.iam.core.discovery.HomeIdpDiscovery;
import de.dvc.iam.core.discovery.Offer;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /realms/<realm>/dvc-discovery/search?q=...}: the agencies matching {@code q}, as the
 * discovery page shows them while the user types. Public, because the login page needs it before
 * anyone is authenticated; it reveals only what the page shows anyway (agency names and IdP aliases).
 * At most {@link HomeIdpDiscovery#PAGE_SIZE} results; queries are cut at
 * {@link AgencyDirectory#MAX_QUERY_LENGTH} characters.
 */
public final class DiscoverySearchResource {

    private final KeycloakSession session;
    private final de.dvc.iam.core.ratelimit.RequestRate rate;

    DiscoverySearchResource(KeycloakSession session, de.dvc.iam.core.ratelimit.RequestRate rate) {
        this.session = session;
        this.rate = rate;
    }

    @GET
    @Path("search")
    @Produces(MediaType.APPLICATION_JSON)
    public Response search(@QueryParam("q") String query) {
        java.util.Optional<java.time.Duration> wait = rate.take(String.valueOf(session.getContext().getConnection().getRemoteAddr()));
        if (wait.isPresent()) {
            return Response.status(429).type(MediaType.APPLICATION_JSON)
                    .header("Retry-After", Math.max(1, (wait.get().toMillis() + 999) / 1000))
                    .entity(Map.of("error", "too_many_requests", "message", "Too many searches from your address; try again shortly."))
                    .build();
        }
        String q = query == null ? "" : query.strip();
        if (q.length() > AgencyDirectory.MAX_QUERY_LENGTH) {
            q = q.substring(0, AgencyDirectory.MAX_QUERY_LENGTH);
        }
        List<Offer> offers = new HomeIdpDiscovery(new KeycloakAgencies(session)).suggest(q);
        SearchResultView view = SearchResultView.of(session);
        List<Map<String, String>> results = offers.stream().map(offer -> result(offer, view)).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", q);
        body.put("results", results);
        AgencyDirectoryProvider directories = session.getProvider(AgencyDirectoryProvider.class);
        boolean complete = directories == null || directories.complete(session.getContext().getRealm());
        body.put("complete", complete);
        if (!complete) {
            body.put("message", "The agency directory is still loading after a restart of this server; search again in a few "
                    + "seconds, or enter your official e-mail address.");
        }
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(body).cacheControl(noStore).header("X-Content-Type-Options", "nosniff").build();
    }

    private static Map<String, String> result(Offer offer, SearchResultView view) {
        Map<String, String> result = new LinkedHashMap<>();
        result.put("idp", offer.idp());
        result.put("name", offer.label());
        result.put("detail", view.detail(offer.listing().agency()));
        result.put("agency", offer.listing().agency().id());
        return result;
    }
}
