package de.dvc.iam.demo;

import de.dvc.iam.demo.DemoAgencies.DemoAgency;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;

import java.util.HashMap;
import java.util.Map;

/**
 * The agency IdP as realm {@code dvc} sees it: configured from the agency's published SAML
 * metadata or OIDC discovery document, as an agency admin would register it.
 */
final class AgencyIdentityProvider {

    private final RealmResource dvc;
    private final String serverUrl;

    AgencyIdentityProvider(RealmResource dvc, String serverUrl) {
        this.dvc = dvc;
        this.serverUrl = serverUrl;
    }

    IdentityProviderRepresentation describe(DemoAgency agency, RealmResource agencyRealm) {
        String realmUrl = serverUrl + "/realms/" + agency.idpRealm();
        Map<String, String> config = new HashMap<>();
        IdentityProviderRepresentation idp = new IdentityProviderRepresentation();
        idp.setAlias(agency.idpAlias());
        idp.setDisplayName(agency.agency().name());
        idp.setEnabled(true);
        // The agency vouches for the email address; domain binding (docs/claims.md) limits which.
        idp.setTrustEmail(true);
        if (agency.protocol() == DemoAgencies.Protocol.SAML) {
            idp.setProviderId("saml");
            config.putAll(dvc.identityProviders().importFrom(Map.<String, Object>of(
                    "providerId", "saml", "fromUrl", realmUrl + "/protocol/saml/descriptor")));
            config.put("validateSignature", "true");
            config.put("wantAssertionsSigned", "true");
            config.put("postBindingAuthnRequest", "true");
            config.put("postBindingResponse", "true");
            config.put("principalType", "SUBJECT");
            config.put("nameIDPolicyFormat", "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
        } else {
            idp.setProviderId("oidc");
            config.putAll(dvc.identityProviders().importFrom(Map.<String, Object>of(
                    "providerId", "oidc", "fromUrl", realmUrl + "/.well-known/openid-configuration")));
            ClientRepresentation brokerClient = agencyRealm.clients().findByClientId(AgencyIdpRealm.BROKER_CLIENT_ID).get(0);
            config.put("clientId", AgencyIdpRealm.BROKER_CLIENT_ID);
            config.put("clientSecret", agencyRealm.clients().get(brokerClient.getId()).getSecret().getValue());
            config.put("clientAuthMethod", "client_secret_basic");
            config.put("defaultScope", "openid email profile");
            config.put("pkceEnabled", "true");
            config.put("pkceMethod", "S256");
            config.put("validateSignature", "true");
            config.put("useJwksUrl", "true");
        }
        // Update the user from the agency's assertion at every login, not only the first.
        config.put("syncMode", "FORCE");
        config.put("kc.org.domain", agency.domain());
        idp.setConfig(config);
        return idp;
    }

    /** SAML carries names and email as OID attributes; map them to the user profile. */
    void addAttributeMappers(DemoAgency agency) {
        if (agency.protocol() != DemoAgencies.Protocol.SAML) {
            return; // the OIDC broker maps email, given_name and family_name itself
        }
        addSamlAttribute(agency, "email", "urn:oid:0.9.2342.19200300.100.1.3");
        addSamlAttribute(agency, "firstName", "urn:oid:2.5.4.42");
        addSamlAttribute(agency, "lastName", "urn:oid:2.5.4.4");
    }

    private void addSamlAttribute(DemoAgency agency, String userAttribute, String oid) {
        IdentityProviderMapperRepresentation mapper = new IdentityProviderMapperRepresentation();
        mapper.setName(userAttribute);
        mapper.setIdentityProviderAlias(agency.idpAlias());
        mapper.setIdentityProviderMapper("saml-user-attribute-idp-mapper");
        mapper.setConfig(Map.of("attribute.name", oid, "user.attribute", userAttribute, "syncMode", "INHERIT"));
        ServerState.createdId(dvc.identityProviders().get(agency.idpAlias()).addMapper(mapper),
                "mapper " + userAttribute + " of " + agency.idpAlias());
    }
}
