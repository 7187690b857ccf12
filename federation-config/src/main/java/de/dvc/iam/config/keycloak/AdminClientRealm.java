package de.dvc.iam.config.keycloak;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.plugins.providers.multipart.MultipartFormDataOutput;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@link RealmAdmin} with Keycloak's admin client. Errors become {@link AdminCallFailed} with the status and the
 * server's error message; a server that cannot be reached, status 0. Thread-safe (the admin client is).
 */
public final class AdminClientRealm implements RealmAdmin {

    private final Keycloak keycloak;
    private final String name;
    private final String serverUrl;
    /**
     * One proxy for every call: building it (Keycloak#realm) parses the resource interface's annotations each time,
     * which was half of dvc-config's CPU in an apply of 11,756 agencies (JFR). It holds no per-call state and sends
     * nothing when built.
     */
    private final RealmResource realm;

    public AdminClientRealm(Keycloak keycloak, String realm, String serverUrl) {
        this.keycloak = keycloak;
        this.name = realm;
        this.serverUrl = serverUrl;
        this.realm = keycloak.realm(realm);
    }

    private RealmResource realm() {
        return realm;
    }

    /** DVC's part of the admin REST API (keycloak-extensions {@code AdoptionResourceFactory}). */
    @jakarta.ws.rs.Path("/admin/realms/{realm}/dvc-federation")
    public interface FederationAdmin {
        @jakarta.ws.rs.POST
        @jakarta.ws.rs.Path("registrations/{alias}/adopt")
        @jakarta.ws.rs.Produces(MediaType.APPLICATION_JSON)
        Response adopt(@jakarta.ws.rs.PathParam("realm") String realm, @jakarta.ws.rs.PathParam("alias") String alias);

        @jakarta.ws.rs.GET
        @jakarta.ws.rs.Path("registrations/{alias}/adoption")
        @jakarta.ws.rs.Produces(MediaType.APPLICATION_JSON)
        Response adoption(@jakarta.ws.rs.PathParam("realm") String realm, @jakarta.ws.rs.PathParam("alias") String alias);

        @jakarta.ws.rs.GET
        @jakarta.ws.rs.Path("snapshot")
        @jakarta.ws.rs.Produces(MediaType.APPLICATION_JSON)
        Response snapshot(@jakarta.ws.rs.PathParam("realm") String realm);

        @jakarta.ws.rs.PUT
        @jakarta.ws.rs.Path("settings")
        @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
        @jakarta.ws.rs.Produces(MediaType.APPLICATION_JSON)
        Response settings(@jakarta.ws.rs.PathParam("realm") String realm, Map<String, String> values);
    }

    /** The JSON of {@code GET …/dvc-federation/snapshot}. */
    public static final class SnapshotJson {
        public List<OrganizationRepresentation> organizations = List.of();
        public List<IdentityProviderRepresentation> identityProviders = List.of();
        public List<IdentityProviderMapperRepresentation> identityProviderMappers = List.of();
    }

    /**
     * One read of the server's database instead of pages through the realm cache: after a restart or a large apply
     * the paged read of 12,000 agencies took minutes (docs/performance.md). A server without DVC's endpoint (404, or
     * 405 of an older one) and a login that may not view the whole realm (403: e.g. a service account with only the
     * identity-provider and organization roles) are read page by page.
     */
    @Override
    public java.util.Optional<RealmSnapshot> snapshot() {
        String what = "reading realm " + name + " in one snapshot";
        try (Response response = call(what, () -> federation().snapshot(name))) {
            if (response.getStatus() == 403 || response.getStatus() == 404 || response.getStatus() == 405) {
                return java.util.Optional.empty();
            }
            if (response.getStatus() != 200) {
                throw failure(what, response);
            }
            SnapshotJson json = response.readEntity(SnapshotJson.class);
            Map<String, List<IdentityProviderMapperRepresentation>> mappers = new java.util.HashMap<>();
            json.identityProviders.forEach(idp -> mappers.put(idp.getAlias(), new java.util.ArrayList<>()));
            json.identityProviderMappers.forEach(m -> mappers.computeIfAbsent(m.getIdentityProviderAlias(), k -> new java.util.ArrayList<>()).add(m));
            return java.util.Optional.of(new RealmSnapshot(json.organizations, json.identityProviders, mappers));
        }
    }

    private FederationAdmin federation() {
        return keycloak.proxy(FederationAdmin.class, java.net.URI.create(serverUrl));
    }

    @Override
    public void adopt(String alias) {
        check("adopting registration " + alias, () -> federation().adopt(name, alias));
    }

    @Override
    public Map<String, Object> adoption(String alias) {
        String what = "reading the adoption of registration " + alias;
        try (Response response = call(what, () -> federation().adoption(name, alias))) {
            if (response.getStatus() != 200) {
                throw failure(what, response);
            }
            return response.readEntity(new jakarta.ws.rs.core.GenericType<Map<String, Object>>() { });
        }
    }

