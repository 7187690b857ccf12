package de.dvc.iam.core.registration;

import de.dvc.iam.core.assurance.AssuranceLevel;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ApiAccessTest {

    private final ApiAccess access = new ApiAccess(Set.of("dvc-registration-cli"), Set.of("bund-bmi"), AssuranceLevel.SUBSTANTIELL);

    @Test
    void onlyTokensOfTheApiClientsAreAccepted() {
        assertThat(access.tokenRefusal("dvc-registration-cli")).isEmpty();
        assertThat(access.tokenRefusal("dvc-demo-service")).get().asString().contains("dvc-registration-cli", "dvc-demo-service");
        assertThat(access.tokenRefusal(null)).isPresent();
    }

    @Test
    void operatorPowerNeedsAnOperatorIdpAndEnoughAssurance() {
        assertThat(access.operatorRefusal("bund-bmi", AssuranceLevel.SUBSTANTIELL)).isEmpty();
        assertThat(access.operatorRefusal("bund-bmi", AssuranceLevel.HOCH)).isEmpty();
        assertThat(access.operatorRefusal("bund-bmi", AssuranceLevel.NORMAL)).get().asString().contains("substantiell");
        assertThat(access.operatorRefusal("berlin-senfin", AssuranceLevel.HOCH)).get().asString().contains("bund-bmi");
        assertThat(access.operatorRefusal(null, AssuranceLevel.HOCH)).isPresent();
        ApiAccess none = new ApiAccess(Set.of("dvc-registration-cli"), Set.of(), AssuranceLevel.NORMAL);
        assertThat(none.operatorRefusal("bund-bmi", AssuranceLevel.HOCH)).get().asString().contains("none is configured");
    }
}
