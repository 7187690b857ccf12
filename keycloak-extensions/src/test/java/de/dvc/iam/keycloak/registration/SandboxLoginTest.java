package de.dvc.iam.keycloak.registration;

import de.dvc.iam.core.profile.AssertedIdentity;
import de.dvc.iam.core.profile.OrgUnit;
import de.dvc.iam.core.profile.Role;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxLoginTest {

    @Test
    void theTesterSeesTheValuesDvcReceived() {
        AssertedIdentity anna = new AssertedIdentity("Anna", "Schmidt", "anna.schmidt@senfin.berlin.example", null,
                new OrgUnit("Referat II A", "II A"), List.of(new Role("Haushalt", Map.of()), new Role("Sachbearbeitung", Map.of())));

        assertThat(SandboxLogin.describe(anna)).isEqualTo("given_name: Anna; family_name: Schmidt; "
                + "email: anna.schmidt@senfin.berlin.example; org_unit: Referat II A (II A); roles (2): Haushalt, Sachbearbeitung");
    }

    @Test
    void manyRolesAreCut() {
        List<Role> roles = IntStream.range(0, 25).mapToObj(i -> new Role("r" + i, Map.of())).toList();
        String described = SandboxLogin.describe(new AssertedIdentity("A", "B", null, "a@x.example", null, roles));

        assertThat(described).contains("upn: a@x.example", "roles (25): r0, r1").endsWith("r19, …").doesNotContain("email", "org_unit");
    }
}
