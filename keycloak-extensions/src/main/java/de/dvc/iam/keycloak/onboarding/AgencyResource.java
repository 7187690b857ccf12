package de.dvc.iam.keycloak.onboarding;

import de.dvc.iam.core.agency.Agency;
import de.dvc.iam.core.agency.AgencyAttributes;
import de.dvc.iam.core.audit.AuditEvent;
import de.dvc.iam.core.onboarding.AgencyContact;
import de.dvc.iam.core.onboarding.Invitation;
import de.dvc.iam.core.onboarding.InvitationCode;
import de.dvc.iam.core.onboarding.InvitationRequest;
import de.dvc.iam.core.onboarding.NewAgency;
import de.dvc.iam.core.onboarding.RequestProblems;
import de.dvc.iam.core.registration.Principal;
import de.dvc.iam.keycloak.agency.AgencyOrganizations;
import de.dvc.iam.keycloak.agency.KeycloakJpa;
import de.dvc.iam.keycloak.agency.OrganizationAgency;
import de.dvc.iam.keycloak.audit.AuditTrail;
import de.dvc.iam.keycloak.registration.Callers;
import de.dvc.iam.keycloak.registration.IdpSessions;
import de.dvc.iam.keycloak.registration.RegistrationResourceFactory;
import de.dvc.iam.keycloak.registration.JsonBody;
import de.dvc.iam.keycloak.store.InvitationEntity;
import de.dvc.iam.keycloak.store.InvitationStore;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Agencies and their admins at {@code /realms/<federation realm>/dvc-agencies} (docs/registration-api.yaml), with the
 * registration API's tokens ({@link Callers}):
 * <ul>
 *   <li>federation operators create agencies and invite a contact as first admin;</li>
 *   <li>an agency admin reads her own agency, invites further admins of it and retires local admin accounts;</li>
 *   <li>{@code invitation} is the invited person's page (no token: the link's code is the credential).</li>
 * </ul>
 * A refused request changes nothing: its transaction is rolled back.
 */
public final class AgencyResource {

    /** A path segment the agency paths cannot use: {@code invitation} is the invited person's page. */
    static final String RESERVED_ID = "invitation";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final de.dvc.iam.keycloak.registration.PersonNames names;

    AgencyResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.names = new de.dvc.iam.keycloak.registration.PersonNames(session);
    }

    /** The invited person's page ({@link InvitationPage}). */
    @Path(RESERVED_ID)
    public InvitationPage invitation() {
        return new InvitationPage(session);
    }

    /** Who calls: name, operator or not, and the agency she administers (the portal starts here). */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response caller() {
        return authorized(null, false, (principal, target) -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("name", displayName(principal.id()));
            view.put("operator", principal.operator());
            principal.adminOf().ifPresent(agency -> {
                view.put("agency", agency);
                AgencyOrganizations.byAgencyId(session, agency).flatMap(OrganizationAgency::of)
                        .ifPresent(found -> view.put("agencyName", found.name()));
            });
            return Response.ok(view, MediaType.APPLICATION_JSON).build();
        });
    }

    /** Operators: creates an agency with its official keys and contacts (201, Location of the agency). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        return authorized(null, true, (principal, target) -> {
            NewAgency request;
            try {
                request = NewAgency.parse(JsonBody.read(body));
            } catch (RequestProblems.Invalid e) {
                return invalid(e);
            } catch (IllegalArgumentException e) {
                return error(400, "invalid_request", e.getMessage());
            }
            Agency agency = request.agency();
            if (RESERVED_ID.equals(agency.id())) {
                return error(400, "invalid_request", "The agency id '" + RESERVED_ID + "' is reserved; choose another.");
            }
            if (AgencyOrganizations.byAgencyId(session, agency.id()).isPresent()) {
                return error(409, "agency_taken", "An agency with id '" + agency.id() + "' exists already: GET …/dvc-agencies/"
                        + agency.id() + ".");
            }
            OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
            boolean nameTaken = organizations.getAllStream(agency.name(), true, 0, 1).findAny().isPresent();
            OrganizationModel organization;
            try {
                organization = organizations.create(AgencyAttributes.organizationName(agency, nameTaken), agency.id());
            } catch (org.keycloak.models.ModelDuplicateException e) {
                // Another operator created it a moment ago (or a same-named one): no 500, the same answer as above.
                return error(409, "agency_taken", "An agency with id '" + agency.id() + "' or this name exists already.");
            }
            Map<String, List<String>> attributes = new LinkedHashMap<>(AgencyAttributes.toAttributes(agency));
            attributes.putAll(request.extraAttributes());
            organization.setAttributes(attributes);
            audit(agency.id(), "agency-created", principal, agency.name() + ", " + request.contacts().size() + " contact(s)");
            URI location = session.getContext().getUri().getBaseUriBuilder().path("realms").path(realm.getName())
                    .path(AgencyResourceFactory.PROVIDER_ID).path(agency.id()).build();
            Map<String, Object> view = view(organization, agency);
            // The organization's attributes read back in this transaction still miss the ones just set (Keycloak's adapter).
            view.put("contacts", request.contacts().stream().map(c -> Map.of("name", c.name(), "email", c.email().toString())).toList());
            return Response.created(location).type(MediaType.APPLICATION_JSON).entity(view).build();
        });
    }

    /** Operators and the agency's admins: the agency, its contacts, domains and local admin accounts. */
    @GET
    @Path("{agency}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("agency") String id) {
        return authorized(id, false, (principal, target) -> {
            Map<String, Object> view = view(target.organization(), target.agency());
            List<Map<String, Object>> admins = new ArrayList<>();
            localAdmins(id).forEach(user -> admins.add(admin(user)));
            view.put("localAdmins", admins);
            return Response.ok(view, MediaType.APPLICATION_JSON).build();
        });
    }

    /**
     * Operators and the agency's admins: invites {@code {"email", "name", "days"}} as admin of the agency. The mail
     * goes through the realm's SMTP settings; the link is also in the answer, to hand over out of band.
     */
    @POST
    @Path("{agency}/invitations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response invite(@PathParam("agency") String id, String body) {
        return authorized(id, false, (principal, target) -> {
            InvitationRequest request;
            try {
                request = InvitationRequest.parse(JsonBody.read(body));
            } catch (RequestProblems.Invalid e) {
                return invalid(e);
            } catch (IllegalArgumentException e) {
                return error(400, "invalid_request", e.getMessage());
            }
            Instant now = Instant.now();
            String code = InvitationCode.generate();
            Invitation invitation = new Invitation(java.util.UUID.randomUUID().toString(), id, request.email(), request.name(),
                    principal.id(), now, now.plus(request.lifetime()), Optional.empty(), Optional.empty());
            store().add(realm.getId(), invitation, InvitationCode.hash(code));
            audit(id, "invitation-created", principal, "invitation " + invitation.id() + " for " + request.email() + ", expires "
                    + invitation.expires());
            KeycloakJpa.entityManager(session).orElseThrow().flush();
            URI link = InvitationPage.link(session, code);
            InvitationMail.Outcome mail = InvitationMail.send(session, invitation, target.agency().name(), link, displayName(principal.id()));
            Map<String, Object> answer = invitationView(invitation, now);
            answer.put("link", link.toString());
            answer.put("mail", mail.code());
            if (mail.detail() != null) {
                answer.put("mailDetail", mail.detail());
            }
            return Response.status(201).type(MediaType.APPLICATION_JSON).entity(answer).build();
        });
    }

    /** Operators and the agency's admins: the agency's invitations, newest first (never their links). */
    @GET
    @Path("{agency}/invitations")
    @Produces(MediaType.APPLICATION_JSON)
    public Response invitations(@PathParam("agency") String id) {
        return authorized(id, false, (principal, target) -> {
            Instant now = Instant.now();
            List<Map<String, Object>> list = new ArrayList<>();
            for (InvitationEntity entity : store().ofAgency(realm.getId(), id)) {
                list.add(invitationView(InvitationStore.invitation(entity), now));
            }
            return Response.ok(Map.of("invitations", list), MediaType.APPLICATION_JSON).build();
        });
    }

    /** Operators and the agency's admins: withdraws a pending invitation; its link stops working at once. */
    @DELETE
    @Path("{agency}/invitations/{invitation}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response revoke(@PathParam("agency") String id, @PathParam("invitation") String invitationId) {
        return authorized(id, false, (principal, target) -> {
            Optional<InvitationEntity> found = store().byId(realm.getId(), id, invitationId);
            if (found.isEmpty()) {
                return error(404, "not_found", "Agency " + id + " has no invitation " + invitationId + ".");
            }
            Instant now = Instant.now();
            Optional<Invitation.Refusal> refusal = InvitationStore.invitation(found.get()).revokeRefusal(now);
            if (refusal.isPresent()) {
                return error(409, refusal.get().code(), refusal.get().message());
            }
            found.get().setRevoked(now.toEpochMilli());
            audit(id, "invitation-revoked", principal, "invitation " + invitationId);
            return Response.ok(invitationView(InvitationStore.invitation(found.get()), now), MediaType.APPLICATION_JSON).build();
        });
    }

    /**
     * Operators and the agency's admins: retires a local admin account of the agency (once the agency designates its
     * admins through its own IdP): the account is disabled, loses its admin role, and its sessions end.
     */
    @DELETE
    @Path("{agency}/admins/{user}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response retireAdmin(@PathParam("agency") String id, @PathParam("user") String userId) {
        return authorized(id, false, (principal, target) -> {
            UserModel user = session.users().getUserById(realm, userId);
            if (user == null || !LocalAdmins.agencyOf(user).filter(id::equals).isPresent()) {
                return error(404, "not_found", "Agency " + id + " has no local admin account " + userId + ".");
            }
            if (!user.isEnabled()) {
                return error(409, "admin_retired", "The account " + user.getUsername() + " is retired already.");
            }
            if (user.getId().equals(principal.id())) {
                return error(409, "own_account", "An admin does not retire her own account; another admin or an operator does.");
            }
            user.setEnabled(false);
            user.removeAttribute(Callers.ADMIN_OF);
            Optional.ofNullable(realm.getRole(Callers.ADMIN_ROLE)).ifPresent(user::deleteRoleMapping);
            IdpSessions.endAll(session, realm, user);
            audit(id, "local-admin-retired", principal, "account " + user.getUsername());
            return Response.ok(admin(user), MediaType.APPLICATION_JSON).build();
        });
    }

    /**
     * Resets a local admin's second factor (a lost or replaced phone): her authenticator apps (OTP) and security keys
     * (WebAuthn) are removed, she must set up a new app at her next sign-in (password, then the new app: TOTP stays
     * mandatory), and her sessions end. By another admin of the agency or an operator, never by herself: whoever holds
     * her password alone must not be able to drop her second factor.
     */
    @POST
    @Path("{agency}/admins/{user}/second-factor-reset")
    @Produces(MediaType.APPLICATION_JSON)
    public Response resetSecondFactor(@PathParam("agency") String id, @PathParam("user") String userId) {
        return authorized(id, false, (principal, target) -> {
            UserModel user = session.users().getUserById(realm, userId);
            if (user == null || !LocalAdmins.agencyOf(user).filter(id::equals).isPresent()) {
                return error(404, "not_found", "Agency " + id + " has no local admin account " + userId + ".");
            }
            if (!user.isEnabled()) {
                return error(409, "admin_retired", "The account " + user.getUsername() + " is retired; invite a new admin instead.");
            }
            if (user.getId().equals(principal.id())) {
                return error(409, "own_account", "An admin does not reset her own second factor; another admin or an operator does.");
            }
            List<String> removed = user.credentialManager().getStoredCredentialsStream()
                    .filter(c -> c.getType().equals(org.keycloak.models.credential.OTPCredentialModel.TYPE)
                            || c.getType().startsWith(org.keycloak.models.credential.WebAuthnCredentialModel.TYPE_TWOFACTOR))
                    .map(org.keycloak.credential.CredentialModel::getId).toList();
            removed.forEach(credential -> user.credentialManager().removeStoredCredentialById(credential));
            user.addRequiredAction(UserModel.RequiredAction.CONFIGURE_TOTP);
            IdpSessions.endAll(session, realm, user);
            audit(id, "local-admin-second-factor-reset", principal, "account " + user.getUsername() + ", " + removed.size()
                    + " second factor(s) removed");
            Map<String, Object> answer = admin(user);
            answer.put("secondFactorsRemoved", removed.size());
            return Response.ok(answer, MediaType.APPLICATION_JSON).build();
        });
    }

    private java.util.stream.Stream<UserModel> localAdmins(String agency) {
        return session.users().searchForUserByUserAttributeStream(realm, LocalAdmins.USER_ATTRIBUTE, agency);
    }

    private Map<String, Object> admin(UserModel user) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", user.getId());
        view.put("username", user.getUsername());
        view.put("name", displayName(user));
        view.put("enabled", user.isEnabled());
        view.put("created", Instant.ofEpochMilli(user.getCreatedTimestamp() == null ? 0 : user.getCreatedTimestamp()).toString());
        return view;
    }

    private Map<String, Object> view(OrganizationModel organization, Agency agency) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", agency.id());
        view.put("name", agency.name());
        agency.shortName().ifPresent(v -> view.put("shortName", v));
        view.put("level", agency.level().code());
        agency.state().ifPresent(v -> view.put("state", v));
        agency.ags().ifPresent(v -> view.put("ags", v));
        agency.ars().ifPresent(v -> view.put("ars", v));
        Optional.ofNullable(organization.getAttributes().get(AgencyAttributes.LEITWEG_ID)).flatMap(v -> v.stream().findFirst())
                .ifPresent(v -> view.put("leitwegId", v));
        List<Map<String, String>> contacts = new ArrayList<>();
        Optional.ofNullable(organization.getAttributes().get(AgencyContact.ATTRIBUTE)).orElse(List.of()).forEach(value ->
                AgencyContact.decode(value).ifPresent(c -> contacts.add(Map.of("name", c.name(), "email", c.email().toString()))));
        view.put("contacts", contacts);
        List<Map<String, Object>> domains = new ArrayList<>();
        organization.getDomains().forEach(d -> domains.add(Map.of("name", d.getName(), "verified", d.isVerified())));
        view.put("domains", domains);
        view.put("enabled", organization.isEnabled());
        return view;
    }

    private Map<String, Object> invitationView(Invitation invitation, Instant now) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", invitation.id());
        view.put("agency", invitation.agency());
        view.put("email", invitation.email().toString());
        view.put("name", invitation.name());
        view.put("status", invitation.status(now).code());
        view.put("invitedBy", displayName(invitation.invitedBy()));
        view.put("created", invitation.created().toString());
        view.put("expires", invitation.expires().toString());
        invitation.accepted().ifPresent(t -> view.put("accepted", t.toString()));
        invitation.revoked().ifPresent(t -> view.put("revoked", t.toString()));
        return view;
    }

    private String displayName(String userId) {
        return names.of(userId);
    }

    private static String displayName(UserModel user) {
        return de.dvc.iam.keycloak.registration.PersonNames.of(user);
    }

    private void audit(String agency, String action, Principal principal, String detail) {
        AuditTrail.of(session).orElseThrow(() -> new IllegalStateException("The audit trail is not installed; onboarding needs it."))
                .record(session, realm.getId(), AuditEvent.registration(Instant.now(), agency, null, action, principal.id(), detail));
    }

    private InvitationStore store() {
        return new InvitationStore(KeycloakJpa.entityManager(session).orElseThrow(() -> new IllegalStateException("no JPA store")));
    }

    /** The agency a request is about: its organization and the agency it stands for; both null for realm-wide requests. */
    private record Target(OrganizationModel organization, Agency agency) {
    }

    /** What a request does once its caller is allowed to. */
    private interface Action {
        Response apply(Principal principal, Target target);
    }

    /**
     * Runs {@code action} for a caller of the registration API's clients: an operator, or (unless {@code operatorOnly})
     * an admin of agency {@code agency}, which must exist. Refusals roll the transaction back.
     */
    private Response authorized(String agency, boolean operatorOnly, Action action) {
        Optional<RegistrationResourceFactory> registrations = RegistrationResourceFactory.of(session)
                .filter(r -> r.realms().contains(realm.getName()));
        if (registrations.isEmpty()) {
            return error(404, "not_found", "There is no agency API in this realm.");
        }
        Callers.Caller caller = Callers.of(session, registrations.get().access());
        Response response;
        Optional<OrganizationModel> organization = Optional.empty();
        if (caller.principal() == null) {
            response = error(caller.status(), caller.error(), caller.message());
        } else if (operatorOnly && !caller.principal().operator()) {
            response = error(403, "forbidden", "Only federation operators create agencies.");
        } else if (agency != null && !caller.principal().operator() && !caller.principal().adminOf().filter(agency::equals).isPresent()) {
            response = error(403, "forbidden", caller.principal().adminOf().map(a -> "You administer agency " + a + " only.")
                    .orElse("Only federation operators and the agency's admins may do this."));
        } else if (agency == null) {
            response = action.apply(caller.principal(), new Target(null, null));
        } else {
            organization = AgencyOrganizations.byAgencyId(session, agency);
            Optional<Agency> found = organization.flatMap(OrganizationAgency::of);
            response = found.isEmpty()
                    ? error(404, "not_found", "There is no agency '" + agency.replaceAll("[^a-z0-9-]", "?") + "'.")
                    : action.apply(caller.principal(), new Target(organization.get(), found.get()));
        }
        if (response.getStatus() >= 400) {
            session.getTransactionManager().setRollbackOnly();
        }
        return response;
    }

    private static Response invalid(RequestProblems.Invalid e) {
        return Response.status(400).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", "invalid_request", "message", e.getMessage(), "fields", e.fields())).build();
    }

    static Response error(int status, String error, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", error, "message", message)).build();
    }
}
