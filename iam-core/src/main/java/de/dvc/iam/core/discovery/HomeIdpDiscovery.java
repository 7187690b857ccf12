package de.dvc.iam.core.discovery;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules of home-IdP discovery, in this order (docs/architecture.md, "Discovery"):
 * <ol>
 *   <li>a hint from the service: {@code kc_idp_hint} naming an agency IdP, or {@code login_hint}
 *       with an email whose domain an agency verified;</li>
 *   <li>the agency remembered in this browser, shown for one-click confirmation (never silently);</li>
 *   <li>an email the user types, routed by domain;</li>
 *   <li>otherwise a search over the {@link AgencyDirectory}.</li>
 * </ol>
 * Nothing the user or a service sends can route to anything but an enabled agency IdP; an unknown
 * hint or domain falls back to the page with a message, never to an error.
 *
 * <p>Thread-safe if the {@link Agencies} it is given is.
 */
public final class HomeIdpDiscovery {

    /** Results per page: the page size never grows with the federation. */
    public static final int PAGE_SIZE = 10;

    /** What discovery needs to know about the federation. */
    public interface Agencies {
        /** The listing offering this enabled agency IdP, if any. */
        Optional<AgencyListing> byIdp(String alias);

        /** Aliases of the enabled IdPs of the agency that verified {@code domain} or a parent of it. */
        List<String> idpsForDomain(String domain);

        /** Search results, best first. */
        List<AgencyListing> search(String query, int limit);
    }

    private final Agencies agencies;

    public HomeIdpDiscovery(Agencies agencies) {
        this.agencies = agencies;
    }

    /**
     * Arrival at discovery: the service's hints decide, else the page (with the remembered agency
     * for the theme to offer, which the caller reads itself).
     */
    public HomeIdpRoute arrive(String kcIdpHint, String loginHint) {
        if (kcIdpHint != null && !kcIdpHint.isBlank()) {
            Optional<AgencyListing> hinted = agencies.byIdp(kcIdpHint.trim());
            if (hinted.isPresent()) {
                return new HomeIdpRoute.Redirect(kcIdpHint.trim(), null);
            }
            return new HomeIdpRoute.Page("dvcErrorHintUnknown", "idp", null, "", "", List.of());
        }
        if (loginHint != null && EmailDomain.of(loginHint).isPresent()) {
            HomeIdpRoute byDomain = byEmail(loginHint.trim());
            // a login_hint the federation does not know is no error: show the page with the email filled in
            return byDomain instanceof HomeIdpRoute.Page page && page.message() != null
                    ? new HomeIdpRoute.Page(null, null, null, page.email(), page.query(), page.offers())
                    : byDomain;
        }
        return HomeIdpRoute.Page.empty();
    }

    /** The user chose an agency IdP (result button, remembered agency, or several IdPs of her domain). */
    public HomeIdpRoute choose(String idp) {
        if (idp != null && agencies.byIdp(idp).isPresent()) {
            return new HomeIdpRoute.Redirect(idp, null);
        }
        return new HomeIdpRoute.Page("dvcErrorAgencyUnknown", "idp", null, "", "", List.of());
    }

    /** The user typed her work email. */
    public HomeIdpRoute byEmail(String email) {
        String trimmed = email == null ? "" : email.trim();
        Optional<String> domain = EmailDomain.of(trimmed);
        if (domain.isEmpty()) {
            return new HomeIdpRoute.Page("dvcErrorEmailInvalid", "email", null, trimmed, "", List.of());
        }
        List<String> idps = agencies.idpsForDomain(domain.get());
        if (idps.size() == 1) {
            return new HomeIdpRoute.Redirect(idps.get(0), trimmed);
        }
        if (idps.isEmpty()) {
            // fall back to the search, seeded with the domain's most specific word ("flensburg")
            String seed = domain.get().substring(0, domain.get().indexOf('.')).toLowerCase(Locale.ROOT);
            return new HomeIdpRoute.Page("dvcErrorDomainUnknown", "email", domain.get(), trimmed, seed,
                    Offer.of(agencies.search(seed, PAGE_SIZE), PAGE_SIZE));
        }
        // Several IdPs of the domain: each offer names its IdP (also while the directory has not caught up).
        List<Offer> choices = idps.stream()
                .flatMap(idp -> agencies.byIdp(idp).map(listing -> new Offer(idp, new AgencyListing(listing.agency(), idps))).stream())
                .limit(PAGE_SIZE).toList();
        return new HomeIdpRoute.Page("dvcSeveralIdps", "email", domain.get(), trimmed, "", choices);
    }

    /** Results while the user types (the JSON search endpoint): one page of offers, best first. */
    public List<Offer> suggest(String query) {
        String trimmed = query == null ? "" : query.strip();
        if (trimmed.length() > AgencyDirectory.MAX_QUERY_LENGTH) {
            trimmed = trimmed.substring(0, AgencyDirectory.MAX_QUERY_LENGTH);
        }
        return trimmed.isEmpty() ? List.of() : Offer.of(agencies.search(trimmed, PAGE_SIZE), PAGE_SIZE);
    }

    /** The user searched (form submit without JavaScript). */
    public HomeIdpRoute search(String query) {
        String trimmed = query == null ? "" : query.strip();
        if (trimmed.isEmpty()) {
            return new HomeIdpRoute.Page("dvcErrorSearchEmpty", "q", null, "", "", List.of());
        }
        if (trimmed.length() > AgencyDirectory.MAX_QUERY_LENGTH) {
            trimmed = trimmed.substring(0, AgencyDirectory.MAX_QUERY_LENGTH);
        }
        List<Offer> offers = Offer.of(agencies.search(trimmed, PAGE_SIZE), PAGE_SIZE);
        return offers.isEmpty()
                ? new HomeIdpRoute.Page("dvcErrorSearchNone", "q", trimmed, "", trimmed, List.of())
                : new HomeIdpRoute.Page(null, null, null, "", trimmed, offers);
    }
}
