package de.dvc.iam.keycloak.registration;

import com.fasterxml.jackson.core.type.TypeReference;
import de.dvc.iam.core.outbound.GuardedHttpClient;
import de.dvc.iam.core.outbound.OutboundRefusedException;
import de.dvc.iam.core.registration.Finding;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What a registration names, fetched through the guarded client: SAML metadata, or an OIDC provider's discovery
 * document with its JWKS. One fetch for submission, metadata update and refresh, so all three meet the same findings.
 */
final class IdpDocuments {

    private IdpDocuments() {
    }

    /** SAML metadata from {@code url}; {@code null} with a finding ({@code metadata_unreachable}) if it cannot be fetched. */
    static byte[] samlMetadata(GuardedHttpClient http, String url, List<Finding> findings) {
        try {
            return http.get(URI.create(url)).body();
        } catch (OutboundRefusedException | IllegalArgumentException e) {
            findings.add(Finding.error("metadata_unreachable", "The metadata could not be fetched: " + e.getMessage(),
                    "Publish the metadata at a public https:// URL, or submit it as metadataXml."));
            return null;
        }
    }

    /**
     * An OIDC provider's discovery document and JWKS, as fetched.
     *
     * @param problem        why there is no discovery document ({@code discovery_unreachable}, {@code discovery_invalid});
     *                       then nothing else is set
     * @param document       the discovery document's bytes
     * @param discovery      the discovery document (null for a body of {@code null}: the validator names it)
     * @param jwksDocument   the JWKS's bytes, or null
     * @param jwks           the JWKS, or null when {@code jwksProblem} says why not
     * @param jwksProblem    why there is no JWKS, or null
     */
    record Discovery(Finding problem, byte[] document, Map<String, Object> discovery, byte[] jwksDocument, Map<String, Object> jwks,
                     String jwksProblem) {

        static Discovery failed(Finding problem) {
            return new Discovery(problem, null, null, null, null, null);
        }

        /** The hash a refresh compares ({@link de.dvc.iam.core.crypto.Sha256#ofDocuments}); null without a JWKS: never unchanged. */
        String hash() {
            return problem != null || jwks == null ? null : de.dvc.iam.core.crypto.Sha256.ofDocuments(document, jwksDocument);
        }

        String text() {
            return new String(document, StandardCharsets.UTF_8);
        }
    }

    /** The discovery document at {@code <issuer>/.well-known/openid-configuration} and the JWKS it names. */
    static Discovery oidcDiscovery(GuardedHttpClient http, String issuer) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        byte[] document;
        Map<String, Object> discovery;
        try {
            document = http.get(URI.create(base + "/.well-known/openid-configuration")).body();
            discovery = JsonSerialization.readValue(document, new TypeReference<Map<String, Object>>() { });
        } catch (OutboundRefusedException | IllegalArgumentException e) {
            return Discovery.failed(Finding.error("discovery_unreachable", "The discovery document could not be fetched: " + e.getMessage(),
                    "Publish the OpenID Connect discovery document at <issuer>/.well-known/openid-configuration over HTTPS."));
        } catch (IOException e) {
            return Discovery.failed(Finding.error("discovery_invalid", "The discovery document is not a JSON object.",
                    "Publish a valid OpenID Connect discovery document."));
        }
        if (discovery == null || !(discovery.get("jwks_uri") instanceof String jwksUri)) {
            return new Discovery(null, document, discovery, null, null, "the discovery document names no jwks_uri.");
        }
        try {
            byte[] jwksDocument = http.get(URI.create(jwksUri)).body();
            return new Discovery(null, document, discovery, jwksDocument,
                    JsonSerialization.readValue(jwksDocument, new TypeReference<Map<String, Object>>() { }), null);
        } catch (OutboundRefusedException e) {
            return new Discovery(null, document, discovery, null, null, e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            return new Discovery(null, document, discovery, null, null, "it is not a JSON object.");
        }
    }
}
