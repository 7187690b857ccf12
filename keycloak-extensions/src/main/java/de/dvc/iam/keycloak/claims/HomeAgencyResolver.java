package de.dvc.iam.keycloak.claims;

import de.dvc.iam.core.agency.Agency;
import de.dvc.iam.core.identity.DvcIdentity;
import de.dvc.iam.keycloak.discovery.IdpAgencies;
import de.dvc.iam.keycloak.identity.LoginIdentity;
import org.jboss.logging.Logger;
import org.keycloak.events.Details;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserSessionModel;

import java.util.Optional;

/**
 * Finds the DVC identity of a user session: the agency IdP the user came through in this session
 * (Keycloak keeps its alias in the user session note {@code identity_provider}), the agency that
 * IdP is linked to as an organization, and what the login established ({@link LoginIdentity}).
 *
 * <p>The agency comes from {@link IdpAgencies} (the node's in-memory directory first); the result is
 * kept for the rest of the request, since one token response runs the mapper up to three times.
 */
final class HomeAgencyResolver {

    private static final Logger LOG = Logger.getLogger(HomeAgencyResolver.class);
    private static final String MEMO = HomeAgencyResolver.class.getName() + ".";

    private HomeAgencyResolver() {
    }

    @SuppressWarnings("unchecked")
    static Optional<DvcIdentity> resolve(KeycloakSession session, UserSessionModel userSession) {
        String key = MEMO + userSession.getId();
        Object memo = session.getAttribute(key);
        if (memo instanceof Optional<?> known) {
            return (Optional<DvcIdentity>) known;
        }
        Optional<DvcIdentity> identity = lookUp(session, userSession);
        session.setAttribute(key, identity);
        return identity;
    }

    private static Optional<DvcIdentity> lookUp(KeycloakSession session, UserSessionModel userSession) {
        String alias = userSession.getNote(Details.IDENTITY_PROVIDER);
        if (alias == null) {
            return Optional.empty();
        }
        Optional<LoginIdentity> login = LoginIdentity.of(userSession);
        if (login.isEmpty()) {
            LOG.warnf("Session through identity provider '%s' carries no DVC identity (is its dvc-agency-profile mapper set?); "
                    + "no DVC claims issued.", alias);
            return Optional.empty();
        }
        return agency(session, userSession, alias)
                .map(agency -> new DvcIdentity(agency, alias, login.get().person(), login.get().assurance()));
    }

    private static Optional<Agency> agency(KeycloakSession session, UserSessionModel userSession, String alias) {
        Optional<Agency> agency = IdpAgencies.of(session, userSession.getRealm(), alias);
        if (agency.isEmpty()) {
            LOG.warnf("Identity provider '%s' is not linked to an existing agency; no DVC claims issued.", alias);
        }
        return agency;
    }
}
