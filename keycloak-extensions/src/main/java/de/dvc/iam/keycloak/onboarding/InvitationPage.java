package de.dvc.iam.keycloak.onboarding;

import de.dvc.iam.core.audit.AuditEvent;
import de.dvc.iam.core.onboarding.Invitation;
import de.dvc.iam.core.onboarding.InvitationCode;
import de.dvc.iam.keycloak.agency.AgencyOrganizations;
import de.dvc.iam.keycloak.agency.KeycloakJpa;
import de.dvc.iam.keycloak.audit.AuditTrail;
import de.dvc.iam.keycloak.registration.Callers;
import de.dvc.iam.keycloak.store.InvitationEntity;
import de.dvc.iam.keycloak.store.InvitationStore;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.policy.PasswordPolicyManagerProvider;
import org.keycloak.policy.PolicyError;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The invited person's page, {@code /realms/<realm>/dvc-agencies/invitation?code=…}, in the {@code dvc} login theme
 * ({@value #TEMPLATE}). It shows whom the invitation is for; the form sets the password of a new DVC-local admin
 * account of that one agency. The second factor (TOTP) is set up at the account's first login, before any token is
 * issued to it. The link's code is the only credential: it is looked up by its hash, used once, and refused when
 * expired, revoked, used, unknown or malformed, with the same care for every case (no hint whether a code existed).
 */
public final class InvitationPage {

    static final String TEMPLATE = "dvc-invitation.ftl";
    /** Besides the realm's password policy: an admin password has at least this many characters (BSI IT-Grundschutz ORP.4). */
    static final int MIN_PASSWORD = 12;
    private static final Logger LOG = Logger.getLogger(InvitationPage.class);

    private final KeycloakSession session;
    private final RealmModel realm;

    InvitationPage(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    /** The link of {@code code}, on the server's frontend address. */
    static URI link(KeycloakSession session, String code) {
        return session.getContext().getUri().getBaseUriBuilder().path("realms").path(session.getContext().getRealm().getName())
                .path(AgencyResourceFactory.PROVIDER_ID).path(AgencyResource.RESERVED_ID).queryParam("code", code).build();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response show(@QueryParam("code") String code) {
        Optional<InvitationEntity> found = find(code, false);
        Optional<Invitation.Refusal> refusal = refusal(found);
        if (refusal.isPresent()) {
            return refusedPage(refusal.get());
        }
        return form(found.get(), code, null, null).createForm(TEMPLATE);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response accept(MultivaluedMap<String, String> form) {
        String code = form.getFirst("code");
        Optional<InvitationEntity> found = find(code, true);
        Optional<Invitation.Refusal> refusal = refusal(found);
        if (refusal.isPresent()) {
            session.getTransactionManager().setRollbackOnly();
            return refusedPage(refusal.get());
        }
        InvitationEntity invitation = found.get();
        String password = Optional.ofNullable(form.getFirst("password")).orElse("");
        String confirmation = Optional.ofNullable(form.getFirst("password-confirm")).orElse("");
        String username = invitation.getEmail().toLowerCase(Locale.ROOT);
        String problem = null;
        String field = "password";
        if (password.length() < MIN_PASSWORD) {
            problem = "dvcInvitationPasswordShort";
        } else if (!password.equals(confirmation)) {
            problem = "dvcInvitationPasswordMismatch";
            field = "password-confirm";
        } else if (session.users().getUserByUsername(realm, username) != null) {
            problem = "dvcInvitationAccountExists";
            field = "code";
        }
        if (problem == null) {
            // By the future username: policies such as notUsername or notEmail need it (there is no user yet).
            PolicyError policy = session.getProvider(PasswordPolicyManagerProvider.class).validate(username, password);
            if (policy != null) {
                session.getTransactionManager().setRollbackOnly();
                return form(invitation, code, "password", null).addError(new FormMessage("password", policy.getMessage(), policy.getParameters()))
                        .createForm(TEMPLATE);
            }
        }
        if (problem != null) {
            session.getTransactionManager().setRollbackOnly();
            return form(invitation, code, field, problem).createForm(TEMPLATE);
        }
        UserModel user = createAccount(invitation, username, password);
        Instant now = Instant.now();
        invitation.setAccepted(now.toEpochMilli());
        invitation.setUserId(user.getId());
        AuditTrail.of(session).orElseThrow(() -> new IllegalStateException("The audit trail is not installed; onboarding needs it."))
                .record(session, realm.getId(), AuditEvent.registration(now, invitation.getAgency(), null, "invitation-accepted", user.getId(),
                        "invitation " + invitation.getId() + ", local admin account " + username));
        return session.getProvider(LoginFormsProvider.class).setAttribute("dvcInvitationDone", true)
                .setAttribute("dvcInvitationUsername", username).setAttribute("dvcInvitationAgency", agencyName(invitation))
                .createForm(TEMPLATE);
    }

    private UserModel createAccount(InvitationEntity invitation, String username, String password) {
        UserModel user = session.users().addUser(realm, username);
        user.setEnabled(true);
        user.setEmail(invitation.getEmail());
        // The address received the invitation and its link: it is verified by that.
        user.setEmailVerified(true);
        String name = invitation.getName().strip();
        int space = name.lastIndexOf(' ');
        user.setFirstName(space > 0 ? name.substring(0, space) : name);
        user.setLastName(space > 0 ? name.substring(space + 1) : "");
        user.setSingleAttribute(LocalAdmins.USER_ATTRIBUTE, invitation.getAgency());
        user.setSingleAttribute(Callers.ADMIN_OF, invitation.getAgency());
        user.setSingleAttribute(LocalAdmins.INVITATION_ATTRIBUTE, invitation.getId());
        RoleModel role = realm.getRole(Callers.ADMIN_ROLE);
        if (role == null) {
            role = realm.addRole(Callers.ADMIN_ROLE);
        }
        user.grantRole(role);
        // The second factor is required from the first login on (auth-otp-form in the local admin flow asks for it too).
        user.addRequiredAction(UserModel.RequiredAction.CONFIGURE_TOTP);
        try {
            user.credentialManager().updateCredential(UserCredentialModel.password(password, false));
        } catch (ModelException e) {
            throw new IllegalStateException("The password could not be stored: " + e.getMessage(), e);
        }
        return user;
    }

    /** The invitation of {@code code} (locked when {@code forUpdate}); empty for a malformed or unknown code. */
    private Optional<InvitationEntity> find(String code, boolean forUpdate) {
        if (!InvitationCode.wellFormed(code)) {
            return Optional.empty();
        }
        InvitationStore store = new InvitationStore(KeycloakJpa.entityManager(session).orElseThrow(() -> new IllegalStateException("no JPA store")));
        String hash = InvitationCode.hash(code);
        return forUpdate ? store.byCodeHashLocked(realm.getId(), hash) : store.byCodeHash(realm.getId(), hash);
    }

    private Optional<Invitation.Refusal> refusal(Optional<InvitationEntity> found) {
        if (found.isEmpty()) {
            return Optional.of(new Invitation.Refusal("invitation_unknown", "dvcInvitationUnknown"));
        }
        Optional<Invitation.Refusal> refusal = InvitationStore.invitation(found.get()).acceptRefusal(Instant.now());
        if (refusal.isEmpty() && AgencyOrganizations.byAgencyId(session, found.get().getAgency()).isEmpty()) {
            return Optional.of(new Invitation.Refusal("invitation_agency_gone", "dvcInvitationUnknown"));
        }
        return refusal;
    }

    private Response refusedPage(Invitation.Refusal refusal) {
        LOG.debugf("Invitation link refused: %s", refusal.code());
        String key = switch (refusal.code()) {
            case "invitation_used" -> "dvcInvitationUsed";
            case "invitation_revoked" -> "dvcInvitationRevoked";
            case "invitation_expired" -> "dvcInvitationExpired";
            default -> "dvcInvitationUnknown";
        };
        return session.getProvider(LoginFormsProvider.class).setAttribute("dvcInvitationRefused", true).setError(key)
                .createErrorPage(Response.Status.GONE);
    }

    private LoginFormsProvider form(InvitationEntity invitation, String code, String field, String messageKey) {
        LoginFormsProvider forms = session.getProvider(LoginFormsProvider.class)
                .setActionUri(session.getContext().getUri().getBaseUriBuilder().path("realms").path(realm.getName())
                        .path(AgencyResourceFactory.PROVIDER_ID).path(AgencyResource.RESERVED_ID).build())
                .setAttribute("dvcInvitationCode", code)
                .setAttribute("dvcInvitationName", invitation.getName())
                .setAttribute("dvcInvitationEmail", invitation.getEmail())
                .setAttribute("dvcInvitationAgency", agencyName(invitation))
                .setAttribute("dvcInvitationMinPassword", MIN_PASSWORD);
        if (messageKey != null) {
            forms.addError(new FormMessage(field, messageKey));
        }
        return forms;
    }

    private String agencyName(InvitationEntity invitation) {
        return AgencyOrganizations.byAgencyId(session, invitation.getAgency()).flatMap(de.dvc.iam.keycloak.agency.OrganizationAgency::of)
                .map(de.dvc.iam.core.agency.Agency::name).orElse(invitation.getAgency());
    }
}
