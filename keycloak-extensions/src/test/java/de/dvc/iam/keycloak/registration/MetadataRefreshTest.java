package de.dvc.iam.keycloak.registration;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MetadataRefreshTest {

    @Test
    void anEmptyForcedSettingOnAnIdpSavedWithoutItIsNoChange() {
        // Keycloak's admin API dropped artifactResolutionServiceUrl="" when the IdP was saved.
        Map<String, String> config = new HashMap<>(Map.of("singleSignOnServiceUrl", "https://idp.example/sso"));
        Map<String, String> parsed = new HashMap<>(Map.of("singleSignOnServiceUrl", "https://idp.example/sso",
                "artifactResolutionServiceUrl", ""));
        Map<String, String> before = new HashMap<>(config);

        assertThat(MetadataRefresh.merge(config, parsed)).isFalse();
        assertThat(MetadataRefresh.sameSettings(before, config)).as("no IdP write").isTrue();
        assertThat(MetadataRefresh.sameSettings(Map.of("a", ""), Map.of())).isTrue();
    }

    @Test
    void anEndpointTheMetadataNoLongerHasIsRemoved() {
        Map<String, String> config = new HashMap<>(Map.of("singleSignOnServiceUrl", "https://idp.example/sso",
                "singleLogoutServiceUrl", "https://idp.example/slo"));
        Map<String, String> parsed = new HashMap<>();
        parsed.put("singleSignOnServiceUrl", "https://idp.example/sso");
        parsed.put("singleLogoutServiceUrl", null); // what Keycloak's SAML parser gives for metadata without a logout endpoint

        assertThat(MetadataRefresh.merge(config, parsed)).isTrue();
        assertThat(config).doesNotContainKey("singleLogoutServiceUrl").containsEntry("singleSignOnServiceUrl", "https://idp.example/sso");
    }

    @Test
    void aNewValueIsAChange() {
        Map<String, String> config = new HashMap<>(Map.of("singleSignOnServiceUrl", "https://idp.example/sso"));
        Map<String, String> before = new HashMap<>(config);

        assertThat(MetadataRefresh.merge(config, Map.of("singleSignOnServiceUrl", "https://idp.example/sso2"))).isTrue();
        assertThat(config).containsEntry("singleSignOnServiceUrl", "https://idp.example/sso2");
        assertThat(MetadataRefresh.sameSettings(before, config)).isFalse();
    }
}
