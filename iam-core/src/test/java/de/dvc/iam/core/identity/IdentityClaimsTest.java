package de.dvc.iam.core.identity;

import de.dvc.iam.core.agency.Agency;
import de.dvc.iam.core.agency.AgencyLevel;
import de.dvc.iam.core.assurance.AssuranceLevel;
import de.dvc.iam.core.profile.AssertedIdentity;
import de.dvc.iam.core.profile.OrgUnit;
import de.dvc.iam.core.profile.Role;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentityClaimsTest {

    private static final Agency SENFIN = Agency.of("berlin-senfin", "Senatsverwaltung für Finanzen Berlin", AgencyLevel.STATE, "DE-BE");
    private static final AssertedIdentity ANNA = new AssertedIdentity("Anna", "Schmidt", "anna.schmidt@senfin.berlin.example",
            null, new OrgUnit("Referat II A", "II-A"), List.of(new Role("Sachbearbeitung", Map.of("GKZ", List.of("11000000"))),
            Role.named("Haushalt")));

    @Test
    void writesTheWholeContractInAStableOrder() {
        Map<String, Object> claims = IdentityClaims.of(new DvcIdentity(SENFIN, "berlin-senfin", ANNA, AssuranceLevel.SUBSTANTIELL));

        assertThat(claims).containsExactly(
                Map.entry("dvc_contract", "1.1"),
                Map.entry("given_name", "Anna"),
                Map.entry("family_name", "Schmidt"),
                Map.entry("name", "Anna Schmidt"),
                Map.entry("email", "anna.schmidt@senfin.berlin.example"),
                Map.entry("email_verified", true),
                Map.entry("agency", Map.of("id", "berlin-senfin", "name", "Senatsverwaltung für Finanzen Berlin",
                        "level", "state", "state", "DE-BE")),
                Map.entry("org_unit", Map.of("name", "Referat II A", "code", "II-A")),
                Map.entry("roles", List.of(Map.of("name", "Sachbearbeitung", "params", Map.of("GKZ", List.of("11000000"))),
                        Map.of("name", "Haushalt"))),
                Map.entry("dvc_assurance", "substantiell"),
                Map.entry("home_idp", "berlin-senfin"));
    }

    @Test
    void leavesOutEmailAndOrgUnitWhereTheAgencyReleasedNone() {
        AssertedIdentity noEmail = new AssertedIdentity("Jonas", "Weber", null, null, null, List.of());

        Map<String, Object> claims = IdentityClaims.of(new DvcIdentity(SENFIN, "berlin-senfin", noEmail, AssuranceLevel.NORMAL));

        assertThat(claims).doesNotContainKeys("email", "email_verified", "org_unit").containsEntry("roles", List.of());
    }

    @Test
    void writesTheShortNameWhereTheAgencyHasOne() {
        Agency bmi = Agency.builder("bund-bmi", "Bundesministerium des Innern", AgencyLevel.FEDERAL).shortName("BMI").build();

        assertThat(IdentityClaims.of(new DvcIdentity(bmi, "bund-bmi", ANNA, AssuranceLevel.NORMAL)).get("agency"))
                .isEqualTo(Map.of("id", "bund-bmi", "name", "Bundesministerium des Innern", "short_name", "BMI", "level", "federal"));
    }

    @Test
    void anIdentityNeedsItsHomeIdp() {
        assertThatThrownBy(() -> new DvcIdentity(SENFIN, " ", ANNA, AssuranceLevel.NORMAL)).isInstanceOf(IllegalArgumentException.class);
    }
}
