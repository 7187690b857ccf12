package de.dvc.iam.demo;

import de.dvc.iam.core.registration.BrokerSettings;
import de.dvc.iam.demo.DemoAgencies.DemoAgency;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;

import java.util.HashMap;
import java.util.Map;

/**
 * The agency IdP as realm {@code dvc} sees it: configured from the agency's published SAML
 * metadata or OIDC discovery document, as an agency admin would register it.
 */
public final class AgencyIdentityProvider {

    private final RealmResource dvc;
    private final String serverUrl;

    AgencyIdentityProvider(RealmResource dvc, String serverUrl) {
        this.dvc = dvc;
        this.serverUrl = serverUrl;
    }

    IdentityProviderRepresentation describe(DemoAgency agency, RealmResource agencyRealm) {
        Map<String, String> config = new HashMap<>();
        IdentityProviderRepresentation idp = new IdentityProviderRepresentation();
        idp.setAlias(agency.idpAlias());
        idp.setDisplayName(agency.agency().name());
        idp.setEnabled(true);
        // The agency vouches for the email address; domain binding (docs/claims.md) limits which.
        idp.setTrustEmail(true);
        idp.setProviderId(agency.protocol() == DemoAgencies.Protocol.SAML ? "saml" : "oidc");
        config.putAll(brokerSettings(dvc, agency, serverUrl, agencyRealm));
        // Update the user from the agency's assertion at every login, not only the first.
        config.put("syncMode", "FORCE");
        idp.setFirstBrokerLoginFlowAlias(DiscoveryFlow.FIRST_LOGIN);
        config.put("kc.org.domain", agency.domain());
        idp.setConfig(config);
        return idp;
    }

    /**
     * How a realm brokers to an agency IdP: the IdP's published SAML metadata or OIDC discovery
     * document, imported, plus the settings DVC requires (signed SAML responses and assertions,
     * persistent NameID; OIDC code flow with PKCE S256, confidential client, JWKS signature check).
     * Public for the benchmark's stock comparison realm, which brokers to the same agency IdPs.
     *
     * @param realm       the realm that brokers (imports through its admin API)
     * @param agencyRealm the agency IdP's realm (for the OIDC client secret)
     */
    public static Map<String, String> brokerSettings(RealmResource realm, DemoAgency agency, String serverUrl,
                                                     RealmResource agencyRealm) {
        String realmUrl = serverUrl + "/realms/" + agency.idpRealm();
        Map<String, String> config = new HashMap<>();
        if (agency.protocol() == DemoAgencies.Protocol.SAML) {
            config.putAll(realm.identityProviders().importFrom(Map.<String, Object>of(
                    "providerId", "saml", "fromUrl", realmUrl + "/protocol/saml/descriptor")));
            config.putAll(BrokerSettings.saml());
        } else {
            config.putAll(realm.identityProviders().importFrom(Map.<String, Object>of(
                    "providerId", "oidc", "fromUrl", realmUrl + "/.well-known/openid-configuration")));
            config.putAll(BrokerSettings.oidc(AgencyIdpRealm.BROKER_CLIENT_ID, AgencyIdpRealm.brokerSecret(agencyRealm)));
        }
        return config;
    }

    /**
     * The IdP's DVC agency profile mapper (attribute profile, maximum assurance, acr table) and the DVC
     * first-login flow; set on IdPs of an older demo state as well.
     */
    void ensureProfile(DemoAgency agency) {
        var resource = dvc.identityProviders().get(agency.idpAlias());
        IdentityProviderRepresentation idp = resource.toRepresentation();
        if (!DiscoveryFlow.FIRST_LOGIN.equals(idp.getFirstBrokerLoginFlowAlias())) {
            idp.setFirstBrokerLoginFlowAlias(DiscoveryFlow.FIRST_LOGIN);
            resource.update(idp);
        }
        // Older demo states mapped names and email with Keycloak's SAML attribute mappers; the profile does it now.
        resource.getMappers().stream().filter(m -> "saml-user-attribute-idp-mapper".equals(m.getIdentityProviderMapper()))
                .forEach(m -> resource.delete(m.getId()));
        boolean present = resource.getMappers().stream()
                .anyMatch(m -> "dvc-agency-profile".equals(m.getIdentityProviderMapper()));
        if (!present) {
            IdentityProviderMapperRepresentation mapper = new IdentityProviderMapperRepresentation();
            mapper.setName("dvc agency profile");
            mapper.setIdentityProviderAlias(agency.idpAlias());
            mapper.setIdentityProviderMapper("dvc-agency-profile");
            mapper.setConfig(Map.of("profile", agency.profile(), "assurance.max", agency.maxAssurance(),
                    "assurance.table", agency.acrTable(), "syncMode", "FORCE"));
            ServerState.createdId(resource.addMapper(mapper), "agency profile mapper of " + agency.idpAlias());
        }
    }
}
