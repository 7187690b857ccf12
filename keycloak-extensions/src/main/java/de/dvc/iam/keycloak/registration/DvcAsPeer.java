package de.dvc.iam.keycloak.registration;

import de.dvc.iam.core.profile.AttributeProfile;
import de.dvc.iam.core.profile.ContractAttribute;
import de.dvc.iam.keycloak.identity.AgencyProfileConfig;
import org.keycloak.models.IdentityProviderModel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an agency configures at its own IdP for a registration ({@code configureAtYourIdp} of the registration view):
 * DVC IAM as its SAML service provider (SP metadata URL, entityID, ACS URL, binding, NameID) or as its OIDC client
 * (redirect URI, scopes, PKCE), and the attributes to release under the registration's attribute profile. The URLs
 * are DVC IAM's broker endpoints for the IdP's alias: they work from the moment of submission.
 */
final class DvcAsPeer {

    private DvcAsPeer() {
    }

    static Map<String, Object> of(String baseUrl, String realm, IdentityProviderModel idp,
                                  java.util.Optional<AgencyProfileConfig> profile) {
        String endpoint = baseUrl + "/realms/" + realm + "/broker/" + idp.getAlias() + "/endpoint";
        Map<String, Object> peer = new LinkedHashMap<>();
        if ("saml".equals(idp.getProviderId())) {
            peer.put("spMetadataUrl", endpoint + "/descriptor");
            peer.put("spEntityId", baseUrl + "/realms/" + realm);
            peer.put("assertionConsumerServiceUrl", endpoint);
            peer.put("binding", "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST");
            peer.put("nameIdFormat", "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
            peer.put("signed", "responses and assertions");
        } else if (de.dvc.iam.keycloak.directory.DirectoryIdentityProviderFactory.PROVIDER_ID.equals(idp.getProviderId())) {
            // Nothing to register at a directory: a read-only service account, and the way in for DVC's LDAP connections.
            peer.put("serviceAccount", "a read-only account (bindDn) that may search under baseDn; no write rights");
            peer.put("network", "let DVC IAM's outgoing LDAP connections reach the directory (ldaps:// port 636, or 389 with StartTLS); "
                    + "the federation operators add your network to DVC's allow-list");
            peer.put("loginForm", endpoint + "/login");
        } else {
            peer.put("redirectUri", endpoint);
            peer.put("scopes", "openid email profile");
            peer.put("pkce", "S256");
            peer.put("clientAuthentication", "client_secret_post");
        }
        profile.ifPresent(config -> {
            peer.put("profile", config.profile().name());
            peer.put("release", release(config.profile()));
        });
        return peer;
    }

    /** The attributes to release under {@code profile}: contract attribute → the IdP attribute names read, required ones marked. */
    static Map<String, Object> release(AttributeProfile profile) {
        Map<String, Object> release = new LinkedHashMap<>();
        for (ContractAttribute attribute : ContractAttribute.values()) {
            List<String> sources = profile.sourcesOf(attribute);
            if (!sources.isEmpty()) {
                release.put(attribute.key(), Map.of("attributes", sources, "required", profile.required().contains(attribute)));
            }
        }
        return release;
    }
}
