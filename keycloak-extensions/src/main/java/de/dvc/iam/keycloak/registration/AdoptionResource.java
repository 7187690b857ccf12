package de.dvc.iam.keycloak.registration;

import de.dvc.iam.core.registration.RegistrationAdoption;
import de.dvc.iam.core.registration.RegistrationState;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /admin/realms/{realm}/dvc-federation/registrations/{alias}/adopt}: a self-service registration moves into
 * the federation files ({@code dvc-config adopt}, docs/federation-operators.md). In one transaction:
 * <ul>
 *   <li>the registration becomes {@link RegistrationState#ADOPTED}, with a history entry naming who adopted it; its
 *       history stays (the registration API shows it, and refuses every change from now on);</li>
 *   <li>its IdP sheds the registration's projection and carries what federation-config reads from IdPs it owns: the
 *       ownership marker, the lifecycle, where its metadata comes from, and the domains it may assert (the ones its
 *       registration proved). Logins go on unchanged: the same IdP, settings, mappers and sessions.</li>
 * </ul>
 * Needs an administrator who may manage the realm's identity providers (as {@code dvc-config apply} does).
 */
public final class AdoptionResource {

    /** What federation-config reads from the IdPs it owns (its {@code Managed} class): the contract between the two. */
    static final String MANAGED_BY = "dvc.managed-by";
    static final String MANAGED_BY_FILES = "federation-config";
    static final String FILES_LIFECYCLE = "dvc.config.lifecycle";
    static final String FILES_METADATA_URL = "dvc.config.metadata-url";
    static final String FILES_ENTITY_ID = "dvc.config.entity-id";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    AdoptionResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    /** The realm's federation in one read ({@link SnapshotResource}): a sub-resource of the same admin extension. */
    @Path("snapshot")
    public SnapshotResource snapshot() {
        return new SnapshotResource(session, realm, auth);
    }

    /**
     * {@code PUT …/dvc-federation/settings}: the realm settings of the federation files ({@code dvc-config apply}), body
     * {@code {"dvc.role-holders": "…", "dvc.refresh": "…"}} ("" for none), set in this transaction, attribute by attribute:
     * Keycloak's realm update replaces all attributes, so a caller there must read them first and write them all back,
     * losing a change made in between. Only these two attributes; a value that does not decode is refused (400) and
     * nothing changes. Needs an administrator who may manage the realm.
     */
    @jakarta.ws.rs.PUT
    @Path("settings")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response settings(Map<String, Object> body) {
        auth.realm().requireManageRealm();
        if (body == null || body.isEmpty()) {
            return refused("settings_empty", "Name the settings to set: dvc.role-holders and/or dvc.refresh.");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : body.entrySet()) {
            if (!SETTINGS.contains(entry.getKey())) {
                return refused("setting_unknown", "Only dvc.role-holders and dvc.refresh are set here.");
            }
            if (!(entry.getValue() instanceof String value)) {
                return refused("setting_invalid", entry.getKey() + " is a string (\"\" for none).");
            }
            try {
                if (!value.isBlank() && entry.getKey().equals(de.dvc.iam.core.roles.RoleHolders.REALM_ATTRIBUTE)) {
                    de.dvc.iam.core.roles.RoleHolders.decode(value);
                } else if (!value.isBlank()) {
                    de.dvc.iam.core.registration.RefreshPolicy.decode(value);
                }
            } catch (IllegalArgumentException e) {
                return refused("setting_invalid", entry.getKey() + " does not decode: " + e.getMessage());
            }
            values.put(entry.getKey(), value);
        }
        values.forEach((name, value) -> {
            if (value.isBlank()) {
                realm.removeAttribute(name);
            } else {
                realm.setAttribute(name, value);
            }
        });
        adminEvent.operation(OperationType.UPDATE).resource(ResourceType.REALM).resourcePath("dvc-federation", "settings")
                .representation(Map.of("settings", values.keySet())).success();
        return Response.noContent().build();
    }

    private static final Set<String> SETTINGS = Set.of(de.dvc.iam.core.roles.RoleHolders.REALM_ATTRIBUTE,
            de.dvc.iam.core.registration.RefreshPolicy.REALM_ATTRIBUTE);

    private static Response refused(String code, String message) {
        return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("error", code, "message", message)).build();
    }

    /** What {@link #adopt} would write, or why it cannot (the same answers); changes nothing. */
    @GET
    @Path("registrations/{alias}/adoption")
    @Produces(MediaType.APPLICATION_JSON)
    public Response preview(@PathParam("alias") String alias) {
        auth.realm().requireViewIdentityProviders();
        Candidate candidate = candidate(alias);
        return candidate.refusal() != null ? candidate.refusal() : Response.ok(candidate.body(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @POST
    @Path("registrations/{alias}/adopt")
    @Produces(MediaType.APPLICATION_JSON)
    public Response adopt(@PathParam("alias") String alias) {
        auth.realm().requireManageIdentityProviders();
        Candidate candidate = candidate(alias);
        if (candidate.refusal() != null) {
            return candidate.refusal();
        }
        IdentityProviderModel idp = candidate.idp();
        String actor = auth.adminAuth().getUser().getUsername() + " (realm " + auth.adminAuth().getRealm().getName() + ")";
        candidate.record().move(RegistrationState.ADOPTED, "adopt", actor,
                "moved into the federation files (dvc-config adopt): managed there from now on; this history stays here");

        Map<String, String> config = idp.getConfig();
        List.of(RegistrationRecord.STATE, RegistrationRecord.DOMAINS, RegistrationRecord.ASSERTABLE).forEach(config::remove);
        config.put(MANAGED_BY, MANAGED_BY_FILES);
        config.put(FILES_LIFECYCLE, candidate.lifecycle().code());
        candidate.metadataUrl().ifPresent(url -> config.put(FILES_METADATA_URL, url));
        candidate.entityId().ifPresent(id -> config.put(FILES_ENTITY_ID, id));
        RegistrationGate.assertDomains(config, candidate.domains());
        idp.setEnabled(candidate.lifecycle() == RegistrationState.ACTIVE);
        session.identityProviders().update(idp);

        Map<String, Object> body = candidate.body();
        body.put("state", RegistrationState.ADOPTED.code());
        adminEvent.operation(OperationType.UPDATE).resource(ResourceType.IDENTITY_PROVIDER)
                .resourcePath("identity-provider", "instances", alias).representation(body).success();
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** A registration that may be adopted and what the files will say of it, or the refusal. */
    private record Candidate(IdentityProviderModel idp, RegistrationRecord record, RegistrationState lifecycle,
                             Optional<String> metadataUrl, Optional<String> entityId, Set<String> domains, Response refusal) {

        static Candidate refused(Response refusal) {
            return new Candidate(null, null, null, Optional.empty(), Optional.empty(), Set.of(), refusal);
        }

        Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("alias", idp.getAlias());
            body.put("agency", record.agency());
            body.put("protocol", idp.getProviderId());
            body.put("state", record.state().code());
            body.put("lifecycle", lifecycle.code());
            metadataUrl.ifPresent(url -> body.put("metadataUrl", url));
            entityId.ifPresent(id -> body.put("entityId", id));
            body.put("domains", domains.stream().sorted().toList());
            return body;
        }
    }

    private Candidate candidate(String alias) {
        IdentityProviderModel idp = session.identityProviders().getByAlias(alias);
        if (idp == null || !RegistrationRecord.isRegistration(idp)) {
            return Candidate.refused(error(404, "not_found", "There is no self-service registration '" + alias + "' in realm "
                    + realm.getName() + " (an IdP the files own, or one set up by hand, is no registration to adopt)."));
        }
        RegistrationRecord record = RegistrationRecord.audited(session, idp);
        boolean saml = "saml".equals(idp.getProviderId());
        String metadataUrl = saml ? record.source() : null;
        Optional<String> refusal = RegistrationAdoption.refusal(record.state(), record.pendingChange().isPresent(),
                idp.getProviderId(), metadataUrl);
        if (refusal.isPresent()) {
            return Candidate.refused(error(409, "not_adoptable", refusal.get()));
        }
        return new Candidate(idp, record, record.state(), Optional.ofNullable(metadataUrl),
                saml ? Optional.ofNullable(idp.getConfig().get("idpEntityId")) : Optional.empty(), record.approvedProvenDomains(), null);
    }

    private static Response error(int status, String error, String description) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error_description", description); // first: what clients show
        body.put("error", error);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
