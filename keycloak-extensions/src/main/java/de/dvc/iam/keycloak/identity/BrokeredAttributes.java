package de.dvc.iam.keycloak.identity;

import com.fasterxml.jackson.databind.JsonNode;
import de.dvc.iam.core.profile.AssertedAttributes;
import org.keycloak.broker.oidc.OIDCIdentityProvider;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.saml.SAMLEndpoint;
import org.keycloak.representations.JsonWebToken;
import org.keycloak.util.JsonSerialization;

import java.util.Map;
import java.util.Optional;

/**
 * Reads what an agency IdP asserted in one login out of Keycloak's brokered context: SAML attribute
 * statements (under name and friendly name) and AuthnContextClassRef, OIDC ID token and userinfo
 * claims and {@code acr}, or an agency directory's entry (no acr: a password).
 */
final class BrokeredAttributes {

    private BrokeredAttributes() {
    }

    static AssertedAttributes of(BrokeredIdentityContext context) {
        if (context.getContextData().get(de.dvc.iam.keycloak.directory.DirectoryConfig.ASSERTED) instanceof Map<?, ?> directory) {
            // an agency directory's login: what the directory said, nothing else
            AssertedAttributes.Builder read = AssertedAttributes.builder();
            directory.forEach((name, values) -> {
                if (values instanceof java.util.Collection<?> list) {
                    list.forEach(value -> read.add(String.valueOf(name), String.valueOf(value)));
                }
            });
            return read.build();
        }
        AssertedAttributes.Builder builder = AssertedAttributes.builder();
        Object assertion = context.getContextData().get(SAMLEndpoint.SAML_ASSERTION);
        if (assertion != null) {
            SamlAssertionReader.addAttributes(assertion, builder);
        }
        Object idToken = context.getContextData().get(OIDCIdentityProvider.VALIDATED_ID_TOKEN);
        if (idToken instanceof JsonWebToken token) {
            addClaims(builder, JsonSerialization.mapper.convertValue(token, JsonNode.class));
        }
        Object userInfo = context.getContextData().get(OIDCIdentityProvider.USER_INFO);
        if (userInfo instanceof JsonNode json) {
            addClaims(builder, json);
        }
        return builder.build();
    }

    /** What the IdP reported about the authentication: SAML AuthnContextClassRef or OIDC {@code acr}. */
    static Optional<String> reportedAcr(BrokeredIdentityContext context) {
        Object authn = context.getContextData().get(SAMLEndpoint.SAML_AUTHN_STATEMENT);
        if (authn != null) {
            Optional<String> classRef = SamlAssertionReader.classRef(authn);
            if (classRef.isPresent()) {
                return classRef;
            }
        }
        Object idToken = context.getContextData().get(OIDCIdentityProvider.VALIDATED_ID_TOKEN);
        if (idToken instanceof org.keycloak.representations.IDToken token) {
            // Keycloak reads the ID token into an IDToken: its acr without converting the whole token again
            return Optional.ofNullable(token.getAcr());
        }
        if (idToken instanceof JsonWebToken token) {
            JsonNode acr = JsonSerialization.mapper.convertValue(token, JsonNode.class).get("acr");
            if (acr != null && acr.isTextual()) {
                return Optional.of(acr.asText());
            }
        }
        return Optional.empty();
    }

    private static void addClaims(AssertedAttributes.Builder builder, JsonNode claims) {
        if (claims == null || !claims.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> claim : claims.properties()) {
            JsonNode value = claim.getValue();
            if (value.isArray()) {
                value.forEach(item -> {
                    if (item.isValueNode()) {
                        builder.add(claim.getKey(), item.asText());
                    }
                });
            } else if (value.isValueNode()) {
                builder.add(claim.getKey(), value.asText());
            }
        }
    }
}
