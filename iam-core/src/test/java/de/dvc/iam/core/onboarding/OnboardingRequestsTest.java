package de.dvc.iam.core.onboarding;

import de.dvc.iam.core.agency.AgencyLevel;
import de.dvc.iam.core.email.EmailAddress;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OnboardingRequestsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private static Map<String, Object> agency() {
        Map<String, Object> json = new HashMap<>();
        json.put("id", "musterstadt");
        json.put("name", "Gemeinde Musterstadt");
        json.put("level", "municipal");
        json.put("state", "DE-BY");
        json.put("ags", "09162000");
        json.put("contacts", List.of(Map.of("name", "Erika Muster", "email", "it@musterstadt.example")));
        return json;
    }

    @Test
    void aValidAgencyRequestGivesTheAgencyAndItsContacts() {
        NewAgency request = NewAgency.parse(agency());
        assertThat(request.agency().id()).isEqualTo("musterstadt");
        assertThat(request.agency().level()).isEqualTo(AgencyLevel.MUNICIPAL);
        assertThat(request.agency().ags()).contains("09162000");
        assertThat(request.contacts()).extracting(AgencyContact::encode).containsExactly("Erika Muster <it@musterstadt.example>");
        assertThat(request.extraAttributes()).containsEntry(AgencyContact.ATTRIBUTE, List.of("Erika Muster <it@musterstadt.example>"))
                .doesNotContainKey("dvc.leitweg-id");
    }

    @Test
    void everyWrongFieldIsNamedAtOnce() {
        Map<String, Object> json = agency();
        json.put("id", "Muster Stadt");
        json.put("level", "village");
        json.put("ags", "123");
        json.put("leitwegId", "991-12345-67");
        json.put("contacts", List.of(Map.of("name", "<script>", "email", "it@@x")));
        json.put("owner", "me");
        assertThatThrownBy(() -> NewAgency.parse(json)).isInstanceOfSatisfying(RequestProblems.Invalid.class, e ->
                assertThat(e.fields()).containsOnlyKeys("owner", "id", "level", "ags", "leitwegId", "contacts[0].name", "contacts[0].email"));
    }

    @Test
    void aFieldMessageNamesTheAgencyAndTheFix() {
        Map<String, Object> json = agency();
        json.put("ags", "12");
        assertThatThrownBy(() -> NewAgency.parse(json)).isInstanceOfSatisfying(RequestProblems.Invalid.class, e ->
                assertThat(e.fields().get("ags")).contains("musterstadt").contains("8 digits"));
    }

    @Test
    void anAgencyWithoutContactsOrStateIsRefused() {
        Map<String, Object> json = agency();
        json.remove("contacts");
        json.remove("state");
        assertThatThrownBy(() -> NewAgency.parse(json)).isInstanceOfSatisfying(RequestProblems.Invalid.class, e ->
                assertThat(e.fields()).containsOnlyKeys("contacts", "state"));
        assertThatThrownBy(() -> NewAgency.parse(null)).isInstanceOfSatisfying(RequestProblems.Invalid.class, e ->
                assertThat(e.fields()).containsKeys("id", "name", "level", "contacts"));
    }

    @Test
    void aContactSurvivesItsAttributeAndAForgedValueDoesNot() {
        AgencyContact contact = new AgencyContact("Erika Muster", EmailAddress.parse("it@musterstadt.example").orElseThrow());
        assertThat(AgencyContact.decode(contact.encode())).contains(contact);
        assertThat(AgencyContact.decode("Erika <a@b.example> <c@d.example>")).isEmpty();
        assertThat(AgencyContact.decode("no address")).isEmpty();
    }

    @Test
    void anInvitationRequestIsCheckedFieldByField() {
        InvitationRequest request = InvitationRequest.parse(Map.of("email", "it@musterstadt.example", "name", "Erika Muster"));
        assertThat(request.lifetime()).isEqualTo(Duration.ofDays(14));
        assertThat(InvitationRequest.parse(Map.of("email", "a@b.example", "name", "A", "days", 30)).lifetime()).isEqualTo(Duration.ofDays(30));
        assertThatThrownBy(() -> InvitationRequest.parse(Map.of("email", "\"a@b\"@x.example", "name", " ", "days", 31, "role", "operator")))
                .isInstanceOfSatisfying(RequestProblems.Invalid.class, e -> assertThat(e.fields()).containsOnlyKeys("email", "name", "days", "role"));
        assertThatThrownBy(() -> InvitationRequest.parse(null)).isInstanceOf(RequestProblems.Invalid.class);
    }

    @Test
    void anInvitationIsAcceptedOnceBeforeItExpiresAndNotAfterRevocation() {
        Invitation pending = invitation(Optional.empty(), Optional.empty());
        assertThat(pending.status(NOW)).isEqualTo(Invitation.Status.PENDING);
        assertThat(pending.acceptRefusal(NOW)).isEmpty();
        assertThat(pending.revokeRefusal(NOW)).isEmpty();
        assertThat(pending.acceptRefusal(NOW.plus(Duration.ofDays(14)))).map(Invitation.Refusal::code).contains("invitation_expired");
        Invitation used = invitation(Optional.of(NOW), Optional.empty());
        assertThat(used.acceptRefusal(NOW)).map(Invitation.Refusal::code).contains("invitation_used");
        assertThat(used.revokeRefusal(NOW)).map(Invitation.Refusal::code).contains("invitation_accepted");
        Invitation revoked = invitation(Optional.empty(), Optional.of(NOW));
        assertThat(revoked.acceptRefusal(NOW)).map(Invitation.Refusal::code).contains("invitation_revoked");
    }

    @Test
    void codesAreRandomWellFormedAndStoredOnlyAsTheirHash() {
        String code = InvitationCode.generate();
        assertThat(InvitationCode.wellFormed(code)).isTrue();
        assertThat(InvitationCode.generate()).isNotEqualTo(code);
        assertThat(InvitationCode.hash(code)).hasSize(64).isNotEqualTo(code).isEqualTo(InvitationCode.hash(code));
        assertThat(InvitationCode.wellFormed(code + "A")).isFalse();
        assertThat(InvitationCode.wellFormed("' or 1=1 --")).isFalse();
        assertThat(InvitationCode.wellFormed(null)).isFalse();
    }

    private static Invitation invitation(Optional<Instant> accepted, Optional<Instant> revoked) {
        return new Invitation("i1", "musterstadt", EmailAddress.parse("it@musterstadt.example").orElseThrow(), "Erika Muster", "u1",
                NOW, NOW.plus(Duration.ofDays(14)), accepted, revoked);
    }
}
