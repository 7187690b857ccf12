package de.dvc.iam.core.registration;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Validates an agency's OIDC provider from its discovery document (OpenID Connect Discovery 1.0)
 * and its JWKS, both already fetched through the guarded client and parsed as JSON: the issuer equals
 * the registered issuer exactly, endpoints are HTTPS, the code flow with PKCE S256 is supported, ID
 * tokens are signed with an allowed asymmetric algorithm, and the signing keys are strong enough (BSI
 * TR-02102-1) and contain no private parts. The endpoints the server itself calls (token, userinfo,
 * JWKS, end session) must also pass the outbound guard by resolving them: an {@code https://} prefix
 * alone would let an agency point DVC IAM's broker at internal addresses (SSRF).
 *
 * <p>Stateless and thread-safe.
 */
public final class OidcDiscoveryValidator {

    /** ID token signature algorithms DVC IAM accepts (RFC 7518); never {@code none} or a shared-secret HS*. */
    public static final Set<String> ALLOWED_ALGORITHMS = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
            "ES256", "ES384", "ES512");
    private static final Set<String> ALLOWED_CURVES = Set.of("P-256", "P-384", "P-521");
    /** Endpoints DVC IAM's server calls itself (the authorization endpoint is only visited by browsers). */
    public static final List<String> SERVER_CALLED = List.of("token_endpoint", "userinfo_endpoint", "jwks_uri",
            "end_session_endpoint");

    private final Function<String, Optional<String>> guard;

    /** @param guard why the server may not connect to a URL (e.g. {@code GuardedHttpClient::refusal}), or empty */
    public OidcDiscoveryValidator(Function<String, Optional<String>> guard) {
        this.guard = guard;
    }

    /**
     * @param registeredIssuer the issuer the agency registered
     * @param discovery        the parsed discovery document
     * @param jwks             the parsed JWKS, or null if it could not be fetched (then {@code jwksProblem} says why)
     * @param jwksProblem      why the JWKS could not be fetched, or null
     */
    public ValidationReport validate(String registeredIssuer, Map<String, Object> discovery, Map<String, Object> jwks,
                                     String jwksProblem) {
        List<Finding> findings = new ArrayList<>();
        if (discovery == null) {
            // e.g. a body of "null": valid JSON, but no document
            findings.add(Finding.error("discovery_invalid", "The discovery document is not a JSON object.",
                    "Serve the provider's discovery document (a JSON object) at <issuer>/.well-known/openid-configuration."));
            return ValidationReport.of(findings);
        }
        Object issuer = discovery.get("issuer");
        if (!(issuer instanceof String value) || !value.equals(registeredIssuer)) {
            findings.add(Finding.error("issuer_mismatch", "The discovery document's issuer is '" + text(issuer)
                    + "', not the registered issuer '" + registeredIssuer + "' (they must be identical).",
                    "Register exactly the issuer your provider announces, or correct the provider's issuer."));
        }
        for (String endpoint : List.of("authorization_endpoint", "token_endpoint", "jwks_uri")) {
            https(discovery.get(endpoint), endpoint, true, findings);
        }
        https(discovery.get("userinfo_endpoint"), "userinfo_endpoint", false, findings);
        https(discovery.get("end_session_endpoint"), "end_session_endpoint", false, findings);
        for (String endpoint : SERVER_CALLED) {
            if (discovery.get(endpoint) instanceof String url && url.startsWith("https://")) {
                guard.apply(url).ifPresent(why -> findings.add(Finding.error("endpoint_not_public", "The " + endpoint + " '"
                        + text(url) + "' may not be reached by DVC IAM: " + why,
                        "Publish the endpoint on a public address; DVC IAM's server calls it directly.")));
            }
        }
        if (!strings(discovery.get("response_types_supported")).contains("code")) {
            findings.add(Finding.error("no_code_flow", "The provider does not announce the authorization code flow "
                    + "(response_types_supported lacks \"code\").", "Enable the authorization code flow for DVC IAM's client."));
        }
        List<String> pkce = strings(discovery.get("code_challenge_methods_supported"));
        if (discovery.get("code_challenge_methods_supported") == null) {
            findings.add(Finding.warning("pkce_not_announced", "The provider does not announce PKCE methods "
                    + "(code_challenge_methods_supported); DVC IAM will send PKCE S256 anyway.",
                    "Make sure the provider accepts PKCE with S256, and announce it."));
        } else if (!pkce.contains("S256")) {
            findings.add(Finding.error("no_pkce_s256", "The provider does not support PKCE with S256.",
                    "Enable PKCE S256 (RFC 7636) for DVC IAM's client."));
        }
        List<String> algorithms = strings(discovery.get("id_token_signing_alg_values_supported"));
        if (algorithms.stream().noneMatch(ALLOWED_ALGORITHMS::contains)) {
            findings.add(Finding.error("signing_algorithm_not_allowed", "The provider signs ID tokens only with "
                    + algorithms + "; DVC IAM accepts " + ALLOWED_ALGORITHMS.stream().sorted().toList() + ".",
                    "Sign ID tokens with RS256, PS256 or ES256 (or stronger)."));
        }
        if (jwks == null) {
            findings.add(Finding.error("jwks_unreachable", "The JWKS could not be fetched: " + (jwksProblem == null ? "unknown" : jwksProblem),
                    "Publish the JWKS at the jwks_uri over HTTPS."));
        } else {
            keys(jwks, findings);
        }
        return ValidationReport.of(findings);
    }

    private static void keys(Map<String, Object> jwks, List<Finding> findings) {
        if (!(jwks.get("keys") instanceof List<?> keys) || keys.isEmpty()) {
            findings.add(Finding.error("jwks_empty", "The JWKS contains no keys.", "Publish the provider's signing keys."));
            return;
        }
        int signing = 0;
        for (Object entry : keys) {
            if (!(entry instanceof Map<?, ?> key)) {
                findings.add(Finding.error("jwks_invalid", "The JWKS contains an entry that is not a JSON object.", "Publish a valid JWKS (RFC 7517)."));
                continue;
            }
            String kid = key.get("kid") == null ? "(no kid)" : text(key.get("kid"));
            if (key.containsKey("d") || key.containsKey("p") || key.containsKey("k")) {
                findings.add(Finding.error("jwks_private_key", "Key " + kid + " in the JWKS contains private or secret key material.",
                        "Remove it at once, replace the key (it is compromised) and publish public keys only."));
                continue;
            }
            if ("enc".equals(key.get("use"))) {
                continue;
            }
            signing++;
            Object kty = key.get("kty");
            if ("RSA".equals(kty)) {
                int bits = modulusBits(key.get("n"));
                if (bits < 0) {
                    findings.add(Finding.error("jwks_invalid", "RSA key " + kid + " has no readable modulus.", "Publish a valid JWKS (RFC 7517)."));
                } else if (bits < 2048) {
                    findings.add(Finding.error("key_too_weak", "RSA key " + kid + " has " + bits + " bits; BSI TR-02102-1 requires at least 2048.",
                            "Use RSA 3072 or EC P-256 or stronger."));
                } else if (bits < 3000) {
                    findings.add(Finding.warning("key_rsa_2048", "RSA key " + kid + " has " + bits + " bits; BSI TR-02102-1 recommends 3000 from 2023 on.",
                            "Plan RSA 3072 or EC P-256 at the next key rollover."));
                }
            } else if ("EC".equals(kty)) {
                if (!ALLOWED_CURVES.contains(text(key.get("crv")))) {
                    findings.add(Finding.error("key_too_weak", "EC key " + kid + " uses curve " + text(key.get("crv")) + ".",
                            "Use P-256, P-384 or P-521."));
                }
            } else {
                findings.add(Finding.error("key_algorithm_not_allowed", "Key " + kid + " has type " + text(kty) + ".",
                        "Publish RSA or EC signing keys."));
            }
        }
        if (signing == 0) {
            findings.add(Finding.error("jwks_no_signing_key", "The JWKS contains no signing key.", "Publish the ID token signing keys."));
        }
    }

    private static int modulusBits(Object n) {
        if (!(n instanceof String encoded)) {
            return -1;
        }
        try {
            return new BigInteger(1, Base64.getUrlDecoder().decode(encoded)).bitLength();
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    private static void https(Object value, String name, boolean required, List<Finding> findings) {
        if (value == null) {
            if (required) {
                findings.add(Finding.error("endpoint_missing", "The discovery document has no " + name + ".",
                        "Publish a complete discovery document."));
            }
            return;
        }
        if (!(value instanceof String url) || !url.startsWith("https://")) {
            findings.add(Finding.error("endpoint_not_https", "The " + name + " '" + text(value) + "' is not an https:// URL.",
                    "Publish HTTPS endpoints only."));
        }
    }

    private static List<String> strings(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }

    private static String text(Object value) {
        String text = String.valueOf(value).replaceAll("\\p{Cntrl}", "?");
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
