package de.dvc.iam.core.audit;

import de.dvc.iam.core.registration.Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class AuditQueryTest {

    private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");

    private static AuditQuery parse(Map<String, String> parameters) {
        return AuditQuery.parse(parameters::get, NOW);
    }

    private static void assertInvalid(Map<String, String> parameters, String parameter) {
        assertThatThrownBy(() -> parse(parameters)).as(parameters.toString())
                .isInstanceOfSatisfying(AuditQuery.Invalid.class, e -> {
                    assertThat(e.parameter()).isEqualTo(parameter);
                    assertThat(e.getMessage()).isNotBlank();
                });
    }

    private static AuditQuery query(String agency) {
        return parse(agency == null ? Map.of() : Map.of("agency", agency));
    }

    @Test
    void defaultsToTheLast24HoursAndAHundredRows() {
        AuditQuery query = parse(Map.of());

        assertThat(query.to()).isEqualTo(NOW);
        assertThat(query.from()).isEqualTo(NOW.minus(Duration.ofDays(1)));
        assertThat(query.limit()).isEqualTo(100).isEqualTo(AuditQuery.DEFAULT_LIMIT);
        assertThat(query.after()).isNull();
        assertThat(query.filters()).isEmpty();
        assertThat(query.agency()).isNull();
        assertThat(query.type()).isNull();
    }

    @Test
    void blankParametersCountAsAbsent() {
        AuditQuery query = parse(Map.of("from", " ", "to", "", "limit", "  ", "cursor", " ", "agency", " ", "type", ""));

        assertThat(query).isEqualTo(parse(Map.of()));
    }

    @Test
    void readsTheRangeAndAFromDefaultsToADayBeforeTo() {
        AuditQuery query = parse(Map.of("from", "2026-11-01T00:00:00Z", "to", " 2026-11-02T12:00:00Z "));
        assertThat(query.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(query.to()).isEqualTo(Instant.parse("2026-11-02T12:00:00Z"));

        AuditQuery onlyTo = parse(Map.of("to", "2026-11-02T12:00:00Z"));
        assertThat(onlyTo.from()).isEqualTo(Instant.parse("2026-11-01T12:00:00Z"));

        AuditQuery onlyFrom = parse(Map.of("from", "2026-11-01T00:00:00Z"));
        assertThat(onlyFrom.to()).isEqualTo(NOW);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-11-30", "2026-11-30T08:00:00", "2026-13-01T00:00:00Z", "1701331200"})
    void refusesWhatIsNotAnInstant(String value) {
        assertInvalid(Map.of("from", value), "from");
        assertInvalid(Map.of("to", value), "to");
    }

    @Test
    void fromMustBeBeforeTo() {
        assertInvalid(Map.of("from", "2026-11-02T00:00:00Z", "to", "2026-11-02T00:00:00Z"), "from");
        assertInvalid(Map.of("from", "2026-11-03T00:00:00Z", "to", "2026-11-02T00:00:00Z"), "from");
        assertThat(parse(Map.of("from", "2026-11-01T23:59:59.999Z", "to", "2026-11-02T00:00:00Z")).from())
                .isEqualTo(Instant.parse("2026-11-01T23:59:59.999Z"));
    }

    @Test
    void spansAtMost366Days() {
        Instant to = Instant.parse("2026-11-30T00:00:00Z");
        Instant from = to.minus(Duration.ofDays(366));

        assertThat(parse(Map.of("from", from.toString(), "to", to.toString())).from()).isEqualTo(from);
        assertInvalid(Map.of("from", from.minusMillis(1).toString(), "to", to.toString()), "from");
        assertInvalid(Map.of("from", "2020-01-01T00:00:00Z"), "from");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1001", "abc", "1.5", "99999999999"})
    void refusesLimitsOutsideOneToAThousand(String limit) {
        assertInvalid(Map.of("limit", limit), "limit");
    }

    @Test
    void acceptsLimitsFromOneToAThousand() {
        assertThat(parse(Map.of("limit", "1")).limit()).isEqualTo(1);
        assertThat(parse(Map.of("limit", "1000")).limit()).isEqualTo(1000).isEqualTo(AuditQuery.MAX_LIMIT);
        assertThat(parse(Map.of("limit", " 25 ")).limit()).isEqualTo(25);
    }

    @Test
    void acceptsTheKnownTypesOnly() {
        for (String type : new String[] {AuditEvent.LOGIN, AuditEvent.REFUSAL, AuditEvent.TOKEN, AuditEvent.REGISTRATION,
                AuditEvent.AUDIT}) {
            assertThat(parse(Map.of("type", type)).type()).isEqualTo(type);
        }
        assertInvalid(Map.of("type", "logout"), "type");
        assertInvalid(Map.of("type", "LOGIN"), "type");
        assertThatThrownBy(() -> parse(Map.of("type", "logout"))).hasMessageContaining("login").hasMessageContaining("refusal");
    }

    @Test
    void theCursorRoundTrips() {
        AuditQuery.Position position = new AuditQuery.Position(123L, "chain/0001");

        AuditQuery query = parse(Map.of("cursor", position.cursor()));

        assertThat(query.after()).isEqualTo(position);
        assertThat(position.cursor()).as("URL-safe without padding").doesNotContain("=", "+", "/");
    }

    @Test
    void aCursorWhoseIdHoldsTheSeparatorRoundTrips() {
        AuditQuery.Position position = new AuditQuery.Position(1_764_489_600_123L, "a|b");

        assertThat(parse(Map.of("cursor", position.cursor())).after()).isEqualTo(position);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a cursor!", "%%%", "abc"})
    void refusesAGarbageCursor(String cursor) {
        assertInvalid(Map.of("cursor", cursor), "cursor");
    }

    @ParameterizedTest
    @ValueSource(strings = {"123", "|chain/1", "123|", "x|chain/1", "12.5|chain/1"})
    void refusesACursorThatDecodesToNoPosition(String decoded) {
        String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(decoded.getBytes(StandardCharsets.UTF_8));

        assertInvalid(Map.of("cursor", cursor), "cursor");
    }

    @Test
    void refusesAnOverlongCursor() {
        String cursor = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("123|" + "x".repeat(300)).getBytes(StandardCharsets.UTF_8));

        assertInvalid(Map.of("cursor", cursor), "cursor");
    }

    @Test
    void refusesValuesLongerThan255Characters() {
        for (String name : new String[] {"agency", "idp", "service", "user", "outcome"}) {
            assertThat(parse(Map.of(name, "x".repeat(255))).filters()).containsEntry(name, "x".repeat(255));
            assertInvalid(Map.of(name, "x".repeat(256)), name);
        }
        assertInvalid(Map.of("type", "x".repeat(256)), "type");
    }

    @Test
    void trimsFilterValues() {
        assertThat(parse(Map.of("agency", " berlin ", "type", " login ")).filters())
                .containsExactly(entry("agency", "berlin"), entry("type", "login"));
    }

    @Test
    void filtersListOnlyWhatIsSet() {
        AuditQuery all = parse(Map.of("agency", "berlin", "idp", "berlin-idp", "service", "demo-service", "user", "p-1",
                "type", "refusal", "outcome", "refused"));
        assertThat(all.filters()).containsExactly(entry("agency", "berlin"), entry("idp", "berlin-idp"),
                entry("service", "demo-service"), entry("user", "p-1"), entry("type", "refusal"), entry("outcome", "refused"));

        AuditQuery some = parse(Map.of("service", "demo-service", "outcome", "refused", "limit", "5",
                "cursor", new AuditQuery.Position(1, "x").cursor()));
        assertThat(some.filters()).containsExactly(entry("service", "demo-service"), entry("outcome", "refused"));
    }

    @Test
    void anOperatorSeesTheQueryUnchanged() {
        AuditQuery anyAgency = query(null);
        AuditQuery hamburg = query("hamburg");

        assertThat(anyAgency.scopedTo(new Principal("u", true, null))).containsSame(anyAgency);
        assertThat(hamburg.scopedTo(new Principal("u", true, null))).containsSame(hamburg);
        assertThat(hamburg.scopedTo(new Principal("u", true, "berlin"))).as("an operator who is also an agency admin")
                .containsSame(hamburg);
    }

    @Test
    void anAgencyAdminIsBoundToHerAgency() {
        Principal berlinAdmin = new Principal("u", false, "berlin");
        AuditQuery unscoped = parse(Map.of("idp", "berlin-idp", "type", "login", "limit", "7",
                "cursor", new AuditQuery.Position(5, "r-5").cursor()));

        AuditQuery forced = unscoped.scopedTo(berlinAdmin).orElseThrow();
        assertThat(forced.agency()).isEqualTo("berlin");
        assertThat(forced.filters()).containsEntry("agency", "berlin").containsEntry("idp", "berlin-idp");
        assertThat(forced).usingRecursiveComparison().ignoringFields("agency").isEqualTo(unscoped);

        assertThat(query("berlin").scopedTo(berlinAdmin)).get().extracting(AuditQuery::agency).isEqualTo("berlin");
        assertThat(query("hamburg").scopedTo(berlinAdmin)).isEmpty();
    }

    @Test
    void whoIsNeitherOperatorNorAgencyAdminMayNotQuery() {
        assertThat(query(null).scopedTo(new Principal("u", false, null))).isEmpty();
        assertThat(query("berlin").scopedTo(new Principal("u", false, null))).isEmpty();
        assertThat(query(null).scopedTo(new Principal("u", false, " "))).isEmpty();
    }

    @Test
    void instantsBeyondMillisecondsSince1970AreAClearError() {
        assertInvalid(Map.of("from", "-300000000-01-01T00:00:00Z"), "from");
        assertInvalid(Map.of("to", "+300000000-01-01T00:00:00Z"), "to");
    }
}
