package de.dvc.iam.core.registration;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshOrderTest {

    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

    @Test
    void aRoundCutShortResumesWithTheRegistrationsItDidNotReach() {
        List<String> due = List.of("c", "a", "d", "b");
        Map<String, Instant> tried = new HashMap<>();
        // First round: nothing tried yet, stable order by key; the budget ends after two.
        List<String> first = RefreshOrder.order(due, Function.identity(), tried);
        assertThat(first).containsExactly("a", "b", "c", "d");
        tried.put("a", T0);
        tried.put("b", T0.plusSeconds(1));

        List<String> second = RefreshOrder.order(due, Function.identity(), tried);
        assertThat(second).containsExactly("c", "d", "a", "b");
        tried.put("c", T0.plusSeconds(3600));
        tried.put("d", T0.plusSeconds(3601));

        assertThat(RefreshOrder.order(due, Function.identity(), tried)).as("then the longest unchecked").containsExactly("a", "b", "c", "d");
    }

    @Test
    void aNewRegistrationGoesFirst() {
        Map<String, Instant> tried = Map.of("a", T0, "b", T0.plusSeconds(5));
        assertThat(RefreshOrder.order(List.of("a", "b", "new"), Function.identity(), tried)).startsWith("new");
    }
}
