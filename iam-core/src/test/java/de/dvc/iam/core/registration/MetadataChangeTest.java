package de.dvc.iam.core.registration;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MetadataChangeTest {

    private static Map<String, String> idp(String certificate) {
        return new HashMap<>(Map.of("singleSignOnServiceUrl", "https://idp.example/sso", "signingCertificate", certificate));
    }

    @Test
    void theSameMetadataChangesNothingAndNotesNothing() {
        Map<String, String> config = idp("CERT-A");
        MetadataChange.Applied applied = MetadataChange.apply(config, idp("CERT-A"), true, false);
        assertThat(applied.outcome()).isEqualTo(RefreshOutcome.UNCHANGED);
        assertThat(applied.changed()).isFalse();
        assertThat(applied.note()).isEmpty();
    }

    @Test
    void aNewEndpointIsAppliedAndNoted() {
        Map<String, String> config = idp("CERT-A");
        Map<String, String> parsed = idp("CERT-A");
        parsed.put("singleSignOnServiceUrl", "https://idp.example/sso2");
        MetadataChange.Applied applied = MetadataChange.apply(config, parsed, true, false);
        assertThat(applied.outcome()).isEqualTo(RefreshOutcome.APPLIED);
        assertThat(applied.note()).contains("new metadata applied");
        assertThat(config).containsEntry("singleSignOnServiceUrl", "https://idp.example/sso2");
    }

    @Test
    void aNewSigningKeyIsAppliedAndNotedWhereNoApprovalIsWanted() {
        Map<String, String> config = idp("CERT-A");
        MetadataChange.Applied applied = MetadataChange.apply(config, idp("CERT-B"), false, false);
        assertThat(applied.outcome()).isEqualTo(RefreshOutcome.KEY_CHANGED);
        assertThat(applied.note()).contains("new metadata applied; the signing key changed");
        assertThat(config).containsEntry("signingCertificate", "CERT-B");
    }

    @Test
    void aHeldSigningKeyChangesNothingAndIsNotedOnce() {
        Map<String, String> config = idp("CERT-A");
        Map<String, String> parsed = idp("CERT-B");
        parsed.put("singleSignOnServiceUrl", "https://idp.example/sso2");
        MetadataChange.Applied first = MetadataChange.apply(config, parsed, true, false);
        assertThat(first.outcome()).isEqualTo(RefreshOutcome.KEY_CHANGE_PENDING);
        assertThat(first.note()).contains("signing key change held for an operator's approval");
        assertThat(config).as("the last good settings, endpoints too").isEqualTo(idp("CERT-A"));
        assertThat(MetadataChange.apply(config, parsed, true, true).note()).as("already waiting").isEmpty();
    }

    @Test
    void anEmptyForcedSettingOnAnIdpSavedWithoutItIsNoChange() {
        // Keycloak's admin API dropped artifactResolutionServiceUrl="" when the IdP was saved.
        Map<String, String> config = new HashMap<>(Map.of("singleSignOnServiceUrl", "https://idp.example/sso"));
        Map<String, String> parsed = new HashMap<>(Map.of("singleSignOnServiceUrl", "https://idp.example/sso",
                "artifactResolutionServiceUrl", ""));
        Map<String, String> before = new HashMap<>(config);

        assertThat(MetadataChange.merge(config, parsed)).isFalse();
        assertThat(MetadataChange.sameSettings(before, config)).as("no IdP write").isTrue();
        assertThat(MetadataChange.sameSettings(Map.of("a", ""), Map.of())).isTrue();
    }

    @Test
    void anEndpointTheMetadataNoLongerHasIsRemoved() {
        Map<String, String> config = new HashMap<>(Map.of("singleSignOnServiceUrl", "https://idp.example/sso",
                "singleLogoutServiceUrl", "https://idp.example/slo"));
        Map<String, String> parsed = new HashMap<>();
        parsed.put("singleSignOnServiceUrl", "https://idp.example/sso");
        parsed.put("singleLogoutServiceUrl", null); // what Keycloak's SAML parser gives for metadata without a logout endpoint

        assertThat(MetadataChange.merge(config, parsed)).isTrue();
        assertThat(config).doesNotContainKey("singleLogoutServiceUrl").containsEntry("singleSignOnServiceUrl", "https://idp.example/sso");
    }

    @Test
    void aNewValueIsAChange() {
        Map<String, String> config = new HashMap<>(Map.of("singleSignOnServiceUrl", "https://idp.example/sso"));
        Map<String, String> before = new HashMap<>(config);

        assertThat(MetadataChange.merge(config, Map.of("singleSignOnServiceUrl", "https://idp.example/sso2"))).isTrue();
        assertThat(config).containsEntry("singleSignOnServiceUrl", "https://idp.example/sso2");
        assertThat(MetadataChange.sameSettings(before, config)).isFalse();
    }

    @Test
    void onlyTheDiscoveryEndpointsAreTakenOverAndAMissingOneKeepsItsValue() {
        Map<String, String> config = new HashMap<>(Map.of("tokenUrl", "https://op.example/token", "clientId", "dvc",
                "logoutUrl", "https://op.example/logout"));
        Map<String, String> parsed = new HashMap<>(Map.of("tokenUrl", "https://op.example/token2", "clientId", "other"));

        assertThat(MetadataChange.applyEndpoints(config, parsed)).isTrue();
        assertThat(config).containsEntry("tokenUrl", "https://op.example/token2").containsEntry("clientId", "dvc")
                .containsEntry("logoutUrl", "https://op.example/logout");
        assertThat(MetadataChange.applyEndpoints(config, parsed)).as("nothing new the second time").isFalse();
    }
}
