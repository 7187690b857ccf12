package de.dvc.iam.keycloak.registration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshEventsTest {

    @Test
    void anEventIsOneCompactJsonObjectInTheGivenOrder() {
        assertThat(RefreshEvents.json("type", "metadata_refresh", "agency", "bund-bmi", "idp", "bmi-saml", "outcome", "failed",
                "reason", "metadata_unreachable", "failures", 3))
                .isEqualTo("{\"type\":\"metadata_refresh\",\"agency\":\"bund-bmi\",\"idp\":\"bmi-saml\",\"outcome\":\"failed\","
                        + "\"reason\":\"metadata_unreachable\",\"failures\":3}");
    }

    @Test
    void aValueCannotBreakTheLineOrForgeAnother() {
        String event = RefreshEvents.json("type", "metadata_refresh", "reason", "x\"}\n{\"type\":\"forged\"");
        assertThat(event).doesNotContain("\n").contains("\\\"}\\n{\\\"type\\\":\\\"forged\\\"");
    }
}
