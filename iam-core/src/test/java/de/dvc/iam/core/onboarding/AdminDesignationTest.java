package de.dvc.iam.core.onboarding;

import de.dvc.iam.core.profile.Role;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AdminDesignationTest {

    @Test
    void theAssertedRoleDesignatesAnAdminWhateverItsCaseOrParameters() {
        assertThat(AdminDesignation.designated(List.of(Role.named("Sachbearbeitung"), Role.named("DVC-Agency-Admin")))).isTrue();
        assertThat(AdminDesignation.designated(List.of(new Role("dvc-agency-admin", Map.of("GKZ", List.of("09162000")))))).isTrue();
    }

    @Test
    void otherRolesAndNoRolesDesignateNobody() {
        assertThat(AdminDesignation.designated(List.of(Role.named("dvc-federation-operator"), Role.named("agency-admin")))).isFalse();
        assertThat(AdminDesignation.designated(List.of())).isFalse();
        assertThat(AdminDesignation.designated(null)).isFalse();
    }
}
