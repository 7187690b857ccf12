package de.dvc.iam.config.keycloak;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.OrganizationDomainRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test double of one realm's admin API, in memory, behaving as Keycloak 26 does where apply depends on it: unique
 * organization names, aliases and domains (409), IdP secrets shown masked and kept when the mask comes back, an IdP's
 * mappers and organization link going with it, client attributes removed when written empty, realm default optional
 * scopes for a client created without any. Metadata and discovery documents are what the test {@linkplain #publish
 * publishes}. Calls can be made to fail ({@link #failOn}), writes are counted and observed ({@link #afterWrite}).
 * Returns copies: the code under test cannot change the realm except through calls. Thread-safe (synchronized).
 */
public final class InMemoryRealm implements RealmAdmin {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final List<String> DEFAULT_OPTIONAL_SCOPES = List.of("address", "phone", "offline_access", "microprofile-jwt", "organization");
    private static final Set<String> SCOPES = Set.of("address", "phone", "offline_access", "microprofile-jwt", "organization", "dvc-extra");

    private final Map<String, OrganizationRepresentation> organizations = new LinkedHashMap<>();
    private final Map<String, IdentityProviderRepresentation> idps = new LinkedHashMap<>();
    private final Map<String, Map<String, IdentityProviderMapperRepresentation>> mappers = new HashMap<>();
    private final Map<String, ClientRepresentation> clients = new LinkedHashMap<>();
    private final Map<String, List<String>> scopes = new HashMap<>();
    private final Map<String, Map<String, String>> documents = new HashMap<>();
    private final AtomicInteger writes = new AtomicInteger();
    private volatile Predicate<String> failing = call -> false;
    private volatile int failStatus = 500;
    private volatile Consumer<String> afterWrite = call -> { };
    private volatile boolean bulkMappers;
    private final java.util.List<String> reads = java.util.Collections.synchronizedList(new ArrayList<>());

    // --- test controls

    /** A metadata (SAML) or discovery (OIDC) document the server can fetch at {@code url}. */
    public synchronized InMemoryRealm publish(String url, Map<String, String> settings) {
        documents.put(url, Map.copyOf(settings));
        return this;
    }

    /** Calls whose name ({@code createIdentityProvider:alias}, {@code linkIdentityProvider:alias}, …) matches fail. */
    public void failOn(Predicate<String> calls, int status) {
        failing = calls;
        failStatus = status;
    }

    /** Whether {@link #allMappers} answers (Keycloak's partial export) or the reader must ask IdP by IdP. */
    public InMemoryRealm bulkMappers(boolean on) {
        bulkMappers = on;
        return this;
    }

    /** How many calls of {@code prefix} ({@code mappers:}, {@code allMappers}) were made. */
    public long calls(String prefix) {
        synchronized (reads) {
            return reads.stream().filter(r -> r.startsWith(prefix)).count();
        }
    }

    public void failNothing() {
        failing = call -> false;
    }

    public void afterWrite(Consumer<String> observer) {
        afterWrite = observer;
    }

    public int writes() {
        return writes.get();
    }

    public synchronized OrganizationRepresentation putOrganization(OrganizationRepresentation organization) {
        organization.setId(UUID.randomUUID().toString());
        organizations.put(organization.getId(), copy(organization, OrganizationRepresentation.class));
        return organization;
    }

    public synchronized void putIdentityProvider(IdentityProviderRepresentation idp, String organizationId,
                                                 IdentityProviderMapperRepresentation... idpMappers) {
        IdentityProviderRepresentation stored = copy(idp, IdentityProviderRepresentation.class);
        stored.setOrganizationId(organizationId);
        idps.put(idp.getAlias(), stored);
        Map<String, IdentityProviderMapperRepresentation> own = new LinkedHashMap<>();
        for (IdentityProviderMapperRepresentation mapper : idpMappers) {
            mapper.setId(UUID.randomUUID().toString());
            own.put(mapper.getId(), copy(mapper, IdentityProviderMapperRepresentation.class));
        }
        mappers.put(idp.getAlias(), own);
    }

    public synchronized String putClient(ClientRepresentation client) {
        client.setId(UUID.randomUUID().toString());
        clients.put(client.getId(), copy(client, ClientRepresentation.class));
        scopes.put(client.getId(), new ArrayList<>(DEFAULT_OPTIONAL_SCOPES));
        return client.getId();
    }

    /** What the realm holds, unmasked (for assertions). */
    public synchronized Map<String, IdentityProviderRepresentation> storedIdps() {
        Map<String, IdentityProviderRepresentation> all = new LinkedHashMap<>();
        idps.forEach((alias, idp) -> all.put(alias, copy(idp, IdentityProviderRepresentation.class)));
        return all;
    }

    public synchronized List<IdentityProviderMapperRepresentation> storedMappers(String alias) {
        return new ArrayList<>(mappers.getOrDefault(alias, Map.of()).values());
    }

    public synchronized List<OrganizationRepresentation> storedOrganizations() {
        return organizations.values().stream().map(o -> copy(o, OrganizationRepresentation.class)).toList();
    }

    public synchronized List<ClientRepresentation> storedClients() {
        return clients.values().stream().map(c -> copy(c, ClientRepresentation.class)).toList();
    }

    // --- RealmAdmin

    @Override
    public void adopt(String alias) {
        throw new AdminCallFailed(404, "adopting registration " + alias + ": HTTP 404: no self-service registration here");
    }

    @Override
    public Map<String, Object> adoption(String alias) {
        throw new AdminCallFailed(404, "reading the adoption of registration " + alias + ": HTTP 404: no self-service registration here");
    }

    @Override
    public void checkRealm() {
        call("checkRealm");
    }

    private final Map<String, String> realmAttributes = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public java.util.Optional<String> realmAttribute(String name) {
        call("realmAttribute");
        return java.util.Optional.ofNullable(realmAttributes.get(name));
    }

    @Override
    public void setRealmAttributes(Map<String, String> values) {
        write("setRealmAttributes");
        realmAttributes.putAll(values);
        written("setRealmAttributes");
    }

    @Override
    public synchronized List<OrganizationRepresentation> organizations(int first, int max) {
        call("organizations");
        return page(new ArrayList<>(organizations.values()), first, max, OrganizationRepresentation.class);
    }

    @Override
    public synchronized OrganizationRepresentation organization(String id) {
        call("organization:" + id);
        return copy(found(organizations.get(id), "organization " + id), OrganizationRepresentation.class);
    }

    @Override
    public synchronized boolean organizationNameTaken(String name, String alias) {
        return organizations.values().stream().anyMatch(o -> name.equals(o.getName()) && !alias.equals(o.getAlias()));
    }

    @Override
    public synchronized String createOrganization(OrganizationRepresentation organization) {
        write("createOrganization:" + organization.getAlias());
        String id = UUID.randomUUID().toString();
        checkUnique(organization, id);
        OrganizationRepresentation stored = copy(organization, OrganizationRepresentation.class);
        stored.setId(id);
        organizations.put(id, stored);
        written("createOrganization:" + organization.getAlias());
        return id;
    }

    @Override
    public synchronized void updateOrganization(OrganizationRepresentation organization) {
        write("updateOrganization:" + organization.getAlias());
        found(organizations.get(organization.getId()), "organization " + organization.getId());
        checkUnique(organization, organization.getId());
        organizations.put(organization.getId(), copy(organization, OrganizationRepresentation.class));
        written("updateOrganization:" + organization.getAlias());
    }

    @Override
    public synchronized void deleteOrganization(String id) {
        write("deleteOrganization:" + id);
        found(organizations.remove(id), "organization " + id);
        idps.values().stream().filter(i -> id.equals(i.getOrganizationId())).forEach(i -> i.setOrganizationId(null));
        written("deleteOrganization:" + id);
    }

    @Override
    public synchronized void linkIdentityProvider(String organizationId, String alias) {
        write("linkIdentityProvider:" + alias);
        OrganizationRepresentation organization = found(organizations.get(organizationId), "organization " + organizationId);
        IdentityProviderRepresentation idp = found(idps.get(alias), "IdP " + alias);
        if (idp.getOrganizationId() != null) {
            throw new AdminCallFailed(409, "Identity provider already associated to an organization");
        }
        String domain = idp.getConfig() == null ? null : idp.getConfig().get(Managed.ORGANIZATION_DOMAIN);
        if (domain != null && organization.getDomains().stream().noneMatch(d -> d.getName().equals(domain))) {
            throw new AdminCallFailed(400, "The domain " + domain + " is not associated with the organization");
        }
        idp.setOrganizationId(organizationId);
        written("linkIdentityProvider:" + alias);
    }

    @Override
    public synchronized void unlinkIdentityProvider(String organizationId, String alias) {
        write("unlinkIdentityProvider:" + alias);
        IdentityProviderRepresentation idp = found(idps.get(alias), "IdP " + alias);
        if (!organizationId.equals(idp.getOrganizationId())) {
            throw new AdminCallFailed(404, "not linked");
        }
        idp.setOrganizationId(null);
        written("unlinkIdentityProvider:" + alias);
    }

    @Override
    public synchronized List<IdentityProviderRepresentation> identityProviders(int first, int max) {
        call("identityProviders");
        return page(new ArrayList<>(idps.values()), first, max, IdentityProviderRepresentation.class).stream().map(InMemoryRealm::masked).toList();
    }

    @Override
    public synchronized IdentityProviderRepresentation identityProvider(String alias) {
        call("identityProvider:" + alias);
        return masked(copy(found(idps.get(alias), "IdP " + alias), IdentityProviderRepresentation.class));
    }

    @Override
    public synchronized java.util.Optional<Map<String, List<IdentityProviderMapperRepresentation>>> allMappers() {
        if (!bulkMappers) {
            return java.util.Optional.empty();
        }
        call("allMappers");
        Map<String, List<IdentityProviderMapperRepresentation>> all = new HashMap<>();
        idps.keySet().forEach(alias -> all.put(alias, mappers.getOrDefault(alias, Map.of()).values().stream()
                .map(m -> copy(m, IdentityProviderMapperRepresentation.class)).toList()));
        return java.util.Optional.of(all);
    }

    @Override
    public synchronized List<IdentityProviderMapperRepresentation> mappers(String alias) {
        call("mappers:" + alias);
        found(idps.get(alias), "IdP " + alias);
        return mappers.getOrDefault(alias, Map.of()).values().stream().map(m -> copy(m, IdentityProviderMapperRepresentation.class)).toList();
    }

    @Override
    public synchronized Map<String, String> importFrom(String providerId, String url) {
        call("importFrom:" + url);
        Map<String, String> document = documents.get(url);
        if (document == null) {
            throw new AdminCallFailed(400, "Could not fetch " + url);
        }
        return new HashMap<>(document);
    }

    @Override
    public synchronized Map<String, String> importSamlMetadata(String xml) {
        call("importSamlMetadata");
        Matcher entity = Pattern.compile("entityID=\"([^\"]+)\"").matcher(xml);
        if (!entity.find()) {
            throw new AdminCallFailed(400, "Could not parse the metadata");
        }
        return new HashMap<>(Map.of("idpEntityId", entity.group(1), "singleSignOnServiceUrl", entity.group(1) + "/sso"));
    }

    @Override
    public synchronized void createIdentityProvider(IdentityProviderRepresentation idp) {
        write("createIdentityProvider:" + idp.getAlias());
        if (idps.containsKey(idp.getAlias())) {
            throw new AdminCallFailed(409, "Identity Provider " + idp.getAlias() + " already exists");
        }
        IdentityProviderRepresentation stored = copy(idp, IdentityProviderRepresentation.class);
        stored.setInternalId(UUID.randomUUID().toString());
        stored.setOrganizationId(null);
        idps.put(idp.getAlias(), stored);
        mappers.put(idp.getAlias(), new LinkedHashMap<>());
        written("createIdentityProvider:" + idp.getAlias());
    }

    @Override
    public synchronized void updateIdentityProvider(IdentityProviderRepresentation idp) {
        write("updateIdentityProvider:" + idp.getAlias());
        IdentityProviderRepresentation old = found(idps.get(idp.getAlias()), "IdP " + idp.getAlias());
        IdentityProviderRepresentation stored = copy(idp, IdentityProviderRepresentation.class);
        if (stored.getConfig() != null && Managed.MASK.equals(stored.getConfig().get("clientSecret"))) {
            stored.getConfig().put("clientSecret", old.getConfig().get("clientSecret"));
        }
        stored.setOrganizationId(old.getOrganizationId());
        String domain = stored.getConfig() == null ? null : stored.getConfig().get(Managed.ORGANIZATION_DOMAIN);
        OrganizationRepresentation organization = old.getOrganizationId() == null ? null : organizations.get(old.getOrganizationId());
        if (domain != null && organization != null && organization.getDomains().stream().noneMatch(d -> d.getName().equals(domain))) {
            throw new AdminCallFailed(400, "The domain " + domain + " is not associated with the organization");
        }
        idps.put(idp.getAlias(), stored);
        written("updateIdentityProvider:" + idp.getAlias());
    }

    @Override
    public synchronized void deleteIdentityProvider(String alias) {
        write("deleteIdentityProvider:" + alias);
        found(idps.remove(alias), "IdP " + alias);
        mappers.remove(alias);
        written("deleteIdentityProvider:" + alias);
    }

    @Override
    public synchronized String addMapper(String alias, IdentityProviderMapperRepresentation mapper) {
        write("addMapper:" + alias);
        found(idps.get(alias), "IdP " + alias);
        IdentityProviderMapperRepresentation stored = copy(mapper, IdentityProviderMapperRepresentation.class);
        stored.setId(UUID.randomUUID().toString());
        mappers.computeIfAbsent(alias, a -> new LinkedHashMap<>()).put(stored.getId(), stored);
        written("addMapper:" + alias);
        return stored.getId();
    }

    @Override
    public synchronized void updateMapper(String alias, IdentityProviderMapperRepresentation mapper) {
        write("updateMapper:" + alias);
        found(mappers.getOrDefault(alias, Map.of()).get(mapper.getId()), "mapper " + mapper.getId());
        mappers.get(alias).put(mapper.getId(), copy(mapper, IdentityProviderMapperRepresentation.class));
        written("updateMapper:" + alias);
    }

    @Override
    public synchronized void deleteMapper(String alias, String id) {
        write("deleteMapper:" + alias);
        found(mappers.getOrDefault(alias, new HashMap<>()).remove(id), "mapper " + id);
        written("deleteMapper:" + alias);
    }

    @Override
    public synchronized List<ClientRepresentation> clients(int first, int max) {
        call("clients");
        return page(new ArrayList<>(clients.values()), first, max, ClientRepresentation.class);
    }

    @Override
    public synchronized ClientRepresentation client(String id) {
        call("client:" + id);
        return copy(found(clients.get(id), "client " + id), ClientRepresentation.class);
    }

    @Override
    public synchronized String createClient(ClientRepresentation client) {
        write("createClient:" + client.getClientId());
        if (clients.values().stream().anyMatch(c -> c.getClientId().equals(client.getClientId()))) {
            throw new AdminCallFailed(409, "Client " + client.getClientId() + " already exists");
        }
        ClientRepresentation stored = copy(client, ClientRepresentation.class);
        stored.setId(UUID.randomUUID().toString());
        stored.setAttributes(nonEmpty(client.getAttributes()));
        clients.put(stored.getId(), stored);
        scopes.put(stored.getId(), new ArrayList<>(client.getOptionalClientScopes() == null ? DEFAULT_OPTIONAL_SCOPES
                : client.getOptionalClientScopes()));
        written("createClient:" + client.getClientId());
        return stored.getId();
    }

    @Override
    public synchronized void updateClient(ClientRepresentation client) {
        write("updateClient:" + client.getClientId());
        ClientRepresentation old = found(clients.get(client.getId()), "client " + client.getId());
        ClientRepresentation stored = copy(client, ClientRepresentation.class);
        Map<String, String> attributes = new HashMap<>(old.getAttributes() == null ? Map.of() : old.getAttributes());
        (client.getAttributes() == null ? Map.<String, String>of() : client.getAttributes()).forEach((k, v) -> {
            if (v == null || v.isEmpty()) {
                attributes.remove(k);
            } else {
                attributes.put(k, v);
            }
        });
        stored.setAttributes(attributes);
        if (stored.getSecret() == null) {
            stored.setSecret(old.getSecret());
        }
        clients.put(client.getId(), stored);
        written("updateClient:" + client.getClientId());
    }

    @Override
    public synchronized void deleteClient(String id) {
        write("deleteClient:" + id);
        found(clients.remove(id), "client " + id);
        scopes.remove(id);
        written("deleteClient:" + id);
    }

    @Override
    public synchronized List<String> optionalScopes(String id) {
        call("optionalScopes:" + id);
        return List.copyOf(found(scopes.get(id), "client " + id));
    }

    @Override
    public synchronized void setOptionalScopes(String id, List<String> names) {
        write("setOptionalScopes:" + id);
        found(clients.get(id), "client " + id);
        names.stream().filter(n -> !SCOPES.contains(n)).findFirst().ifPresent(n -> {
            throw new AdminCallFailed(400, "The realm has no client scope '" + n + "'.");
        });
        scopes.put(id, new ArrayList<>(names));
        written("setOptionalScopes:" + id);
    }

    // --- behaviour

    private void checkUnique(OrganizationRepresentation organization, String id) {
        for (OrganizationRepresentation other : organizations.values()) {
            if (other.getId().equals(id)) {
                continue;
            }
            if (other.getName().equals(organization.getName())) {
                throw new AdminCallFailed(409, "A organization with the same name already exists.");
            }
            if (Objects.equals(other.getAlias(), organization.getAlias())) {
                throw new AdminCallFailed(409, "A organization with the same alias already exists.");
            }
            for (OrganizationDomainRepresentation domain : organization.getDomains() == null ? Set.<OrganizationDomainRepresentation>of()
                    : organization.getDomains()) {
                if (other.getDomains() != null && other.getDomains().stream().anyMatch(d -> d.getName().equals(domain.getName()))) {
                    throw new AdminCallFailed(409, "Domain " + domain.getName() + " is already linked to another organization");
                }
            }
        }
    }

    private void call(String name) {
        reads.add(name);
        if (failing.test(name)) {
            throw failStatus == 0 ? new AdminCallFailed(0, "Cannot reach the server at http://test (ConnectException: Connection refused).")
                    : new AdminCallFailed(failStatus, name + ": HTTP " + failStatus + ": injected failure");
        }
    }

    private void write(String name) {
        call(name);
    }

    private void written(String name) {
        writes.incrementAndGet();
        afterWrite.accept(name);
    }

    private static Map<String, String> nonEmpty(Map<String, String> attributes) {
        Map<String, String> kept = new HashMap<>();
        (attributes == null ? Map.<String, String>of() : attributes).forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                kept.put(k, v);
            }
        });
        return kept;
    }

    private static IdentityProviderRepresentation masked(IdentityProviderRepresentation idp) {
        // as Keycloak's StripSecretsUtils: a vault expression is no secret and stays readable
        String secret = idp.getConfig() == null ? null : idp.getConfig().get("clientSecret");
        if (secret != null && !(secret.startsWith("${vault.") && secret.endsWith("}"))) {
            idp.getConfig().put("clientSecret", Managed.MASK);
        }
        return idp;
    }

    private static <T> T found(T value, String what) {
        if (value == null) {
            throw new AdminCallFailed(404, what + " not found");
        }
        return value;
    }

    private static <T> List<T> page(List<T> all, int first, int max, Class<T> type) {
        return all.subList(Math.min(first, all.size()), Math.min(first + max, all.size())).stream().map(v -> copy(v, type)).toList();
    }

    static <T> T copy(T value, Class<T> type) {
        return JSON.convertValue(value, type);
    }
}
