package de.dvc.iam.core.registration;

import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OidcDiscoveryValidatorTest {

    private static final String ISSUER = "https://login.bmi.bund.example/realms/bmi";
    private final OidcDiscoveryValidator validator = new OidcDiscoveryValidator(url -> java.util.Optional.empty());

    private static Map<String, Object> discovery() {
        Map<String, Object> discovery = new HashMap<>();
        discovery.put("issuer", ISSUER);
        discovery.put("authorization_endpoint", ISSUER + "/protocol/openid-connect/auth");
        discovery.put("token_endpoint", ISSUER + "/protocol/openid-connect/token");
        discovery.put("userinfo_endpoint", ISSUER + "/protocol/openid-connect/userinfo");
        discovery.put("jwks_uri", ISSUER + "/protocol/openid-connect/certs");
        discovery.put("response_types_supported", List.of("code", "id_token"));
        discovery.put("code_challenge_methods_supported", List.of("plain", "S256"));
        discovery.put("id_token_signing_alg_values_supported", List.of("RS256", "ES256", "HS256"));
        return discovery;
    }

    private static Map<String, Object> rsaKey(int bits) {
        KeyPair keys = TestKeys.rsa(bits);
        String n = Base64.getUrlEncoder().withoutPadding().encodeToString(((RSAPublicKey) keys.getPublic()).getModulus().toByteArray());
        return Map.of("kty", "RSA", "kid", "k" + bits, "use", "sig", "n", n, "e", "AQAB");
    }

    private static Map<String, Object> jwks(Map<String, Object>... keys) {
        return Map.of("keys", List.of(keys));
    }

    @Test
    @SuppressWarnings("unchecked")
    void acceptsAGoodProvider() {
        assertThat(validator.validate(ISSUER, discovery(), jwks(rsaKey(3072), Map.of("kty", "EC", "crv", "P-256", "kid", "ec",
                "x", "x", "y", "y")), null).findings()).isEmpty();
    }

    @Test
    void aDocumentOfNullIsAFindingNotACrash() {
        ValidationReport report = validator.validate(ISSUER, null, null, "not fetched");
        assertThat(report.valid()).isFalse();
        assertThat(report.has("discovery_invalid")).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theIssuerMustMatchExactly() {
        assertThat(validator.validate(ISSUER + "/", discovery(), jwks(rsaKey(3072)), null).has("issuer_mismatch")).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void requiresHttpsCodeFlowPkceAndAllowedAlgorithms() {
        Map<String, Object> bad = discovery();
        bad.put("token_endpoint", "http://login.bmi.bund.example/token");
        bad.put("response_types_supported", List.of("id_token"));
        bad.put("code_challenge_methods_supported", List.of("plain"));
        bad.put("id_token_signing_alg_values_supported", List.of("HS256", "none"));

        ValidationReport report = validator.validate(ISSUER, bad, jwks(rsaKey(3072)), null);

        assertThat(report.findings()).extracting(Finding::code).containsExactlyInAnyOrder(
                "endpoint_not_https", "no_code_flow", "no_pkce_s256", "signing_algorithm_not_allowed");
        Map<String, Object> silent = discovery();
        silent.remove("code_challenge_methods_supported");
        assertThat(validator.validate(ISSUER, silent, jwks(rsaKey(3072)), null).findings()).extracting(Finding::code)
                .containsExactly("pkce_not_announced");
    }

    @Test
    @SuppressWarnings("unchecked")
    void judgesTheSigningKeys() {
        assertThat(validator.validate(ISSUER, discovery(), jwks(rsaKey(1024)), null).has("key_too_weak")).isTrue();
        assertThat(validator.validate(ISSUER, discovery(), jwks(rsaKey(2048)), null).findings()).extracting(Finding::code)
                .containsExactly("key_rsa_2048");
        Map<String, Object> leaked = new HashMap<>(rsaKey(3072));
        leaked.put("d", "secret");
        assertThat(validator.validate(ISSUER, discovery(), jwks(leaked), null).has("jwks_private_key")).isTrue();
        assertThat(validator.validate(ISSUER, discovery(), Map.of("keys", List.of()), null).has("jwks_empty")).isTrue();
        assertThat(validator.validate(ISSUER, discovery(), null, "https://login.bmi.bund.example answered HTTP 404.")
                .findings().get(0).message()).contains("HTTP 404");
    }

    @Test
    void serverCalledEndpointsMustPassTheGuard() {
        OidcDiscoveryValidator guarded = new OidcDiscoveryValidator(url -> url.contains("127.0.0.1") || url.contains("169.254.169.254")
                ? java.util.Optional.of("a loopback address") : java.util.Optional.empty());
        Map<String, Object> bad = new HashMap<>(discovery());
        bad.put("token_endpoint", "https://127.0.0.1:8443/token");
        bad.put("end_session_endpoint", "https://169.254.169.254/latest/meta-data");
        ValidationReport report = guarded.validate(ISSUER, bad, jwks(rsaKey(3072)), null);
        assertThat(report.valid()).isFalse();
        assertThat(report.findings()).filteredOn(f -> f.code().equals("endpoint_not_public")).hasSize(2);
        assertThat(guarded.validate(ISSUER, discovery(), jwks(rsaKey(3072)), null).has("endpoint_not_public")).isFalse();
    }
}
