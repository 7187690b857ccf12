package de.dvc.iam.core.discovery;

import java.util.List;
import java.util.Objects;

/**
 * One button on the discovery page: an agency IdP to log in with. An agency with several IdPs
 * gives one offer per IdP, labelled with the IdP alias so the user can tell them apart.
 *
 * @param idp     the IdP alias the button submits
 * @param listing the agency it belongs to
 */
public record Offer(String idp, AgencyListing listing) {

    public Offer {
        Objects.requireNonNull(idp, "idp");
        Objects.requireNonNull(listing, "listing");
    }

    /** Text of the button: the agency name, plus the IdP alias where the agency has several. */
    public String label() {
        String name = listing.agency().name();
        return listing.idps().size() > 1 ? name + " (" + idp + ")" : name;
    }

    static List<Offer> of(List<AgencyListing> listings, int limit) {
        return listings.stream().flatMap(l -> l.idps().stream().map(idp -> new Offer(idp, l))).limit(limit).toList();
    }
}
