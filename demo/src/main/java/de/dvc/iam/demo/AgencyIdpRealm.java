package de.dvc.iam.demo;

import de.dvc.iam.demo.DemoAgencies.DemoAgency;
import de.dvc.iam.demo.DemoAgencies.DemoUser;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The agency's own identity provider in the demo: a realm that plays the agency's ADFS/Shibboleth
 * (SAML) or Keycloak/Entra (OIDC), with the agency's user and a client for DVC IAM as its relying party.
 * It knows DVC IAM only by its SAML entity id or OIDC redirect URI, as a real agency IdP would.
 */
public final class AgencyIdpRealm {

    /** The OIDC client DVC IAM uses at an OIDC agency IdP. */
    static final String BROKER_CLIENT_ID = "dvc-iam";

    /** The secret of DVC IAM's client {@value #BROKER_CLIENT_ID} at the agency IdP {@code agencyRealm}. */
    static String brokerSecret(org.keycloak.admin.client.resource.RealmResource agencyRealm) {
        String client = agencyRealm.clients().findByClientId(BROKER_CLIENT_ID).get(0).getId();
        return agencyRealm.clients().get(client).getSecret().getValue();
    }

    private final Keycloak admin;
    private final String serverUrl;

    public AgencyIdpRealm(Keycloak admin, String serverUrl) {
        this.admin = admin;
        this.serverUrl = serverUrl;
    }

    /** Creates the agency's IdP realm unless it exists; returns the realm. */
    public RealmResource ensure(DemoAgency agency) {
        if (ServerState.realmExists(admin, agency.idpRealm())) {
            return admin.realm(agency.idpRealm());
        }
        RealmRepresentation realm = new RealmRepresentation();
        realm.setRealm(agency.idpRealm());
        realm.setDisplayName(agency.agency().name() + " (Demo-IdP der Behörde)");
        realm.setEnabled(true);
        realm.setInternationalizationEnabled(true);
        realm.setSupportedLocales(java.util.Set.of("de", "en"));
        realm.setDefaultLocale("de");
        realm.setClients(List.of(agency.protocol() == DemoAgencies.Protocol.SAML ? samlClient(agency) : oidcClient(agency)));
        admin.realms().create(realm);
        RealmResource created = admin.realm(agency.idpRealm());
        // Org unit and roles are plain user attributes here, as in an agency directory; Keycloak 26 keeps
        // attributes outside its user profile only when unmanaged attributes are enabled.
        UPConfig profile = created.users().userProfile().getConfiguration();
        profile.setUnmanagedAttributePolicy(UPConfig.UnmanagedAttributePolicy.ADMIN_EDIT);
        created.users().userProfile().update(profile);
        ServerState.createdId(created.users().create(user(agency.user())), "user " + agency.user().username());
        return created;
    }

    static UserRepresentation user(DemoUser demoUser) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(demoUser.username());
        user.setEmail(demoUser.email());
        user.setEmailVerified(true);
        user.setFirstName(demoUser.firstName());
        user.setLastName(demoUser.lastName());
        user.setEnabled(true);
        user.setAttributes(Map.of("department", List.of(demoUser.orgUnit()), "roles", demoUser.roles()));
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(demoUser.password());
        password.setTemporary(false);
        user.setCredentials(List.of(password));
        return user;
    }

    /** SAML 2.0 SP entry for DVC IAM: signed responses and assertions, persistent NameID, OID attributes. */
    private ClientRepresentation samlClient(DemoAgency agency) {
        String acs = brokerEndpoint(agency);
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(serverUrl + "/realms/" + DemoFederation.REALM);
        client.setName("DVC IAM");
        client.setProtocol("saml");
        client.setEnabled(true);
        client.setRedirectUris(List.of(acs));
        client.setAttributes(Map.of(
                "saml_assertion_consumer_url_post", acs,
                "saml.server.signature", "true",
                "saml.assertion.signature", "true",
                "saml.client.signature", "false",
                "saml.signature.algorithm", "RSA_SHA256",
                "saml.authnstatement", "true",
                "saml_name_id_format", "persistent",
                "saml_force_name_id_format", "true"));
        // Attribute names as Shibboleth and ADFS release them (eduPerson / X.500 OIDs).
        client.setProtocolMappers(List.of(
                samlAttribute("mail", "email", "urn:oid:0.9.2342.19200300.100.1.3"),
                samlAttribute("givenName", "firstName", "urn:oid:2.5.4.42"),
                samlAttribute("sn", "lastName", "urn:oid:2.5.4.4"),
                samlUserAttribute("ou", "department", "urn:oid:2.5.4.11"),
                samlUserAttribute("eduPersonEntitlement", "roles", "urn:oid:1.3.6.1.4.1.5923.1.1.1.7")));
        return client;
    }

    private static ProtocolMapperRepresentation samlAttribute(String friendlyName, String property, String oid) {
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName(friendlyName);
        mapper.setProtocol("saml");
        mapper.setProtocolMapper("saml-user-property-mapper");
        mapper.setConfig(Map.of("user.attribute", property, "friendly.name", friendlyName,
                "attribute.name", oid, "attribute.nameformat", "URI Reference"));
        return mapper;
    }

    private static ProtocolMapperRepresentation samlUserAttribute(String friendlyName, String attribute, String oid) {
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName(friendlyName);
        mapper.setProtocol("saml");
        mapper.setProtocolMapper("saml-user-attribute-mapper");
        mapper.setConfig(Map.of("user.attribute", attribute, "friendly.name", friendlyName,
                "attribute.name", oid, "attribute.nameformat", "URI Reference", "aggregate.attrs", "false"));
        return mapper;
    }

    private static ProtocolMapperRepresentation oidcUserAttribute(String attribute, String claim, boolean multivalued) {
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName(claim);
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper("oidc-usermodel-attribute-mapper");
        mapper.setConfig(Map.of("user.attribute", attribute, "claim.name", claim, "jsonType.label", "String",
                "multivalued", String.valueOf(multivalued), "id.token.claim", "true", "access.token.claim", "false",
                "userinfo.token.claim", "true"));
        return mapper;
    }

    /** Confidential OIDC client for DVC IAM: code flow with PKCE only, a random secret. */
    private ClientRepresentation oidcClient(DemoAgency agency) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(BROKER_CLIENT_ID);
        client.setName("DVC IAM");
        client.setProtocol("openid-connect");
        client.setEnabled(true);
        client.setPublicClient(false);
        client.setSecret(randomSecret());
        client.setStandardFlowEnabled(true);
        client.setDirectAccessGrantsEnabled(false);
        client.setImplicitFlowEnabled(false);
        client.setRedirectUris(List.of(brokerEndpoint(agency)));
        client.setAttributes(Map.of("pkce.code.challenge.method", "S256"));
        client.setProtocolMappers(List.of(oidcUserAttribute("department", "org_unit", false),
                oidcUserAttribute("roles", "roles", true)));
        return client;
    }

    private String brokerEndpoint(DemoAgency agency) {
        return serverUrl + "/realms/" + DemoFederation.REALM + "/broker/" + agency.idpAlias() + "/endpoint";
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