    @Override
    public void checkRealm() {
        call("reading realm " + name, () -> realm().toRepresentation());
    }

    @Override
    public java.util.Optional<String> realmAttribute(String attribute) {
        org.keycloak.representations.idm.RealmRepresentation realm = call("reading realm " + name, () -> realm().toRepresentation());
        return java.util.Optional.ofNullable(realm.getAttributes()).map(a -> a.get(attribute));
    }

    @Override
    public void setRealmAttributes(Map<String, String> values) {
        // DVC's endpoint sets them in one transaction without touching the others; a server without it (404, or 405 of an
        // older one) gets Keycloak's realm update.
        String what = "setting realm attributes " + String.join(", ", new java.util.TreeSet<>(values.keySet()));
        try (Response response = call(what, () -> federation().settings(name, values))) {
            if (response.getStatus() / 100 == 2) {
                return;
            }
            if (response.getStatus() != 404 && response.getStatus() != 405) {
                throw failure(what, response);
            }
        }
        // Keycloak's realm update applies the fields a representation sets, but replaces the attributes as a whole (those
        // missing are removed: DVC's realm settings and keys live there): all of them, with these changed. A change of
        // another attribute between this read and the write is lost: the reason for DVC's endpoint above.
        org.keycloak.representations.idm.RealmRepresentation current = call("reading realm " + name, () -> realm().toRepresentation());
        Map<String, String> attributes = new java.util.HashMap<>(current.getAttributes() == null ? Map.of() : current.getAttributes());
        attributes.putAll(values);
        org.keycloak.representations.idm.RealmRepresentation update = new org.keycloak.representations.idm.RealmRepresentation();
        update.setAttributes(attributes);
        run("setting realm attributes " + String.join(", ", new java.util.TreeSet<>(values.keySet())), () -> realm().update(update));
    }

    @Override
    public boolean organizationNameTaken(String name, String alias) {
        return call("searching organization " + name, () -> realm().organizations().search(name, true, 0, 10, true)).stream()
                .anyMatch(o -> name.equals(o.getName()) && !alias.equals(o.getAlias()));
    }

    @Override
    public List<OrganizationRepresentation> organizations(int first, int max) {
        return call("listing organizations", () -> realm().organizations().search(null, false, first, max, false));
    }

    @Override
    public OrganizationRepresentation organization(String id) {
        return call("reading organization " + id, () -> realm().organizations().get(id).toRepresentation());
    }

    @Override
    public String createOrganization(OrganizationRepresentation organization) {
        return created("creating organization " + organization.getAlias(), () -> realm().organizations().create(organization));
    }

    @Override
    public void updateOrganization(OrganizationRepresentation organization) {
        check("updating organization " + organization.getAlias(), () -> realm().organizations().get(organization.getId()).update(organization));
    }

    @Override
    public void deleteOrganization(String id) {
        check("deleting organization " + id, () -> realm().organizations().get(id).delete());
    }

    @Override
    public void linkIdentityProvider(String organizationId, String alias) {
        check("linking IdP " + alias, () -> realm().organizations().get(organizationId).identityProviders().addIdentityProvider(alias));
    }

    @Override
    public void unlinkIdentityProvider(String organizationId, String alias) {
        check("unlinking IdP " + alias, () -> realm().organizations().get(organizationId).identityProviders().get(alias).delete());
    }

    @Override
    public List<IdentityProviderRepresentation> identityProviders(int first, int max) {
        return call("listing identity providers", () -> realm().identityProviders().find(null, false, first, max));
    }

    @Override
    public IdentityProviderRepresentation identityProvider(String alias) {
        return call("reading IdP " + alias, () -> realm().identityProviders().get(alias).toRepresentation());
    }

    @Override
    public List<IdentityProviderMapperRepresentation> mappers(String alias) {
        return call("reading the mappers of IdP " + alias, () -> realm().identityProviders().get(alias).getMappers());
    }

