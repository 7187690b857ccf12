package de.dvc.iam.core.registration;

import java.util.Map;

/**
 * The settings DVC IAM requires of every broker connection to an agency IdP, on top of what its
 * metadata or discovery document says (Keycloak IdP config keys). One place for the registration API
 * and the demo's own agency IdPs.
 */
public final class BrokerSettings {

    private BrokerSettings() {
    }

    /** SAML: signed responses and assertions, POST binding both ways, persistent NameID as the subject. */
    public static Map<String, String> saml() {
        return Map.of(
                "validateSignature", "true",
                "wantAssertionsSigned", "true",
                "postBindingAuthnRequest", "true",
                "postBindingResponse", "true",
                "principalType", "SUBJECT",
                "nameIDPolicyFormat", "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
    }

    /** OIDC: confidential client (basic auth), code flow with PKCE S256, ID token signature checked against the JWKS. */
    public static Map<String, String> oidc(String clientId, String clientSecret) {
        return Map.of(
                "clientId", clientId,
                "clientSecret", clientSecret,
                "clientAuthMethod", "client_secret_basic",
                "defaultScope", "openid email profile",
                "pkceEnabled", "true",
                "pkceMethod", "S256",
                "validateSignature", "true",
                "useJwksUrl", "true");
    }
}
