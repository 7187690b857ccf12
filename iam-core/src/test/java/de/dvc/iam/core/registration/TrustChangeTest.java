package de.dvc.iam.core.registration;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustChangeTest {

    @Test
    void aChangeNamesWhatChanges() {
        TrustChange change = TrustChange.parse(Map.of("domains", List.of("a.example", "B.example"), "maxAssurance", "hoch"), "u1", "t");
        assertThat(change.domains()).containsExactly("a.example", "b.example");
        assertThat(change.settings()).containsExactly(Map.entry("assurance.max", "hoch"));
        assertThat(change.addedDomains(List.of("a.example", "c.example"))).containsExactly("b.example");
        assertThat(change.removedDomains(List.of("a.example", "c.example"))).containsExactly("c.example");
        assertThat(change.summary(List.of("a.example"))).contains("+[b.example]", "assurance.max = hoch");
    }

    @Test
    void unknownFieldsWrongTypesAndEmptyChangesAreRefused() {
        assertThatThrownBy(() -> TrustChange.parse(Map.of("alias", "x"), "u", "t")).hasMessageContaining("Unknown field 'alias'");
        assertThatThrownBy(() -> TrustChange.parse(Map.of("domains", "a.example"), "u", "t")).hasMessageContaining("list");
        assertThatThrownBy(() -> TrustChange.parse(Map.of("maxAssurance", 3), "u", "t")).hasMessageContaining("string");
        assertThatThrownBy(() -> TrustChange.parse(Map.of(), "u", "t")).hasMessageContaining("nothing");
    }

    @Test
    void onlyAnotherOperatorApproves() {
        TrustChange change = TrustChange.parse(Map.of("maxAssurance", "hoch"), "op1", "t");
        assertThat(change.approvalRefusal(new Principal("op1", true, null))).get().asString().contains("Four eyes");
        assertThat(change.approvalRefusal(new Principal("admin", false, "x"))).isPresent();
        assertThat(change.approvalRefusal(new Principal("op2", true, null))).isEmpty();
    }
}
