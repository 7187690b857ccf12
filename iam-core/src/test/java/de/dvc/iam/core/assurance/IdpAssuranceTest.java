package de.dvc.iam.core.assurance;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdpAssuranceTest {

    private static final String PPT = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport";
    private static final String SMARTCARD = "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI";

    private final IdpAssurance substantiellIdp = IdpAssurance.parse("substantiell", PPT + " = normal\n" + SMARTCARD + " = hoch\n");

    @Test
    void mapsWhatTheIdpReportsThroughItsTable() {
        assertThat(substantiellIdp.levelOf(Optional.of(PPT))).isEqualTo(AssuranceLevel.NORMAL);
        assertThat(substantiellIdp.levelOf(Optional.of("http://eidas.europa.eu/LoA/substantial"))).isEqualTo(AssuranceLevel.SUBSTANTIELL);
    }

    @Test
    void neverExceedsTheRegisteredMaximum() {
        assertThat(substantiellIdp.levelOf(Optional.of(SMARTCARD))).isEqualTo(AssuranceLevel.SUBSTANTIELL);
        assertThat(substantiellIdp.levelOf(Optional.of("http://eidas.europa.eu/LoA/high"))).isEqualTo(AssuranceLevel.SUBSTANTIELL);
        assertThat(IdpAssurance.parse(null, null).levelOf(Optional.of("http://eidas.europa.eu/LoA/high")))
                .as("default maximum is normal").isEqualTo(AssuranceLevel.NORMAL);
    }

    @Test
    void unknownOrMissingReportsCountAsNormal() {
        assertThat(substantiellIdp.levelOf(Optional.empty())).isEqualTo(AssuranceLevel.NORMAL);
        assertThat(substantiellIdp.levelOf(Optional.of("urn:vendor:mfa"))).isEqualTo(AssuranceLevel.NORMAL);
    }

    @Test
    void asksForTheIdpsOwnValueForAStepUp() {
        IdpAssurance idp = IdpAssurance.parse("hoch", "urn:agency:loa:2 = substantiell");

        assertThat(idp.requestFor(AssuranceLevel.SUBSTANTIELL)).contains("urn:agency:loa:2");
        assertThat(idp.requestFor(AssuranceLevel.HOCH)).contains("http://eidas.europa.eu/LoA/high");
        assertThat(substantiellIdp.requestFor(AssuranceLevel.HOCH)).as("beyond the maximum").isEmpty();
    }

    @Test
    void parsesLevelsByCodeEidasWordOrUri() {
        assertThat(AssuranceLevel.parse("Substantial")).isEqualTo(AssuranceLevel.SUBSTANTIELL);
        assertThat(AssuranceLevel.parse("http://eidas.europa.eu/LoA/high")).isEqualTo(AssuranceLevel.HOCH);
        assertThatThrownBy(() -> AssuranceLevel.parse("mittel")).hasMessageContaining("normal, substantiell or hoch");
        assertThatThrownBy(() -> IdpAssurance.parse("hoch", "x = y")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> IdpAssurance.parse("hoch", "no separator")).hasMessageContaining("line 1");
    }
}
