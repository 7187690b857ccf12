package de.dvc.iam.keycloak.identity;

import de.dvc.iam.core.agency.Agency;
import de.dvc.iam.core.assurance.AssuranceLevel;
import de.dvc.iam.core.binding.DomainBinding;
import de.dvc.iam.core.profile.AssertedIdentity;
import de.dvc.iam.core.profile.ProfileOutcome;
import de.dvc.iam.core.profile.Role;
import de.dvc.iam.keycloak.agency.IdpAgency;
import de.dvc.iam.keycloak.audit.AuditLog;
import de.dvc.iam.keycloak.registration.RegistrationGate;
import de.dvc.iam.keycloak.registration.SandboxLogin;
import org.keycloak.broker.provider.AbstractIdentityProviderMapper;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.IdentityProviderSyncMode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * IdP mapper {@value #PROVIDER_ID}: turns every login through an agency IdP into the DVC identity,
 * or refuses it. Runs before Keycloak looks up or creates the user, on every login:
 * <ol>
 *   <li>applies the IdP's attribute profile (refusal {@code missing_attributes} names what the agency must release);</li>
 *   <li>domain binding against the agency's verified domains ({@code domain_binding});</li>
 *   <li>assurance through the IdP's table, capped at its maximum;</li>
 *   <li>the service's access policy and required assurance ({@code policy_*});</li>
 *   <li>keys the user by (IdP alias, subject): username {@code <alias>.<subject>}, never by email.</li>
 * </ol>
 * The result is kept as the user session note {@link LoginIdentity#NOTE}; tokens are built from it.
 * A refusal rolls the request back (see {@link Refusal}).
 *
 * <p>Stateless; Keycloak calls it concurrently.
 */
public final class AgencyProfileMapper extends AbstractIdentityProviderMapper {

    public static final String PROVIDER_ID = "dvc-agency-profile";
    private static final String CONTEXT_NOTE = "dvc.identity";
    /** Keycloak's auth note of an account linking in progress (IdentityBrokerService.LINKING_IDENTITY_PROVIDER). */
    private static final String LINKING_NOTE = "LINKING_IDENTITY_PROVIDER";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String[] getCompatibleProviders() {
        return new String[] {"saml", "oidc", "keycloak-oidc", de.dvc.iam.keycloak.directory.DirectoryIdentityProviderFactory.PROVIDER_ID};
    }

    @Override
    public boolean supportsSyncMode(IdentityProviderSyncMode syncMode) {
        return true;
    }

    @Override
    public String getDisplayCategory() {
        return "DVC";
    }

    @Override
    public String getDisplayType() {
        return "DVC agency profile";
    }

    @Override
    public String getHelpText() {
        return "Maps this agency IdP's assertion into the DVC identity contract, enforces domain binding, "
                + "assurance and service access policies at every login.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return AgencyProfileConfig.PROPERTIES;
    }

    @Override
    public void preprocessFederatedIdentity(KeycloakSession session, RealmModel realm, IdentityProviderMapperModel mapper,
                                            BrokeredIdentityContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String alias = context.getIdpConfig().getAlias();
        String userKey = alias + "." + context.getId();
        String service = authSession.getClient().getClientId();
        AuditLog.Login login = new AuditLog.Login(userKey, null, alias, null, service);

        AgencyProfileConfig config;
        try {
            // Keycloak offers IdP mappers no save-time validation; broken settings refuse the login (fail closed).
            config = AgencyProfileConfig.read(mapper.getConfig());
        } catch (IllegalArgumentException e) {
            throw Refusal.of(session, authSession, login, "idp_misconfigured", "dvcRefusedIdpMisconfigured");
        }
        boolean directory = de.dvc.iam.keycloak.directory.DirectoryIdentityProviderFactory.PROVIDER_ID.equals(context.getIdpConfig().getProviderId());
        if (directory != de.dvc.iam.core.profile.AttributeProfiles.isDirectory(config.profile())) {
            // A directory profile reads what only a directory login hands over, and a directory reads no SAML/OIDC profile.
            throw Refusal.of(session, authSession, login, "idp_misconfigured", "dvcRefusedIdpMisconfigured");
        }
        if (authSession.getAuthNote(LINKING_NOTE) != null) {
            // Identities are never linked (docs/claims.md): not by email, not by the user's own choice.
            throw Refusal.of(session, authSession, login, "account_linking_disabled", "dvcRefusedAccountLinking");
        }
        boolean sandbox = RegistrationGate.isSandboxClient(authSession);
        if (!RegistrationGate.admits(context.getIdpConfig(), authSession)) {
            throw Refusal.of(session, authSession, login, "idp_not_approved", "dvcRefusedIdpNotApproved");
        }
        Optional<IdpAgency> owner = IdpAgency.live(session, context.getIdpConfig());
        Optional<Agency> agency = owner.map(IdpAgency::agency);
        if (agency.isEmpty()) {
            throw Refusal.of(session, authSession, login, "no_agency", "dvcRefusedIdpMisconfigured");
        }
        login = new AuditLog.Login(userKey, agency.get().id(), alias, null, service);

        ProfileOutcome outcome = config.profile().apply(BrokeredAttributes.of(context));
        if (outcome instanceof ProfileOutcome.Missing missing) {
            throw Refusal.of(session, authSession, login, "missing_attributes", "dvcRefusedMissingAttributes",
                    agency.get().name(), String.join(", ", missing.releaseHint()));
        }
        // Role parameters (e.g. a municipality key) only for the asserting agency's own keys.
        AssertedIdentity person = new de.dvc.iam.core.binding.RoleBinding(agency.get()).bind(((ProfileOutcome.Accepted) outcome).identity());

        // A test login binds to the domains the registration declares (they become verified on approval); a production
        // login to the domains of this IdP only, never to every domain of its agency.
        Set<String> domains = sandbox ? SandboxLogin.declaredDomains(context.getIdpConfig())
                : RegistrationGate.assertableDomains(context.getIdpConfig(), de.dvc.iam.keycloak.agency.AgencyOrganizations.verifiedDomains(owner.get().organization()));
        Optional<DomainBinding.Violation> violation = new DomainBinding(domains).violation(person);
        if (violation.isPresent()) {
            throw Refusal.of(session, authSession, login, "domain_binding", "dvcRefusedDomain",
                    agency.get().name(), violation.get().domain());
        }

        AssuranceLevel level = config.assurance().levelOf(BrokeredAttributes.reportedAcr(context));
        login = new AuditLog.Login(userKey, agency.get().id(), alias, level.code(), service);
        if (sandbox) {
            throw SandboxLogin.complete(session, authSession, context.getIdpConfig(), person, level.code());
        }
        ServiceAccess.check(session, authSession, login, agency.get(),
                person.roles().stream().map(Role::name).collect(Collectors.toSet()), level, config.assurance().maximum());

        // Key users by (IdP, subject): the username is never an email, so no other IdP's login can match it.
        context.setModelUsername(userKey);
        context.setEmail(person.email());
        context.setFirstName(person.givenName());
        context.setLastName(person.familyName());
        String note;
        try {
            note = new LoginIdentity(person, level).toNote(realm, alias);
        } catch (IllegalStateException e) {
            throw Refusal.of(session, authSession, login, "idp_misconfigured", "dvcRefusedIdpMisconfigured");
        }
        context.getContextData().put(CONTEXT_NOTE, note);
        authSession.setUserSessionNote(LoginIdentity.NOTE, note);
    }

    @Override
    public void importNewUser(KeycloakSession session, RealmModel realm, UserModel user, IdentityProviderMapperModel mapper,
                              BrokeredIdentityContext context) {
        // The first-broker-login flow reset the authentication session's notes; put the identity back.
        Object note = context.getContextData().get(CONTEXT_NOTE);
        if (note instanceof String identity) {
            context.getAuthenticationSession().setUserSessionNote(LoginIdentity.NOTE, identity);
        }
    }

    @Override
    public void updateBrokeredUser(KeycloakSession session, RealmModel realm, UserModel user, IdentityProviderMapperModel mapper,
                                   BrokeredIdentityContext context) {
        importNewUser(session, realm, user, mapper, context);
    }
}
