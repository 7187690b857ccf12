package de.dvc.iam.bench;

import de.dvc.iam.demo.AgencyIdentityProvider;
import de.dvc.iam.demo.DemoAgencies;
import de.dvc.iam.demo.DemoAgencies.DemoAgency;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.userprofile.config.UPConfig;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Realm {@value #REALM}: the demo federation's brokered login built from stock Keycloak parts only,
 * on the same server and against the same agency IdPs: stock browser flow (IdP redirector for
 * {@code kc_idp_hint}), stock first broker login, stock IdP attribute mappers for names, email, org
 * unit and roles, stock protocol mappers for org unit, roles and a pairwise {@code sub}. It is what
 * the DVC mappers are measured against. Realm settings that are configuration, not DVC code, are realm dvc's:
 * brute-force protection and the languages.
 */
final class StockComparisonRealm {

    static final String REALM = "stock";
    /**
     * {@code -Dbench.stock-events=true} (BENCH_STOCK_EVENTS=true): realm stock stores its login and token events in
     * Keycloak's event store, as a stock deployment that keeps a record of logins does; off by default (stock as shipped).
     */
    static final boolean STORE_EVENTS = Boolean.getBoolean("bench.stock-events");
    /**
     * {@code -Dbench.stock-signature=ES256} (BENCH_STOCK_SIGNATURE=ES256): realm stock signs its tokens as realm dvc does
     * (ES256, CentralRealmSettings#ensureTokenSignature) instead of Keycloak's RS256: the comparison without the
     * difference of the signature algorithm, i.e. what DVC's own work costs. Off by default (stock as shipped).
     */
    static final boolean SAME_SIGNATURE = "ES256".equals(System.getProperty("bench.stock-signature"));

    private StockComparisonRealm() {
    }

    static void create(Keycloak admin, String serverUrl, String redirectUri, String clientSecret) {
        RealmRepresentation realm = new RealmRepresentation();
        realm.setRealm(REALM);
        realm.setEnabled(true);
        realm.setBruteForceProtected(true); // as realm dvc: the check costs a lookup per login
        // Languages as realm dvc's (German by default, English): a German federation built from stock parts speaks German
        // too, and every page Keycloak renders (e.g. the SAML AuthnRequest's POST form) merges the messages of the
        // locale and its fallback. Without this, realm dvc paid for its languages and realm stock did not.
        RealmRepresentation dvc = admin.realm("dvc").toRepresentation();
        realm.setInternationalizationEnabled(dvc.isInternationalizationEnabled());
        realm.setSupportedLocales(dvc.getSupportedLocales());
        realm.setDefaultLocale(dvc.getDefaultLocale());
        if (STORE_EVENTS) {
            // Stock Keycloak's own record of logins and tokens (its JPA event store), the counterpart of DVC's audit trail.
            realm.setEventsEnabled(true);
            realm.setEnabledEventTypes(List.of("LOGIN", "LOGIN_ERROR", "CODE_TO_TOKEN", "REFRESH_TOKEN", "IDENTITY_PROVIDER_LOGIN_ERROR"));
        }
        admin.realms().create(realm);
        RealmResource stock = admin.realm(REALM);
        if (SAME_SIGNATURE) {
            de.dvc.iam.demo.CentralRealmSettings.ensureTokenSignature(stock);
        }
        UPConfig profile = stock.users().userProfile().getConfiguration();
        profile.setUnmanagedAttributePolicy(UPConfig.UnmanagedAttributePolicy.ENABLED);
        stock.users().userProfile().update(profile);
        for (DemoAgency agency : DemoAgencies.ALL) {
            stock.identityProviders().create(idp(admin, stock, agency, serverUrl)).close();
            if (agency.protocol() == DemoAgencies.Protocol.SAML) {
                attribute(stock, agency, "saml-user-attribute-idp-mapper", "attribute.name", "urn:oid:0.9.2342.19200300.100.1.3", "email");
                attribute(stock, agency, "saml-user-attribute-idp-mapper", "attribute.name", "urn:oid:2.5.4.42", "firstName");
                attribute(stock, agency, "saml-user-attribute-idp-mapper", "attribute.name", "urn:oid:2.5.4.4", "lastName");
                attribute(stock, agency, "saml-user-attribute-idp-mapper", "attribute.name", "urn:oid:2.5.4.11", "department");
                attribute(stock, agency, "saml-user-attribute-idp-mapper", "attribute.name", "urn:oid:1.3.6.1.4.1.5923.1.1.1.7", "roles");
            } else {
                attribute(stock, agency, "oidc-user-attribute-idp-mapper", "claim", "org_unit", "department");
                attribute(stock, agency, "oidc-user-attribute-idp-mapper", "claim", "roles", "roles");
            }
        }
        ClientScopeRepresentation scope = new ClientScopeRepresentation();
        scope.setName("contract");
        scope.setProtocol("openid-connect");
        scope.setProtocolMappers(List.of(userAttribute("department", "org_unit", false), userAttribute("roles", "roles", true),
                mapper("pairwise sub", "oidc-sha256-pairwise-sub-mapper", Map.of("pairwiseSubAlgorithmSalt", "bench-salt-bench-salt-bench-salt-00"))));
        String scopeId = created(stock.clientScopes().create(scope));
        stock.addDefaultDefaultClientScope(scopeId);
        stock.clients().create(BrokerBenchmark.client(redirectUri, clientSecret)).close();
    }

    private static IdentityProviderRepresentation idp(Keycloak admin, RealmResource stock, DemoAgency agency, String serverUrl) {
        String broker = serverUrl + "/realms/" + REALM + "/broker/" + agency.idpAlias() + "/endpoint";
        RealmResource upstream = admin.realm(agency.idpRealm());
        Map<String, String> config = new HashMap<>();
        IdentityProviderRepresentation idp = new IdentityProviderRepresentation();
        idp.setAlias(agency.idpAlias());
        idp.setEnabled(true);
        idp.setTrustEmail(true);
        if (agency.protocol() == DemoAgencies.Protocol.SAML) {
            // The agency IdP gets a second SP entry for this realm, a copy of the one for realm dvc.
            ClientRepresentation sp = upstream.clients().findByClientId(serverUrl + "/realms/dvc").get(0);
            sp.setId(null);
            sp.setClientId(serverUrl + "/realms/" + REALM);
            sp.setRedirectUris(List.of(broker));
            sp.getAttributes().put("saml_assertion_consumer_url_post", broker);
            sp.getProtocolMappers().forEach(m -> m.setId(null));
            upstream.clients().create(sp).close();
            idp.setProviderId("saml");
        } else {
            ClientRepresentation rp = upstream.clients().findByClientId("dvc-iam").get(0);
            rp.setRedirectUris(new java.util.ArrayList<>(rp.getRedirectUris()));
            rp.getRedirectUris().add(broker);
            upstream.clients().get(rp.getId()).update(rp);
            idp.setProviderId("oidc");
        }
        config.putAll(AgencyIdentityProvider.brokerSettings(stock, agency, serverUrl, upstream));
        config.put("syncMode", "FORCE");
        idp.setConfig(config);
        return idp;
    }

    private static void attribute(RealmResource stock, DemoAgency agency, String type, String sourceKey, String source, String target) {
        IdentityProviderMapperRepresentation mapper = new IdentityProviderMapperRepresentation();
        mapper.setName(target);
        mapper.setIdentityProviderAlias(agency.idpAlias());
        mapper.setIdentityProviderMapper(type);
        mapper.setConfig(Map.of(sourceKey, source, "user.attribute", target, "syncMode", "INHERIT"));
        stock.identityProviders().get(agency.idpAlias()).addMapper(mapper).close();
    }

    private static ProtocolMapperRepresentation userAttribute(String attribute, String claim, boolean multivalued) {
        return mapper(claim, "oidc-usermodel-attribute-mapper", Map.of("user.attribute", attribute, "claim.name", claim,
                "jsonType.label", "String", "multivalued", String.valueOf(multivalued), "id.token.claim", "true",
                "access.token.claim", "true", "userinfo.token.claim", "true"));
    }

    private static ProtocolMapperRepresentation mapper(String name, String type, Map<String, String> config) {
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName(name);
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper(type);
        mapper.setConfig(new HashMap<>(config));
        return mapper;
    }

    private static String created(jakarta.ws.rs.core.Response response) {
        try (response) {
            String path = response.getLocation().getPath();
            return path.substring(path.lastIndexOf('/') + 1);
        }
    }
}
