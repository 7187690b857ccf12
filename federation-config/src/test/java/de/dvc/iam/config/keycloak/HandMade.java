package de.dvc.iam.config.keycloak;

import de.dvc.iam.core.agency.Agency;
import de.dvc.iam.core.agency.AgencyAttributes;
import de.dvc.iam.core.agency.AgencyLevel;
import de.dvc.iam.core.registration.BrokerSettings;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.OrganizationDomainRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Objects as others put them on the server: the demo's set-up ({@code DemoFederation}), the fixture loader, the
 * registration API, an administrator in the console. None carries the ownership marker.
 */
public final class HandMade {

    private HandMade() {
    }

    public static OrganizationRepresentation organization(String id, String name, AgencyLevel level, String state, String domain) {
        Agency agency = Agency.builder(id, name, level).state(state).build();
        OrganizationRepresentation organization = new OrganizationRepresentation();
        organization.setAlias(id);
        organization.setName(name);
        organization.setEnabled(true);
        organization.setAttributes(new HashMap<>(AgencyAttributes.toAttributes(agency)));
        OrganizationDomainRepresentation verified = new OrganizationDomainRepresentation(domain);
        verified.setVerified(true);
        organization.addDomain(verified);
        return organization;
    }

    /** A SAML IdP imported from its metadata URL, with DVC's broker settings, as the demo's set-up makes them (shown on the login page). */
    public static IdentityProviderRepresentation saml(String alias, String metadataUrl, String entityId, String domain) {
        Map<String, String> config = new HashMap<>(BrokerSettings.saml());
        config.put("metadataDescriptorUrl", metadataUrl);
        config.put("idpEntityId", entityId);
        config.put("singleSignOnServiceUrl", entityId + "/protocol/saml");
        return idp(alias, "saml", config, domain);
    }

    public static IdentityProviderRepresentation oidc(String alias, String issuer, String domain) {
        Map<String, String> config = new HashMap<>(BrokerSettings.oidc("dvc-iam", "hand-made-secret-91c4"));
        config.put("issuer", issuer);
        config.put("tokenUrl", issuer + "/protocol/openid-connect/token");
        return idp(alias, "oidc", config, domain);
    }

    /** An IdP registered through the registration API: its config carries the projected state and domains. */
    public static IdentityProviderRepresentation registration(String alias, String state, String domain) {
        IdentityProviderRepresentation idp = saml(alias, "https://idp.example/" + alias, "https://idp.example/" + alias, domain);
        idp.getConfig().remove("metadataDescriptorUrl");
        idp.getConfig().remove(Managed.ORGANIZATION_DOMAIN);
        idp.getConfig().put("dvc.registration.state", state);
        idp.getConfig().put("dvc.registration.domains", domain);
        idp.getConfig().put("dvc.registration.assertable-domains", "active".equals(state) ? domain : "");
        idp.setHideOnLogin(true);
        return idp;
    }

    private static IdentityProviderRepresentation idp(String alias, String protocol, Map<String, String> config, String domain) {
        IdentityProviderRepresentation idp = new IdentityProviderRepresentation();
        idp.setAlias(alias);
        idp.setDisplayName(alias);
        idp.setProviderId(protocol);
        idp.setEnabled(true);
        idp.setTrustEmail(true);
        idp.setFirstBrokerLoginFlowAlias("dvc first broker login");
        config.put("syncMode", "FORCE");
        config.put(Managed.ORGANIZATION_DOMAIN, domain);
        idp.setConfig(config);
        return idp;
    }

    public static IdentityProviderMapperRepresentation profile(String alias, String profile, String max, String table) {
        IdentityProviderMapperRepresentation mapper = new IdentityProviderMapperRepresentation();
        mapper.setName("dvc agency profile");
        mapper.setIdentityProviderAlias(alias);
        mapper.setIdentityProviderMapper("dvc-agency-profile");
        mapper.setConfig(new HashMap<>(Map.of("profile", profile, "assurance.max", max, "assurance.table", table, "syncMode", "FORCE")));
        return mapper;
    }

    /** A confidential client with the DVC attributes a service needs (as an operator would set them in the console). */
    public static ClientRepresentation service(String clientId, String redirectUri) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setName("Hand-made " + clientId);
        client.setProtocol("openid-connect");
        client.setEnabled(true);
        client.setPublicClient(false);
        client.setSecret("hand-made-client-secret-5b2e");
        client.setStandardFlowEnabled(true);
        client.setDirectAccessGrantsEnabled(false);
        client.setRedirectUris(List.of(redirectUri));
        client.setAttributes(new HashMap<>(Map.of("dvc.sector", clientId + ".dvc.example", "pkce.code.challenge.method", "S256",
                "dvc.contact", "betrieb@bmi.bund.example", "dvc.owner.name", "DVC-Föderationsbetrieb")));
        return client;
    }
}
