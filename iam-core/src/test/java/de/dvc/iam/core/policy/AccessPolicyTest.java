package de.dvc.iam.core.policy;

import de.dvc.iam.core.agency.Agency;
import de.dvc.iam.core.agency.AgencyLevel;
import de.dvc.iam.core.assurance.AssuranceLevel;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessPolicyTest {

    private static final Agency SENFIN = Agency.of("berlin-senfin", "SenFin", AgencyLevel.STATE, "DE-BE");
    private static final Agency BMI = Agency.of("bund-bmi", "BMI", AgencyLevel.FEDERAL, null);

    private static AccessDecision decide(Map<String, String> settings, Agency agency, Set<String> roles, AssuranceLevel level) {
        return AccessPolicy.fromSettings(settings).evaluate(new PolicySubject(agency, roles, level));
    }

    @Test
    void anEmptyPolicyAllowsEveryone() {
        assertThat(decide(Map.of(), BMI, Set.of(), AssuranceLevel.NORMAL).allowed()).isTrue();
    }

    @Test
    void eachAxisRefusesWithItsOwnReason() {
        assertThat(decide(Map.of("dvc.policy.agencies", "bund-bmi, bund-bmf"), SENFIN, Set.of(), AssuranceLevel.HOCH).reason())
                .isEqualTo(AccessDecision.Reason.AGENCY);
        assertThat(decide(Map.of("dvc.policy.levels", "federal"), SENFIN, Set.of(), AssuranceLevel.HOCH).reason())
                .isEqualTo(AccessDecision.Reason.LEVEL);
        assertThat(decide(Map.of("dvc.policy.states", "de-by"), SENFIN, Set.of(), AssuranceLevel.HOCH).reason())
                .isEqualTo(AccessDecision.Reason.STATE);
        assertThat(decide(Map.of("dvc.policy.states", "DE-BE"), BMI, Set.of(), AssuranceLevel.HOCH).reason())
                .as("a federal agency lies in no state").isEqualTo(AccessDecision.Reason.STATE);
        assertThat(decide(Map.of("dvc.policy.roles", "Haushalt"), SENFIN, Set.of("Personal"), AssuranceLevel.HOCH).reason())
                .isEqualTo(AccessDecision.Reason.ROLE);
        assertThat(decide(Map.of("dvc.policy.assurance", "substantiell"), SENFIN, Set.of(), AssuranceLevel.NORMAL).reason())
                .isEqualTo(AccessDecision.Reason.ASSURANCE);
    }

    @Test
    void allowsWhenEveryAxisAllows() {
        Map<String, String> settings = Map.of("dvc.policy.levels", "state,municipal", "dvc.policy.states", "DE-BE",
                "dvc.policy.roles", "Haushalt, Personal", "dvc.policy.assurance", "substantial");

        assertThat(decide(settings, SENFIN, Set.of("Personal"), AssuranceLevel.HOCH)).isEqualTo(AccessDecision.ALLOWED);
        assertThat(AccessDecision.Reason.ROLE.code()).isEqualTo("policy_role");
    }

    @Test
    void acrValuesRaiseTheRequiredLevelToTheLowestKnownValue() {
        AccessPolicy substantiell = AccessPolicy.fromSettings(Map.of("dvc.policy.assurance", "substantiell"));

        assertThat(AccessPolicy.OPEN.requiredAssurance(null)).isEqualTo(AssuranceLevel.NORMAL);
        assertThat(AccessPolicy.OPEN.requiredAssurance("http://eidas.europa.eu/LoA/high urn:x http://eidas.europa.eu/LoA/substantial"))
                .isEqualTo(AssuranceLevel.SUBSTANTIELL);
        assertThat(AccessPolicy.OPEN.requiredAssurance("urn:unknown")).isEqualTo(AssuranceLevel.NORMAL);
        assertThat(substantiell.requiredAssurance("http://eidas.europa.eu/LoA/low")).as("never below the policy")
                .isEqualTo(AssuranceLevel.SUBSTANTIELL);
    }

    @Test
    void badSettingsNameTheSetting() {
        assertThatThrownBy(() -> AccessPolicy.fromSettings(Map.of("dvc.policy.levels", "kommunal")))
                .hasMessageStartingWith("dvc.policy.levels");
        assertThatThrownBy(() -> AccessPolicy.fromSettings(Map.of("dvc.policy.states", "Berlin")))
                .hasMessageContaining("ISO 3166-2:DE");
        assertThatThrownBy(() -> AccessPolicy.fromSettings(Map.of("dvc.policy.assurance", "mittel")))
                .hasMessageStartingWith("dvc.policy.assurance");
    }
}
