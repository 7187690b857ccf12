package de.dvc.iam.core.audit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class AuditEventTest {

    @Test
    void writesOneLineOfJsonWithoutNulls() {
        AuditEvent event = AuditEvent.refusal(Instant.parse("2026-11-27T08:00:00Z"), null, null, "berlin-senfin", "berlin-senfin",
                null, "demo-service", "domain_binding");

        assertThat(event.toJson()).isEqualTo("{\"time\":\"2026-11-27T08:00:00Z\",\"type\":\"refusal\",\"outcome\":\"refused\","
                + "\"reason\":\"domain_binding\",\"agency\":\"berlin-senfin\",\"idp\":\"berlin-senfin\",\"service\":\"demo-service\"}");
    }

    @Test
    void escapesWhatCouldBreakTheLine() {
        AuditEvent event = AuditEvent.login(Instant.EPOCH, "p-1", null, "a\"b", "x\ny", "normal", "s\\t");

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

    @Test
    void keepsTheTimeToTheMillisecondAsStored() {
        Instant withNanos = Instant.parse("2026-11-27T08:00:00.123456789Z");

        AuditEvent event = AuditEvent.login(withNanos, "p-1", null, "berlin", "berlin-idp", null, "demo-service");

        assertThat(event.time()).isEqualTo(Instant.ofEpochMilli(withNanos.toEpochMilli()))
                .isEqualTo(Instant.parse("2026-11-27T08:00:00.123Z"));
        assertThat(event).isEqualTo(AuditEvent.login(Instant.parse("2026-11-27T08:00:00.123999Z"), "p-1", null, "berlin",
                "berlin-idp", null, "demo-service"));
        assertThat(event.toJson()).contains("\"time\":\"2026-11-27T08:00:00.123Z\"");
        Instant beforeEpoch = Instant.ofEpochSecond(-1, 500_000);
        assertThat(AuditEvent.audit(beforeEpoch, "retention", null).time()).isEqualTo(beforeEpoch.truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void writesTheActorButNeverTheAgencysUserIdIntoTheLogLine() {
        AuditEvent login = AuditEvent.login(Instant.EPOCH, "p-1", "anna@senfin.example", "berlin", "berlin-idp", "substantiell", "demo-service");
        AuditEvent registration = AuditEvent.registration(Instant.EPOCH, "berlin", "berlin-idp", "approve", "operator-7", null);

        assertThat(login.agencyUser()).as("kept for the row").isEqualTo("anna@senfin.example");
        assertThat(login.toJson()).as("an agency may use the email address as subject: not for the SIEM")
                .doesNotContain("agencyUser", "anna@senfin.example", "\"actor\"");
        assertThat(registration.toJson()).contains("\"actor\":\"operator-7\"");
        assertThat(new AuditEvent(Instant.EPOCH, AuditEvent.LOGIN, "p-1", "sub-4711", "berlin", "berlin-idp", "normal",
                "demo-service", "success", null, "operator-7").toJson()).isEqualTo("{\"time\":\"1970-01-01T00:00:00Z\","
                + "\"type\":\"login\",\"outcome\":\"success\",\"user\":\"p-1\","
                + "\"agency\":\"berlin\",\"idp\":\"berlin-idp\",\"acr\":\"normal\",\"service\":\"demo-service\","
                + "\"actor\":\"operator-7\"}");
    }

    @Test
    void valuesAreCutToTheTableAndLoseNulCharacters() {
        AuditEvent event = AuditEvent.refusal(Instant.EPOCH, "p-1", "x".repeat(10_000), "a\u0000b", "idp", null, "s", "r".repeat(600));

        assertThat(event.agencyUser()).hasSize(255);
        assertThat(event.agency()).isEqualTo("ab");
        assertThat(event.reason()).hasSize(500);
        String emoji = "a".repeat(254) + "\uD83D\uDE00";
        assertThat(AuditEvent.login(Instant.EPOCH, null, emoji, null, null, null, null).agencyUser())
                .as("no half of a surrogate pair").hasSize(254);
    }

    @Test
    void loginsRefusalsAndTokensHaveNoActor() {
        AuditEvent login = AuditEvent.login(Instant.EPOCH, "p-1", "sub-1", "berlin", "berlin-idp", "normal", "demo-service");
        AuditEvent refusal = AuditEvent.refusal(Instant.EPOCH, "p-1", "sub-1", "berlin", "berlin-idp", "normal", "demo-service",
                "assurance_too_low");
        AuditEvent token = AuditEvent.token(Instant.EPOCH, "p-1", "sub-1", "berlin", "berlin-idp", "normal", "demo-service");

        assertThat(login).extracting(AuditEvent::type, AuditEvent::outcome, AuditEvent::reason, AuditEvent::actor,
                AuditEvent::agencyUser).containsExactly(AuditEvent.LOGIN, "success", null, null, "sub-1");
        assertThat(refusal).extracting(AuditEvent::type, AuditEvent::outcome, AuditEvent::reason, AuditEvent::actor,
                AuditEvent::agencyUser).containsExactly(AuditEvent.REFUSAL, "refused", "assurance_too_low", null, "sub-1");
        assertThat(token).extracting(AuditEvent::type, AuditEvent::outcome, AuditEvent::reason, AuditEvent::actor,
                AuditEvent::agencyUser).containsExactly(AuditEvent.TOKEN, "success", null, null, "sub-1");
        assertThatNullPointerException().isThrownBy(() -> AuditEvent.refusal(Instant.EPOCH, "p-1", null, "berlin", "berlin-idp",
                null, "demo-service", null));
    }

    @Test
    void aRegistrationActionNamesTheActionAndWhoActed() {
        AuditEvent event = AuditEvent.registration(Instant.EPOCH, "berlin", "berlin-idp", "suspend", "operator-7", "certificate leaked");

        assertThat(event).isEqualTo(new AuditEvent(Instant.EPOCH, AuditEvent.REGISTRATION, null, null, "berlin", "berlin-idp", null,
                null, "suspend", "certificate leaked", "operator-7"));
        assertThatNullPointerException().isThrownBy(() -> AuditEvent.registration(Instant.EPOCH, "berlin", "berlin-idp", null,
                "operator-7", null));
    }

    @Test
    void anActionOfTheTrailItselfIsTheSystems() {
        AuditEvent event = AuditEvent.audit(Instant.EPOCH, "retention", "deleted 12 rows before 2026-06-03T08:00:00Z");

        assertThat(event).isEqualTo(new AuditEvent(Instant.EPOCH, AuditEvent.AUDIT, null, null, null, null, null, null, "retention",
                "deleted 12 rows before 2026-06-03T08:00:00Z", "system"));
        assertThat(event.toJson()).isEqualTo("{\"time\":\"1970-01-01T00:00:00Z\",\"type\":\"audit\",\"outcome\":\"retention\","
                + "\"reason\":\"deleted 12 rows before 2026-06-03T08:00:00Z\",\"actor\":\"system\"}");
        assertThatNullPointerException().isThrownBy(() -> AuditEvent.audit(Instant.EPOCH, null, null));
    }

    @Test
    void timeTypeAndOutcomeAreRequired() {
        assertThatNullPointerException().isThrownBy(() -> new AuditEvent(null, AuditEvent.LOGIN, null, null, null, null, null, null,
                "success", null, null)).withMessage("time");
        assertThatNullPointerException().isThrownBy(() -> new AuditEvent(Instant.EPOCH, null, null, null, null, null, null, null,
                "success", null, null)).withMessage("type");
        assertThatNullPointerException().isThrownBy(() -> new AuditEvent(Instant.EPOCH, AuditEvent.LOGIN, null, null, null, null, null,
                null, null, null, null)).withMessage("outcome");
    }
}
