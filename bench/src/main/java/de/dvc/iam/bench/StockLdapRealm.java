package de.dvc.iam.bench;

import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.ComponentExportRepresentation;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Realms of stock Keycloak LDAP user federation, on the same server as realm dvc: one {@code ldap} user-storage provider
 * per directory (vendor "other", edit mode READ_ONLY, users imported at their first login as the admin console's
 * defaults have it, login by {@code uid}, {@code entryUUID} as the LDAP UUID, subtree search, connection pooling, the
 * truststore SPI for LDAPS) with the LDAP mappers Keycloak makes for a new provider, the stock username/password form of
 * the stock login theme, and client {@value BrokerBenchmark#CLIENT}. Brute-force protection on, as in realm dvc.
 */
final class StockLdapRealm {

    static final String STORAGE = "org.keycloak.storage.UserStorageProvider";
    static final String MAPPER = "org.keycloak.storage.ldap.mappers.LDAPStorageMapper";

    /** One directory a provider reads: where, as whom, below which DN. */
    record Provider(String name, String url, String bindDn, String bindSecret, String usersDn) {
    }

    private StockLdapRealm() {
    }

    /** The realm with one provider, added as an administrator adds it (Keycloak then makes its default mappers). */
    static void create(Keycloak admin, String name, String redirectUri, String clientSecret, Provider provider) {
        admin.realms().create(realm(name, redirectUri, clientSecret));
        RealmResource realm = admin.realm(name);
        ComponentRepresentation ldap = new ComponentRepresentation();
        ldap.setName(provider.name());
        ldap.setProviderId("ldap");
        ldap.setProviderType(STORAGE);
        ldap.setParentId(realm.toRepresentation().getId());
        ldap.setConfig(config(provider, 0));
        try (jakarta.ws.rs.core.Response response = realm.components().add(ldap)) {
            if (response.getStatus() != 201) {
                throw new IllegalStateException("Adding LDAP provider " + provider.name() + " to realm " + name + " failed: HTTP "
                        + response.getStatus() + " " + response.readEntity(String.class));
            }
        }
    }

    /**
     * The realm with many providers at once, in one realm import: added one by one through the admin API, each addition
     * takes longer than the one before (about 0.3 s at the thousandth here). Every provider gets the mappers Keycloak made
     * for the provider of realm {@code template} (the same as it makes for any new provider); priorities in list order.
     */
    static void createWith(Keycloak admin, String name, String redirectUri, String clientSecret, List<Provider> providers, String template) {
        RealmRepresentation realm = realm(name, redirectUri, clientSecret);
        List<ComponentExportRepresentation> mappers = mappersOf(admin, template);
        MultivaluedHashMap<String, ComponentExportRepresentation> components = new MultivaluedHashMap<>();
        for (int i = 0; i < providers.size(); i++) {
            ComponentExportRepresentation ldap = new ComponentExportRepresentation();
            ldap.setName(providers.get(i).name());
            ldap.setProviderId("ldap");
            ldap.setConfig(config(providers.get(i), i));
            MultivaluedHashMap<String, ComponentExportRepresentation> sub = new MultivaluedHashMap<>();
            sub.put(MAPPER, mappers);
            ldap.setSubComponents(sub);
            components.add(STORAGE, ldap);
        }
        realm.setComponents(components);
        admin.realms().create(realm);
    }

    private static RealmRepresentation realm(String name, String redirectUri, String clientSecret) {
        RealmRepresentation realm = new RealmRepresentation();
        realm.setRealm(name);
        realm.setEnabled(true);
        realm.setBruteForceProtected(true);
        realm.setClients(List.of(BrokerBenchmark.client(redirectUri, clientSecret)));
        return realm;
    }

    /** The mappers of the (one) LDAP provider of realm {@code name}, as Keycloak made them. */
    private static List<ComponentExportRepresentation> mappersOf(Keycloak admin, String name) {
        RealmResource realm = admin.realm(name);
        String ldap = realm.components().query(realm.toRepresentation().getId(), STORAGE).get(0).getId();
        List<ComponentExportRepresentation> mappers = new ArrayList<>();
        for (ComponentRepresentation mapper : realm.components().query(ldap, MAPPER)) {
            ComponentExportRepresentation copy = new ComponentExportRepresentation();
            copy.setName(mapper.getName());
            copy.setProviderId(mapper.getProviderId());
            copy.setSubType(mapper.getSubType());
            copy.setConfig(new MultivaluedHashMap<>(mapper.getConfig()));
            mappers.add(copy);
        }
        if (mappers.isEmpty()) {
            throw new IllegalStateException("Keycloak made no mappers for the LDAP provider of realm " + name);
        }
        return mappers;
    }

    private static MultivaluedHashMap<String, String> config(Provider provider, int priority) {
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        Map.ofEntries(Map.entry("enabled", "true"), Map.entry("priority", String.valueOf(priority)), Map.entry("vendor", "other"),
                Map.entry("connectionUrl", provider.url()), Map.entry("bindDn", provider.bindDn()),
                Map.entry("bindCredential", provider.bindSecret()), Map.entry("authType", "simple"), Map.entry("startTls", "false"),
                Map.entry("useTruststoreSpi", "always"), Map.entry("connectionPooling", "true"), Map.entry("pagination", "false"),
                Map.entry("usersDn", provider.usersDn()), Map.entry("userObjectClasses", "inetOrgPerson"), Map.entry("searchScope", "2"),
                Map.entry("usernameLDAPAttribute", "uid"), Map.entry("rdnLDAPAttribute", "uid"), Map.entry("uuidLDAPAttribute", "entryUUID"),
                Map.entry("editMode", "READ_ONLY"), Map.entry("importEnabled", "true"), Map.entry("syncRegistrations", "false"),
                Map.entry("fullSyncPeriod", "-1"), Map.entry("changedSyncPeriod", "-1"), Map.entry("cachePolicy", "DEFAULT"),
                Map.entry("trustEmail", "false"), Map.entry("validatePasswordPolicy", "false"),
                Map.entry("allowKerberosAuthentication", "false"), Map.entry("useKerberosForPasswordAuthentication", "false"))
                .forEach((key, value) -> config.put(key, List.of(value)));
        return config;
    }
}
