package de.dvc.iam.core.registration;

import java.util.Map;

/**
 * The settings DVC IAM requires of every broker connection to an agency IdP, on top of what its
 * metadata or discovery document says (Keycloak IdP config keys). One place for the registration API,
 * the metadata refresh and updates (re-applied after every parse of metadata: Keycloak's parser sets
 * {@code nameIDPolicyFormat} from the first {@code <NameIDFormat>} and the bindings from what the metadata
 * lists), the fixture loader and the demo's own agency IdPs.
 *
 * <p>Server-to-server calls to agency endpoints that DVC does not use are switched off here rather than
 * trusted: SAML artifact resolution (an unauthenticated {@code SAMLart} would make the server call the
 * agency's artifact resolution service), SOAP/back-channel logout, and Keycloak's own metadata fetch.
 */
public final class BrokerSettings {

    private BrokerSettings() {
    }

    /** SAML: signed responses and assertions, POST binding both ways, persistent NameID as the subject. */
    public static Map<String, String> saml() {
        return Map.ofEntries(
                Map.entry("validateSignature", "true"),
                Map.entry("wantAssertionsSigned", "true"),
                Map.entry("postBindingAuthnRequest", "true"),
                Map.entry("postBindingResponse", "true"),
                Map.entry("principalType", "SUBJECT"),
                Map.entry("nameIDPolicyFormat", "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"),
                Map.entry("artifactBindingResponse", "false"),
                Map.entry("artifactResolutionServiceUrl", ""),
                Map.entry("backchannelSupported", "false"),
                Map.entry("useMetadataDescriptorUrl", "false"));
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
                "useJwksUrl", "true",
                "backchannelSupported", "false");
    }
}
