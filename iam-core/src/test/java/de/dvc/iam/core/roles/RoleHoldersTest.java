package de.dvc.iam.core.roles;

import de.dvc.iam.core.roles.RoleHolders.Holder;
import de.dvc.iam.core.roles.RoleHolders.Role;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoleHoldersTest {

    private static final Holder PETRA = new Holder(Role.OPERATOR, Optional.empty(), "bund-bmi", Optional.of("Petra.Betrieb@bmi.bund.example"),
            Optional.empty());
    private static final Holder ANNA = new Holder(Role.AGENCY_ADMIN, Optional.of("berlin-senfin"), "berlin-senfin", Optional.empty(),
            Optional.of("f:3c1\tstrange-subject"));

    @Test
    void theTextIsTheSameForTheSameHoldersAndReadsBackAsWritten() {
        RoleHolders holders = new RoleHolders(List.of(PETRA, ANNA, PETRA));
        assertThat(holders.holders()).containsExactly(ANNA, PETRA);
        assertThat(holders.encode()).isEqualTo(new RoleHolders(List.of(ANNA, PETRA)).encode())
                .isEqualTo("agency-admin\tberlin-senfin\tberlin-senfin\t-\tf%3A3c1%09strange-subject\n"
                        + "operator\t-\tbund-bmi\tpetra.betrieb%40bmi.bund.example\t-\n");
        assertThat(RoleHolders.decode(holders.encode())).isEqualTo(holders);
        assertThat(RoleHolders.decode("")).isEqualTo(RoleHolders.NONE);
        assertThat(RoleHolders.NONE.encode()).isEmpty();
    }

    @Test
    void aHolderIsRecognisedOnlyThroughHerIdpAndByHerEmailOrSubject() {
        RoleHolders holders = new RoleHolders(List.of(PETRA, ANNA));
        assertThat(holders.operator("bund-bmi", "PETRA.betrieb@bmi.bund.example ", "any")).isTrue();
        assertThat(holders.operator("berlin-senfin", "petra.betrieb@bmi.bund.example", "any")).as("another IdP").isFalse();
        assertThat(holders.operator("bund-bmi", "paul@bmi.bund.example", "any")).isFalse();
        assertThat(holders.operator(null, "petra.betrieb@bmi.bund.example", null)).isFalse();
        assertThat(holders.adminOf("berlin-senfin", "anna@senfin.berlin.example", "f:3c1\tstrange-subject")).contains("berlin-senfin");
        assertThat(holders.adminOf("berlin-senfin", "anna@senfin.berlin.example", "f:3c1")).isEmpty();
        assertThat(holders.operator("berlin-senfin", null, "f:3c1\tstrange-subject")).as("an admin is no operator").isFalse();
        assertThat(holders.namesSubjects()).isTrue();
        assertThat(new RoleHolders(List.of(PETRA)).namesSubjects()).as("no subject to look up").isFalse();
    }

    @Test
    void aDamagedTextIsRefusedWithItsLine() {
        assertThatThrownBy(() -> RoleHolders.decode("operator\t-\tbund-bmi\tx@y.example\t-\nroot\t-\tidp\tx@y.example\t-\n"))
                .hasMessageContaining("line 2").hasMessageContaining("unknown role 'root'");
        assertThatThrownBy(() -> RoleHolders.decode("operator\tbund-bmi\n")).hasMessageContaining("line 1 has 2 fields");
        assertThatThrownBy(() -> RoleHolders.decode("operator\t-\tbund-bmi\t-\t-\n")).hasMessageContaining("an email or a subject");
    }
}
