package de.dvc.iam.core.agency;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgencyTest {

    @Test
    void keepsOfficialKeysOfAMunicipality() {
        Agency agency = new Agency("gemeinde-01001000", "Flensburg, Stadt", AgencyLevel.MUNICIPAL,
                Optional.of("DE-SH"), Optional.of("01001000"), Optional.of("010010000000"));

        assertThat(agency.ags()).contains("01001000");
        assertThat(agency.ars()).contains("010010000000");
    }

    @Test
    void treatsBlankOptionalFieldsAsAbsent() {
        Agency agency = new Agency("bund-bmi", "Bundesministerium des Innern", AgencyLevel.FEDERAL,
                Optional.of(" "), Optional.empty(), null);

        assertThat(agency.state()).isEmpty();
        assertThat(agency.ars()).isEmpty();
    }

    @Test
    void refusesIdsThatCannotBeAnOrganizationAlias() {
        assertThatThrownBy(() -> Agency.of("Berlin SenFin", "x", AgencyLevel.STATE, "DE-BE"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Berlin SenFin'")
                .hasMessageContaining("lower-case");
        assertThatThrownBy(() -> Agency.of("-berlin", "x", AgencyLevel.STATE, "DE-BE"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesMalformedStateAndKeysNamingTheField() {
        assertThatThrownBy(() -> Agency.of("berlin-senfin", "SenFin", AgencyLevel.STATE, "BE"))
                .hasMessageContaining("state 'BE'").hasMessageContaining("ISO 3166-2:DE");
        assertThatThrownBy(() -> new Agency("g", "G", AgencyLevel.MUNICIPAL, Optional.empty(),
                Optional.of("1001000"), Optional.empty()))
                .hasMessageContaining("AGS '1001000'").hasMessageContaining("8 digits");
    }

    @Test
    void refusesUnknownLevelNamingTheAllowedOnes() {
        assertThatThrownBy(() -> AgencyLevel.fromCode("county"))
                .hasMessageContaining("'county'").hasMessageContaining("federal, state, municipal, other");
        assertThat(AgencyLevel.fromCode(" State ")).isEqualTo(AgencyLevel.STATE);
    }

    @Test
    void survivesTheRoundTripThroughOrganizationAttributes() {
        Agency agency = new Agency("gemeinde-01001000", "Flensburg, Stadt", AgencyLevel.MUNICIPAL,
                Optional.of("DE-SH"), Optional.of("01001000"), Optional.of("010010000000"));

        Map<String, List<String>> attributes = AgencyAttributes.toAttributes(agency);

        assertThat(attributes).containsEntry(AgencyAttributes.LEVEL, List.of("municipal"));
        assertThat(AgencyAttributes.fromAttributes(agency.id(), agency.name(), attributes)).isEqualTo(agency);
    }

    @Test
    void anOrganizationWithoutLevelIsNotAnAgency() {
        assertThatThrownBy(() -> AgencyAttributes.fromAttributes("acme", "ACME", Map.of()))
                .hasMessageContaining("'acme' is not a DVC agency")
                .hasMessageContaining(AgencyAttributes.LEVEL);
    }
}
