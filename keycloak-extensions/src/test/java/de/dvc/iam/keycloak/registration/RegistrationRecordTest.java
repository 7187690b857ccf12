package de.dvc.iam.keycloak.registration;

import de.dvc.iam.core.registration.RegistrationState;
import org.junit.jupiter.api.Test;
import org.keycloak.models.IdentityProviderModel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RegistrationRecordTest {

    @Test
    void everyTransitionStaysInTheHistoryWhileOldEventsMakeRoom() {
        IdentityProviderModel idp = new IdentityProviderModel();
        idp.setConfig(new HashMap<>());
        RegistrationRecord record = new RegistrationRecord(idp);
        record.start("berlin-senfin", "admin-1", "https://idp.example/md", List.of("senfin.berlin.example"), Map.of("valid", true));
        record.move(RegistrationState.TESTED, "confirm-test", "sandbox login", "received given_name");
        record.move(RegistrationState.ACTIVE, "approve", "op-1", "checked");
        for (int i = 0; i < 2 * RegistrationRecord.MAX_HISTORY; i++) {
            record.note("refresh", "metadata refresh", "new metadata applied " + i);
            if (i == 70) {
                record.move(RegistrationState.SUSPENDED, "suspend", "op-2", "key compromised");
                record.move(RegistrationState.ACTIVE, "reactivate", "op-2", "new key");
            }
        }

        List<Map<String, String>> history = record.history();
        assertThat(history).hasSize(RegistrationRecord.MAX_HISTORY);
        assertThat(history).extracting(h -> h.get("action"))
                .containsSubsequence("submit", "confirm-test", "approve", "suspend", "reactivate");
        assertThat(history.get(history.size() - 1).get("reason")).isEqualTo("new metadata applied " + (2 * RegistrationRecord.MAX_HISTORY - 1));
        assertThat(history).filteredOn(h -> "refresh".equals(h.get("action"))).hasSize(RegistrationRecord.MAX_HISTORY - 5)
                .first().extracting(h -> h.get("reason")).isNotEqualTo("new metadata applied 0");
    }
}
