package de.dvc.iam.core.identity;

import de.dvc.iam.core.agency.Agency;
import de.dvc.iam.core.agency.AgencyLevel;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentityClaimsTest {

    @Test
    void writesAgencyAndHomeIdpWithTheContractVersion() {
        Agency senfin = Agency.of("berlin-senfin", "Senatsverwaltung für Finanzen Berlin", AgencyLevel.STATE, "DE-BE");

        Map<String, Object> claims = IdentityClaims.of(new DvcIdentity(senfin, "berlin-senfin"));

        assertThat(claims).containsExactly(
                Map.entry("dvc_contract", "1.0"),
                Map.entry("agency", Map.of("id", "berlin-senfin", "name", "Senatsverwaltung für Finanzen Berlin",
                        "level", "state", "state", "DE-BE")),
                Map.entry("home_idp", "berlin-senfin"));
    }

    @Test
    void writesTheShortNameWhereTheAgencyHasOne() {
        Agency bmi = Agency.builder("bund-bmi", "Bundesministerium des Innern", AgencyLevel.FEDERAL).shortName("BMI").build();

        assertThat(IdentityClaims.of(new DvcIdentity(bmi, "bund-bmi")).get("agency"))
                .isEqualTo(Map.of("id", "bund-bmi", "name", "Bundesministerium des Innern", "short_name", "BMI", "level", "federal"));
    }

    @Test
    void leavesOutAbsentFieldsInsteadOfWritingNulls() {
        Agency bmi = Agency.of("bund-bmi", "Bundesministerium des Innern", AgencyLevel.FEDERAL, null);

        @SuppressWarnings("unchecked")
        Map<String, String> agency = (Map<String, String>) IdentityClaims.of(new DvcIdentity(bmi, "bund-bmi")).get("agency");

        assertThat(agency).containsOnlyKeys("id", "name", "level");
    }

    @Test
    void anIdentityNeedsItsHomeIdp() {
        Agency bmi = Agency.of("bund-bmi", "BMI", AgencyLevel.FEDERAL, null);
        assertThatThrownBy(() -> new DvcIdentity(bmi, " ")).isInstanceOf(IllegalArgumentException.class);
    }
}
