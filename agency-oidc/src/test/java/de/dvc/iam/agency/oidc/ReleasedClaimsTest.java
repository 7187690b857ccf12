package de.dvc.iam.agency.oidc;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ReleasedClaimsTest {

    @Test
    void dvcsScopesGetWhatItsOidcAttributeProfileReads() {
        Map<String, Object> claims = ReleasedClaims.of(AgencyStaff.SARA, Set.of("openid", "profile", "email"));

        assertThat(claims).containsEntry("sub", "6c1f0e52-93a4-4d7b-b2e8-1f4a7c9d3e05")
                .containsEntry("given_name", "Sara").containsEntry("family_name", "Yilmaz").containsEntry("name", "Sara Yilmaz")
                .containsEntry("email", "sara.yilmaz@beispiel-land.example").containsEntry("email_verified", true)
                .containsEntry("org_unit", "Referat 23 - Digitale Verwaltung").containsEntry("org_unit_code", "IM-23")
                .containsEntry("roles", List.of("Sachbearbeitung", "Digitalisierung"));
    }

    @Test
    void onlyTheSubjectWithoutProfileAndEmailScopes() {
        assertThat(ReleasedClaims.of(AgencyStaff.SARA, Set.of("openid"))).containsOnlyKeys("sub");
        assertThat(ReleasedClaims.of(AgencyStaff.SARA, Set.of("openid", "email"))).containsOnlyKeys("sub", "email", "email_verified");
        assertThat(ReleasedClaims.of(AgencyStaff.SARA, Set.of("openid", "profile")))
                .doesNotContainKeys("email", "email_verified").containsKeys("given_name", "roles", "org_unit");
    }

    @Test
    void theSubjectIsTheDirectoryIdNotTheAddress() {
        Object sara = ReleasedClaims.of(AgencyStaff.SARA, Set.of("openid")).get("sub");
        Object max = ReleasedClaims.of(AgencyStaff.MAX, Set.of("openid")).get("sub");

        assertThat(sara).isNotEqualTo(AgencyStaff.SARA.email()).isNotEqualTo(max);
    }

    @Test
    void theAuthenticationIsAPasswordLogin() {
        assertThat(ReleasedClaims.authentication()).containsEntry("acr", ReleasedClaims.PASSWORD_ACR).containsEntry("amr", List.of("pwd"));
    }
}
