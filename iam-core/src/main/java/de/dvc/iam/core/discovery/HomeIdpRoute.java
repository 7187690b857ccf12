package de.dvc.iam.core.discovery;

import java.util.List;
import java.util.Objects;

/** Where discovery sends the user next: straight to an IdP, or back to the page with something to show. */
public sealed interface HomeIdpRoute {

    /** Redirect to the agency IdP {@code idp}; {@code loginHint} (an email) is passed on when known. */
    record Redirect(String idp, String loginHint) implements HomeIdpRoute {
        public Redirect {
            Objects.requireNonNull(idp, "idp");
        }
    }

    /**
     * Show the discovery page.
     *
     * @param message    key of the message to show (null: none); {@code field} says which input it belongs to
     * @param field      {@code email}, {@code q} or {@code idp}; null with a null message
     * @param argument   argument of the message (e.g. the unknown domain); may be null
     * @param email      the email to show in the email field ("" if none)
     * @param query      the search query to show ("" if none)
     * @param offers     IdPs to offer (search results or a domain's several IdPs), at most a page
     */
    record Page(String message, String field, String argument, String email, String query,
                List<Offer> offers) implements HomeIdpRoute {
        public Page {
            email = email == null ? "" : email;
            query = query == null ? "" : query;
            offers = List.copyOf(offers);
        }

        static Page empty() {
            return new Page(null, null, null, "", "", List.of());
        }
    }
}
