package de.dvc.iam.config.keycloak;

import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;

import java.util.List;
import java.util.Map;

/**
 * The calls of Keycloak's admin REST API (26.x) that plan, apply and export make on one realm, one method per call.
 * Lists are paged ({@code first}, {@code max}) and full (attributes, config, domains). Every method throws
 * {@link AdminCallFailed} on an error answer or when the server cannot be reached. Implementations are thread-safe.
 */
public interface RealmAdmin extends AutoCloseable {

    /** @throws AdminCallFailed 404 if the realm does not exist, 401/403 if the login may not administer it */
    void checkRealm();

    /** The realm attribute {@code name}, if set. */
    java.util.Optional<String> realmAttribute(String name);

    /**
     * Sets the realm attributes {@code values} ("" for none) in one update of the realm: all or none of them, the realm's
     * other settings left as they are.
     */
    void setRealmAttributes(java.util.Map<String, String> values);

    /**
     * Moves the self-service registration {@code alias} into the files' ownership on the server, in one transaction
     * (keycloak-extensions {@code AdoptionResource}): its registration becomes {@code adopted} with its history kept, its
     * IdP carries the ownership marker and what plan reads from owned IdPs.
     *
     * @throws AdminCallFailed 404 if there is no such registration, 409 with the reason if it cannot be adopted
     */
    void adopt(String alias);

    /**
     * What {@link #adopt} would write for the registration {@code alias} (its agency, lifecycle, metadata URL, entityID and
     * the domains it proved), as the server's JSON answer; changes nothing.
     *
     * @throws AdminCallFailed 404 if there is no such registration, 409 with the reason if it cannot be adopted
     */
    Map<String, Object> adoption(String alias);

    /**
     * The realm's organizations, identity providers and their mappers in one read of the server's database, if the
     * server offers it (keycloak-extensions {@code SnapshotResource}); empty: read them page by page.
     */
    default java.util.Optional<RealmSnapshot> snapshot() {
        return java.util.Optional.empty();
    }

    /** What {@link #snapshot()} gives: the realm's organizations, identity providers and their mappers by IdP alias. */
    record RealmSnapshot(List<OrganizationRepresentation> organizations, List<IdentityProviderRepresentation> identityProviders,
                         Map<String, List<IdentityProviderMapperRepresentation>> mappers) {
    }

    List<OrganizationRepresentation> organizations(int first, int max);

    OrganizationRepresentation organization(String id);

    /** Whether an organization other than agency {@code alias}'s has exactly the name {@code name}. */
    boolean organizationNameTaken(String name, String alias);

    /** @return the new organization's id; 409 if its name or a domain is taken */
    String createOrganization(OrganizationRepresentation organization);

    void updateOrganization(OrganizationRepresentation organization);

    void deleteOrganization(String id);

    void linkIdentityProvider(String organizationId, String alias);

    void unlinkIdentityProvider(String organizationId, String alias);

    List<IdentityProviderRepresentation> identityProviders(int first, int max);

    IdentityProviderRepresentation identityProvider(String alias);

    List<IdentityProviderMapperRepresentation> mappers(String alias);

    /**
     * The mappers of every IdP of the realm in one read, by IdP alias (an IdP without mappers: an empty list), if the
     * server can give them so (Keycloak's partial export); empty: read them one IdP at a time ({@link #mappers}).
     */
    default java.util.Optional<Map<String, List<IdentityProviderMapperRepresentation>>> allMappers() {
        return java.util.Optional.empty();
    }

    /** The settings of a SAML ({@code saml}) or OIDC ({@code oidc}) IdP from a metadata or discovery URL, fetched by the server. */
    Map<String, String> importFrom(String providerId, String url);

    /** The settings of a SAML IdP from its metadata document. */
    Map<String, String> importSamlMetadata(String xml);

    void createIdentityProvider(IdentityProviderRepresentation idp);

    void updateIdentityProvider(IdentityProviderRepresentation idp);

    void deleteIdentityProvider(String alias);

    /** @return the new mapper's id */
    String addMapper(String alias, IdentityProviderMapperRepresentation mapper);

    void updateMapper(String alias, IdentityProviderMapperRepresentation mapper);

    void deleteMapper(String alias, String id);

    List<ClientRepresentation> clients(int first, int max);

    ClientRepresentation client(String id);

    /** @return the new client's id */
    String createClient(ClientRepresentation client);

    void updateClient(ClientRepresentation client);

    void deleteClient(String id);

    /** The names of the client's optional client scopes. */
    List<String> optionalScopes(String id);

    /** Makes the client's optional scopes exactly {@code names}. */
    void setOptionalScopes(String id, List<String> names);

    @Override
    default void close() {
        // nothing held by default
    }
}
