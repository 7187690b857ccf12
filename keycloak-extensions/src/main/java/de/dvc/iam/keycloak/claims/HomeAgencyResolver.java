package de.dvc.iam.keycloak.claims;

import de.dvc.iam.core.identity.DvcIdentity;
import de.dvc.iam.keycloak.agency.OrganizationAgency;
import de.dvc.iam.keycloak.identity.LoginIdentity;
import org.jboss.logging.Logger;
import org.keycloak.events.Details;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.Optional;

/**
 * Finds the DVC identity of a user session: the agency IdP the user came through in this session
 * (Keycloak keeps its alias in the user session note {@code identity_provider}), the agency that
 * IdP is linked to as an organization, and what the login established ({@link LoginIdentity}).
 */
final class HomeAgencyResolver {

    private static final Logger LOG = Logger.getLogger(HomeAgencyResolver.class);

    private HomeAgencyResolver() {
    }

    static Optional<DvcIdentity> resolve(KeycloakSession session, UserSessionModel userSession) {
        String alias = userSession.getNote(Details.IDENTITY_PROVIDER);
        if (alias == null) {
            return Optional.empty();
        }
        IdentityProviderModel idp = session.identityProviders().getByAlias(alias);
        if (idp == null || idp.getOrganizationId() == null) {
            LOG.warnf("Identity provider '%s' is not linked to an agency; no DVC claims issued.", alias);
            return Optional.empty();
        }
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        OrganizationModel organization = organizations == null ? null : organizations.getById(idp.getOrganizationId());
        if (organization == null) {
            LOG.warnf("Agency of identity provider '%s' no longer exists; no DVC claims issued.", alias);
            return Optional.empty();
        }
        Optional<LoginIdentity> login = LoginIdentity.of(userSession);
        if (login.isEmpty()) {
            LOG.warnf("Session through identity provider '%s' carries no DVC identity (is its dvc-agency-profile mapper set?); "
                    + "no DVC claims issued.", alias);
            return Optional.empty();
        }
        return OrganizationAgency.of(organization)
                .map(agency -> new DvcIdentity(agency, alias, login.get().person(), login.get().assurance()));
    }
}
