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
        Agency agency = Agency.builder("gemeinde-01001000", "Flensburg, Stadt", AgencyLevel.MUNICIPAL)
                .state("DE-SH").ags("01001000").ars("010010000000").build();

        assertThat(agency.ags()).contains("01001000");
        assertThat(agency.ars()).contains("010010000000");
    }

    @Test
    void treatsBlankOptionalFieldsAsAbsent() {
        Agency agency = new Agency("bund-bmi", "Bundesministerium des Innern", Optional.of("BMI"), AgencyLevel.FEDERAL,
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
        assertThatThrownBy(() -> Agency.builder("g", "G", AgencyLevel.MUNICIPAL).ags("1001000").build())
                .hasMessageContaining("AGS '1001000'").hasMessageContaining("8 digits");
        assertThat(Agency.builder("kreis-01051", "Landkreis Dithmarschen", AgencyLevel.MUNICIPAL).ags("01051").build().ags())
                .as("a district's key has 5 digits").contains("01051");
    }

    @Test
    void refusesUnknownLevelNamingTheAllowedOnes() {
        assertThatThrownBy(() -> AgencyLevel.fromCode("county"))
                .hasMessageContaining("'county'").hasMessageContaining("federal, state, municipal, other");
        assertThat(AgencyLevel.fromCode(" State ")).isEqualTo(AgencyLevel.STATE);
    }

    @Test
    void survivesTheRoundTripThroughOrganizationAttributes() {
        Agency agency = Agency.builder("gemeinde-01001000", "Flensburg, Stadt", AgencyLevel.MUNICIPAL)
                .shortName("Flensburg").state("DE-SH").ags("01001000").ars("010010000000").build();

        Map<String, List<String>> attributes = AgencyAttributes.toAttributes(agency);

        assertThat(attributes).containsEntry(AgencyAttributes.LEVEL, List.of("municipal"));
        assertThat(AgencyAttributes.fromAttributes(agency.id(), agency.name(), attributes)).isEqualTo(agency);
    }

    @Test
    void theOfficialNameSurvivesADisambiguatedOrganizationName() {
        Agency neuenkirchen = Agency.builder("gemeinde-03358018", "Neuenkirchen", AgencyLevel.MUNICIPAL).state("DE-NI").build();

        String organizationName = AgencyAttributes.organizationName(neuenkirchen, true);

        assertThat(organizationName).isEqualTo("Neuenkirchen (gemeinde-03358018)");
        assertThat(AgencyAttributes.fromAttributes(neuenkirchen.id(), organizationName,
                AgencyAttributes.toAttributes(neuenkirchen)).name()).isEqualTo("Neuenkirchen");
        assertThat(AgencyAttributes.organizationName(neuenkirchen, false)).isEqualTo("Neuenkirchen");
    }

    @Test
    void anOrganizationWithoutLevelIsNotAnAgency() {
        assertThatThrownBy(() -> AgencyAttributes.fromAttributes("acme", "ACME", Map.of()))
                .hasMessageContaining("'acme' is not a DVC agency")
                .hasMessageContaining(AgencyAttributes.LEVEL);
    }
}
