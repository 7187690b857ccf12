package de.dvc.iam.core.audit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class AuditEventTest {

    @Test
    void writesOneLineOfJsonWithoutNulls() {
        AuditEvent event = AuditEvent.refusal(Instant.parse("2026-11-27T08:00:00Z"), null, "berlin-senfin", "berlin-senfin",
                null, "demo-service", "domain_binding");

        assertThat(event.toJson()).isEqualTo("{\"time\":\"2026-11-27T08:00:00Z\",\"type\":\"refusal\",\"outcome\":\"refused\","
                + "\"reason\":\"domain_binding\",\"agency\":\"berlin-senfin\",\"idp\":\"berlin-senfin\",\"service\":\"demo-service\"}");
    }

    @Test
    void escapesWhatCouldBreakTheLine() {
        AuditEvent event = AuditEvent.login(Instant.EPOCH, "p-1", "a\"b", "x\ny", "normal", "s\\t");

        assertThat(event.toJson()).contains("\"agency\":\"a\\\"b\"", "\"idp\":\"x\\u000ay\"", "\"service\":\"s\\\\t\"")
                .doesNotContain("\n");
    }

    @Test
    void pseudonymsAreStableAndDoNotContainTheId() {
        Pseudonym pseudonym = new Pseudonym("audit-key-audit-key-audit-key-32".getBytes(StandardCharsets.UTF_8));

        assertThat(pseudonym.of("6a1f-user")).isEqualTo(pseudonym.of("6a1f-user")).startsWith("p-").hasSize(34)
                .doesNotContain("6a1f");
        assertThat(pseudonym.of("other")).isNotEqualTo(pseudonym.of("6a1f-user"));
    }
}
