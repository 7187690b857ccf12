package de.dvc.iam.core.binding;

import de.dvc.iam.core.agency.Agency;
import de.dvc.iam.core.agency.AgencyLevel;
import de.dvc.iam.core.profile.AssertedAttributes;
import de.dvc.iam.core.profile.AssertedIdentity;
import de.dvc.iam.core.profile.AttributeProfiles;
import de.dvc.iam.core.profile.ProfileOutcome;
import de.dvc.iam.core.profile.Role;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RoleBindingTest {

    private static final Agency MUENCHEN = Agency.builder("stadt-muenchen", "Landeshauptstadt München", AgencyLevel.MUNICIPAL)
            .state("DE-BY").ags("09162000").ars("091620000000").build();
    private static final Agency BMI = Agency.of("bund-bmi", "Bundesministerium des Innern", AgencyLevel.FEDERAL, null);

    private static AssertedIdentity person(Role... roles) {
        return new AssertedIdentity("Anna", "Schmidt", "anna@muenchen.example", null, null, List.of(roles));
    }

    @Test
    void keepsRolesForTheAgencysOwnKeysAndRolesWithoutKeys() {
        List<Role> roles = List.of(new Role("Sachbearbeitung", Map.of("GKZ", List.of("09162000"))),
                new Role("Meldewesen", Map.of("ags", List.of("09162000"))), new Role("Statistik", Map.of("ARS", List.of("091620000000"))),
                new Role("Kasse", Map.of("agency", List.of("stadt-muenchen"))), new Role("Leitung", Map.of("Bereich", List.of("Z"))),
                Role.named("Haushalt"));

        AssertedIdentity bound = new RoleBinding(MUENCHEN).bind(person(roles.toArray(Role[]::new)));

        assertThat(bound.roles()).containsExactlyElementsOf(roles);
    }

    @Test
    void dropsRolesThatNameAnotherAgencysKey() {
        Role foreignAgs = new Role("Sachbearbeitung", Map.of("GKZ", List.of("09184000")));
        Role foreignArs = new Role("Statistik", Map.of("RS", List.of("091840000000")));
        Role foreignAgency = new Role("Kasse", Map.of("Agency", List.of("bund-bmi")));
        Role ownAndForeign = new Role("Meldewesen", Map.of("AGS", List.of("09162000", "09184000")));

        AssertedIdentity bound = new RoleBinding(MUENCHEN).bind(person(foreignAgs, Role.named("Haushalt"), foreignArs,
                foreignAgency, ownAndForeign));

        assertThat(bound.roles()).containsExactly(Role.named("Haushalt"));
        assertThat(bound.email()).isEqualTo("anna@muenchen.example");
    }

    @Test
    void anAgencyWithoutOfficialKeysCanAssertNoKeyedRole() {
        AssertedIdentity bound = new RoleBinding(BMI).bind(person(new Role("Aufsicht", Map.of("GKZ", List.of("09162000"))),
                new Role("Referat", Map.of("agency", List.of("bund-bmi")))));

        assertThat(bound.roles()).containsExactly(new Role("Referat", Map.of("agency", List.of("bund-bmi"))));
    }

    @Test
    void theAgsInsideTheArsCountsAndADistrictDoesNotVouchForItsMunicipalities() {
        Agency arsOnly = Agency.builder("stadt-muenchen", "Landeshauptstadt München", AgencyLevel.MUNICIPAL)
                .ars("091620000000").build();
        Agency district = Agency.builder("kreis-09184", "Landkreis München", AgencyLevel.MUNICIPAL).ags("09184").build();

        assertThat(new RoleBinding(arsOnly).admits(new Role("X", Map.of("GKZ", List.of("09162000"))))).isTrue();
        assertThat(new RoleBinding(district).admits(new Role("X", Map.of("GKZ", List.of("09184000"))))).isFalse();
        assertThat(new RoleBinding(district).admits(new Role("X", Map.of("GKZ", List.of("09184"))))).isTrue();
    }

    @Test
    void bindsPvpRolesAsParsedFromTheAssertion() {
        ProfileOutcome outcome = AttributeProfiles.PVP.apply(AssertedAttributes.builder()
                .add("urn:oid:2.5.4.42", "Anna").add("urn:oid:1.2.40.0.10.2.1.1.261.20", "Schmidt")
                .add("urn:oid:0.9.2342.19200300.100.1.3", "anna@muenchen.example")
                .add("urn:oid:1.2.40.0.10.2.1.1.261.30", "Sachbearbeitung(GKZ=09162000);Sachbearbeitung(GKZ = 09184000);Leitung")
                .build());

        AssertedIdentity bound = new RoleBinding(MUENCHEN).bind(((ProfileOutcome.Accepted) outcome).identity());

        assertThat(bound.roles()).containsExactly(new Role("Sachbearbeitung", Map.of("GKZ", List.of("09162000"))), Role.named("Leitung"));
    }
}