    /**
     * One partial export (no groups, roles or clients) instead of one call per IdP: at 1,100 IdPs the per-IdP reads
     * were most of a plan's time. Falls back to those reads when the export is refused or fails (e.g. a login without
     * the right to export).
     */
    @Override
    public java.util.Optional<Map<String, List<IdentityProviderMapperRepresentation>>> allMappers() {
        try {
            org.keycloak.representations.idm.RealmRepresentation export = realm().partialExport(false, false);
            Map<String, List<IdentityProviderMapperRepresentation>> byAlias = new java.util.HashMap<>();
            if (export.getIdentityProviders() != null) {
                export.getIdentityProviders().forEach(idp -> byAlias.put(idp.getAlias(), new java.util.ArrayList<>())); // none is none
            }
            if (export.getIdentityProviderMappers() != null) {
                export.getIdentityProviderMappers().forEach(m ->
                        byAlias.computeIfAbsent(m.getIdentityProviderAlias(), k -> new java.util.ArrayList<>()).add(m));
            }
            return java.util.Optional.of(byAlias);
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public Map<String, String> importFrom(String providerId, String url) {
        return call("importing " + url, () -> realm().identityProviders().importFrom(Map.<String, Object>of("providerId", providerId, "fromUrl", url)));
    }

    @Override
    public Map<String, String> importSamlMetadata(String xml) {
        MultipartFormDataOutput form = new MultipartFormDataOutput();
        form.addFormData("providerId", "saml", MediaType.TEXT_PLAIN_TYPE);
        form.addFormData("file", xml.getBytes(StandardCharsets.UTF_8), MediaType.APPLICATION_XML_TYPE, "metadata.xml");
        return call("importing SAML metadata", () -> realm().identityProviders().importFrom((Object) form));
    }

    @Override
    public void createIdentityProvider(IdentityProviderRepresentation idp) {
        check("creating IdP " + idp.getAlias(), () -> realm().identityProviders().create(idp));
    }

    @Override
    public void updateIdentityProvider(IdentityProviderRepresentation idp) {
        run("updating IdP " + idp.getAlias(), () -> realm().identityProviders().get(idp.getAlias()).update(idp));
    }

    @Override
    public void deleteIdentityProvider(String alias) {
        run("deleting IdP " + alias, () -> realm().identityProviders().get(alias).remove());
    }

    @Override
    public String addMapper(String alias, IdentityProviderMapperRepresentation mapper) {
        return created("adding a mapper to IdP " + alias, () -> realm().identityProviders().get(alias).addMapper(mapper));
    }

    @Override
    public void updateMapper(String alias, IdentityProviderMapperRepresentation mapper) {
        run("updating a mapper of IdP " + alias, () -> realm().identityProviders().get(alias).update(mapper.getId(), mapper));
    }

    @Override
    public void deleteMapper(String alias, String id) {
        run("deleting a mapper of IdP " + alias, () -> realm().identityProviders().get(alias).delete(id));
    }

    @Override
    public List<ClientRepresentation> clients(int first, int max) {
        return call("listing clients", () -> realm().clients().findAll(null, null, null, first, max));
    }

    @Override
    public ClientRepresentation client(String id) {
        return call("reading client " + id, () -> realm().clients().get(id).toRepresentation());
    }

    @Override
    public String createClient(ClientRepresentation client) {
        return created("creating client " + client.getClientId(), () -> realm().clients().create(client));
    }

    @Override
    public void updateClient(ClientRepresentation client) {
        run("updating client " + client.getClientId(), () -> realm().clients().get(client.getId()).update(client));
    }

    @Override
    public void deleteClient(String id) {
        run("deleting client " + id, () -> realm().clients().get(id).remove());
    }

    @Override
    public List<String> optionalScopes(String id) {
        return call("reading the optional scopes of client " + id, () -> realm().clients().get(id).getOptionalClientScopes()
                .stream().map(ClientScopeRepresentation::getName).toList());
    }

    @Override
    public void setOptionalScopes(String id, List<String> names) {
        Map<String, String> ids = call("listing client scopes", () -> realm().clientScopes().findAll().stream()
                .collect(Collectors.toMap(ClientScopeRepresentation::getName, ClientScopeRepresentation::getId, (a, b) -> a)));
        for (String scope : names) {
            if (!ids.containsKey(scope)) {
                throw new AdminCallFailed(400, "The realm has no client scope '" + scope + "'.");
            }
        }
        List<String> current = optionalScopes(id);
        run("setting the optional scopes of client " + id, () -> {
            current.stream().filter(s -> !names.contains(s)).forEach(s -> realm().clients().get(id).removeOptionalClientScope(ids.get(s)));
            names.stream().filter(s -> !current.contains(s)).forEach(s -> realm().clients().get(id).addOptionalClientScope(ids.get(s)));
        });
    }

    @Override
    public void close() {
        keycloak.close();
    }

    private void run(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return null;
        });
    }

    private <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (WebApplicationException e) {
            throw failure(what, e.getResponse());
        } catch (ProcessingException e) {
            throw unreachable(e);
        }
    }

    private void check(String what, Supplier<Response> call) {
        try (Response response = call(what, call)) {
            if (response.getStatus() / 100 != 2) {
                throw failure(what, response);
            }
        }
    }

    private String created(String what, Supplier<Response> call) {
        try (Response response = call(what, call)) {
            if (response.getStatus() != 201) {
                throw failure(what, response);
            }
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    private AdminCallFailed unreachable(ProcessingException e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return new AdminCallFailed(0, "Cannot reach the server at " + serverUrl + " (" + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ").");
    }

    private static AdminCallFailed failure(String what, Response response) {
        int status = response == null ? 0 : response.getStatus();
        return new AdminCallFailed(status, what + ": HTTP " + status + ServerMessage.of(response));
    }
}
