package de.dvc.iam.core.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AuditChainTest {

    private static final byte[] KEY = "audit-chain-key-audit-chain-key!".getBytes(StandardCharsets.UTF_8);
    private static final String CHAIN = "chain-2026-11";
    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00.123Z");

    private final AuditChain auditChain = new AuditChain(KEY);

    /** Five rows of different kinds, linked from GENESIS; row i has seq i + 1. */
    private List<AuditChain.Row> fiveRows() {
        List<AuditEvent> events = List.of(
                AuditEvent.audit(T0, "chain-opened", null),
                AuditEvent.login(T0.plusSeconds(1), "p-1", "sub-1", "berlin-senfin", "berlin-senfin", "substantiell", "demo-service"),
                AuditEvent.refusal(T0.plusSeconds(2), "p-2", "sub-2", "berlin-senfin", "berlin-senfin", "normal", "demo-service",
                        "assurance_too_low"),
                AuditEvent.token(T0.plusSeconds(3), "p-1", "sub-1", "berlin-senfin", "berlin-senfin", "substantiell", "demo-service"),
                AuditEvent.registration(T0.plusSeconds(4), "hamburg", "hamburg-idp", "approve", "operator-7", "checked by phone"));
        return link(auditChain, events, 0, AuditChain.GENESIS);
    }

    private static List<AuditChain.Row> link(AuditChain auditChain, List<AuditEvent> events, long anchorSeq, String anchorHash) {
        List<AuditChain.Row> rows = new ArrayList<>();
        long seq = anchorSeq;
        String previous = anchorHash;
        for (AuditEvent event : events) {
            seq++;
            String hash = auditChain.link(CHAIN, seq, previous, event);
            rows.add(new AuditChain.Row(seq, previous, hash, event));
            previous = hash;
        }
        return rows;
    }

    private AuditChain.Verdict verify(List<AuditChain.Row> rows, long anchorSeq, String anchorHash, long headSeq, String headHash) {
        AuditChain.Verifier verifier = auditChain.verifier(CHAIN, anchorSeq, anchorHash);
        rows.forEach(verifier::accept);
        return verifier.finish(headSeq, headHash);
    }

    private AuditChain.Verdict verifyFromGenesis(List<AuditChain.Row> rows, AuditChain.Row head) {
        return verify(rows, 0, AuditChain.GENESIS, head.seq(), head.hash());
    }

    private static AuditChain.Row withEvent(AuditChain.Row row, AuditEvent event) {
        return new AuditChain.Row(row.seq(), row.previousHash(), row.hash(), event);
    }

    @Test
    void anUntouchedChainIsIntact() {
        List<AuditChain.Row> rows = fiveRows();

        AuditChain.Verdict verdict = verifyFromGenesis(rows, rows.get(4));

        assertThat(verdict.intact()).isTrue();
        assertThat(verdict.problem()).isNull();
        assertThat(verdict.brokenAt()).isNull();
        assertThat(verdict.rows()).isEqualTo(5);
        assertThat(verdict.chain()).isEqualTo(CHAIN);
        assertThat(rows).extracting(AuditChain.Row::hash).doesNotHaveDuplicates()
                .allSatisfy(hash -> assertThat(hash).matches("[0-9a-f]{64}"));
    }

    @Test
    void anEmptyChainAtGenesisIsIntactButNotWhenItsHeadSaysOtherwise() {
        assertThat(verify(List.of(), 0, AuditChain.GENESIS, 0, AuditChain.GENESIS).intact()).isTrue();

        AuditChain.Verdict emptied = verify(List.of(), 0, AuditChain.GENESIS, 5, fiveRows().get(4).hash());
        assertThat(emptied.intact()).isFalse();
        assertThat(emptied.brokenAt()).isEqualTo(1L);
        assertThat(emptied.problem()).contains("missing");
    }

    @Test
    void hashesAreDeterministic() {
        AuditEvent event = fiveRows().get(1).event();

        assertThat(auditChain.link(CHAIN, 2, AuditChain.GENESIS, event))
                .isEqualTo(new AuditChain(KEY.clone()).link(CHAIN, 2, AuditChain.GENESIS, event));
    }

    static Stream<Arguments> fieldChanges() {
        return Stream.of(
                Arguments.of("time", (UnaryOperator<AuditEvent>) e -> new AuditEvent(e.time().plusMillis(1), e.type(), e.user(),
                        e.agencyUser(), e.agency(), e.idp(), e.acr(), e.service(), e.outcome(), e.reason(), e.actor())),
                Arguments.of("type", (UnaryOperator<AuditEvent>) e -> new AuditEvent(e.time(), AuditEvent.LOGIN, e.user(),
                        e.agencyUser(), e.agency(), e.idp(), e.acr(), e.service(), e.outcome(), e.reason(), e.actor())),
                Arguments.of("user", (UnaryOperator<AuditEvent>) e -> new AuditEvent(e.time(), e.type(), "p-other",
                        e.agencyUser(), e.agency(), e.idp(), e.acr(), e.service(), e.outcome(), e.reason(), e.actor())),
                Arguments.of("agencyUser", (UnaryOperator<AuditEvent>) e -> new AuditEvent(e.time(), e.type(), e.user(),
                        "sub-other", e.agency(), e.idp(), e.acr(), e.service(), e.outcome(), e.reason(), e.actor())),
                Arguments.of("agency", (UnaryOperator<AuditEvent>) e -> new AuditEvent(e.time(), e.type(), e.user(),
                        e.agencyUser(), "bremen", e.idp(), e.acr(), e.service(), e.outcome(), e.reason(), e.actor())),
                Arguments.of("idp", (UnaryOperator<AuditEvent>) e -> new AuditEvent(e.time(), e.type(), e.user(),
                        e.agencyUser(), e.agency(), "bremen-idp", e.acr(), e.service(), e.outcome(), e.reason(), e.actor())),
                Arguments.of("acr", (UnaryOperator<AuditEvent>) e -> new AuditEvent(e.time(), e.type(), e.user(),
                        e.agencyUser(), e.agency(), e.idp(), "hoch", e.service(), e.outcome(), e.reason(), e.actor())),
                Arguments.of("service", (UnaryOperator<AuditEvent>) e -> new AuditEvent(e.time(), e.type(), e.user(),
                        e.agencyUser(), e.agency(), e.idp(), e.acr(), "other-service", e.outcome(), e.reason(), e.actor())),
                Arguments.of("outcome", (UnaryOperator<AuditEvent>) e -> new AuditEvent(e.time(), e.type(), e.user(),
                        e.agencyUser(), e.agency(), e.idp(), e.acr(), e.service(), "success", e.reason(), e.actor())),
                Arguments.of("reason", (UnaryOperator<AuditEvent>) e -> new AuditEvent(e.time(), e.type(), e.user(),
                        e.agencyUser(), e.agency(), e.idp(), e.acr(), e.service(), e.outcome(), "domain_binding", e.actor())),
                Arguments.of("actor", (UnaryOperator<AuditEvent>) e -> new AuditEvent(e.time(), e.type(), e.user(),
                        e.agencyUser(), e.agency(), e.idp(), e.acr(), e.service(), e.outcome(), e.reason(), "operator-8")),
                Arguments.of("reason removed", (UnaryOperator<AuditEvent>) e -> new AuditEvent(e.time(), e.type(), e.user(),
                        e.agencyUser(), e.agency(), e.idp(), e.acr(), e.service(), e.outcome(), null, e.actor())),
                Arguments.of("reason emptied", (UnaryOperator<AuditEvent>) e -> new AuditEvent(e.time(), e.type(), e.user(),
                        e.agencyUser(), e.agency(), e.idp(), e.acr(), e.service(), e.outcome(), "", e.actor())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fieldChanges")
    void changingAnyFieldOfAnEventIsFoundAtThatRow(String field, UnaryOperator<AuditEvent> change) {
        List<AuditChain.Row> rows = fiveRows();
        // The refusal (seq 3) has every field but actor set; the registration (seq 5) has actor and reason.
        for (int index : new int[] {2, 4}) {
            List<AuditChain.Row> tampered = new ArrayList<>(rows);
            AuditEvent changed = change.apply(rows.get(index).event());
            assertThat(changed).as("the change of %s must change the event", field).isNotEqualTo(rows.get(index).event());
            tampered.set(index, withEvent(rows.get(index), changed));

            AuditChain.Verdict verdict = verifyFromGenesis(tampered, rows.get(4));

            assertThat(verdict.intact()).as(field).isFalse();
            assertThat(verdict.brokenAt()).as(field).isEqualTo(rows.get(index).seq());
            assertThat(verdict.problem()).as(field).contains("row " + rows.get(index).seq(), "changed");
        }
    }

    @Test
    void aChangedRowWhoseHashWasRecomputedBreaksTheLinkOfTheNext() {
        List<AuditChain.Row> rows = fiveRows();
        List<AuditChain.Row> tampered = new ArrayList<>(rows);
        AuditChain.Row row3 = rows.get(2);
        AuditEvent changed = AuditEvent.login(row3.event().time(), row3.event().user(), row3.event().agencyUser(),
                row3.event().agency(), row3.event().idp(), row3.event().acr(), row3.event().service());
        tampered.set(2, new AuditChain.Row(3, row3.previousHash(), auditChain.link(CHAIN, 3, row3.previousHash(), changed), changed));

        AuditChain.Verdict verdict = verifyFromGenesis(tampered, rows.get(4));

        assertThat(verdict.brokenAt()).isEqualTo(4L);
        assertThat(verdict.problem()).contains("row 4", "does not link");
    }

    @Test
    void aChangedPreviousHashIsFound() {
        List<AuditChain.Row> rows = fiveRows();
        List<AuditChain.Row> tampered = new ArrayList<>(rows);
        AuditChain.Row row3 = rows.get(2);
        tampered.set(2, new AuditChain.Row(3, AuditChain.GENESIS, row3.hash(), row3.event()));

        AuditChain.Verdict verdict = verifyFromGenesis(tampered, rows.get(4));

        assertThat(verdict.brokenAt()).isEqualTo(3L);
        assertThat(verdict.problem()).contains("does not link");
    }

    @Test
    void aDeletedMiddleRowIsFound() {
        List<AuditChain.Row> rows = new ArrayList<>(fiveRows());
        AuditChain.Row head = rows.get(4);
        rows.remove(2);

        AuditChain.Verdict verdict = verifyFromGenesis(rows, head);

        assertThat(verdict.intact()).isFalse();
        assertThat(verdict.brokenAt()).isEqualTo(3L);
        assertThat(verdict.problem()).contains("3", "missing");
    }

    @Test
    void aDeletedMiddleRowWithTheRestRenumberedIsFound() {
        List<AuditChain.Row> rows = fiveRows();
        List<AuditChain.Row> renumbered = new ArrayList<>(rows.subList(0, 2));
        renumbered.add(new AuditChain.Row(3, rows.get(3).previousHash(), rows.get(3).hash(), rows.get(3).event()));
        renumbered.add(new AuditChain.Row(4, rows.get(4).previousHash(), rows.get(4).hash(), rows.get(4).event()));

        AuditChain.Verdict verdict = verifyFromGenesis(renumbered, renumbered.get(3));

        assertThat(verdict.intact()).isFalse();
        assertThat(verdict.brokenAt()).isEqualTo(3L);
    }

    @Test
    void swappedEventsOfTwoRowsAreFound() {
        List<AuditChain.Row> rows = fiveRows();
        List<AuditChain.Row> swapped = new ArrayList<>(rows);
        swapped.set(1, withEvent(rows.get(1), rows.get(2).event()));
        swapped.set(2, withEvent(rows.get(2), rows.get(1).event()));

        AuditChain.Verdict verdict = verifyFromGenesis(swapped, rows.get(4));

        assertThat(verdict.brokenAt()).isEqualTo(2L);
        assertThat(verdict.problem()).contains("changed");
    }

    @Test
    void swappedRowsWithTheirSequenceNumbersExchangedAreFound() {
        List<AuditChain.Row> rows = fiveRows();
        AuditChain.Row row2 = rows.get(1);
        AuditChain.Row row3 = rows.get(2);
        List<AuditChain.Row> swapped = new ArrayList<>(rows);
        swapped.set(1, new AuditChain.Row(2, row3.previousHash(), row3.hash(), row3.event()));
        swapped.set(2, new AuditChain.Row(3, row2.previousHash(), row2.hash(), row2.event()));

        AuditChain.Verdict verdict = verifyFromGenesis(swapped, rows.get(4));

        assertThat(verdict.intact()).isFalse();
        assertThat(verdict.brokenAt()).isEqualTo(2L);
    }

    @Test
    void rowsOutOfOrderOrDuplicatedAreFound() {
        List<AuditChain.Row> rows = fiveRows();

        AuditChain.Verdict outOfOrder = verifyFromGenesis(List.of(rows.get(0), rows.get(2), rows.get(1), rows.get(3), rows.get(4)),
                rows.get(4));
        assertThat(outOfOrder.intact()).isFalse();
        assertThat(outOfOrder.brokenAt()).isEqualTo(2L);

        AuditChain.Verdict duplicated = verifyFromGenesis(List.of(rows.get(0), rows.get(1), rows.get(1), rows.get(2), rows.get(3),
                rows.get(4)), rows.get(4));
        assertThat(duplicated.intact()).isFalse();
        assertThat(duplicated.brokenAt()).isEqualTo(3L);
        assertThat(duplicated.problem()).contains("row 2", "duplicated");
    }

    @Test
    void aTruncatedTailIsFoundAgainstTheHead() {
        List<AuditChain.Row> rows = fiveRows();

        AuditChain.Verdict verdict = verifyFromGenesis(rows.subList(0, 3), rows.get(4));

        assertThat(verdict.intact()).isFalse();
        assertThat(verdict.brokenAt()).isEqualTo(4L);
        assertThat(verdict.problem()).contains("4", "5", "missing");
        assertThat(verdict.rows()).isEqualTo(3);
    }

    @Test
    void aChainLongerThanItsHeadOrWithAnotherHeadHashIsNotIntact() {
        List<AuditChain.Row> rows = fiveRows();

        assertThat(verifyFromGenesis(rows, rows.get(3)).intact()).as("head at row 4, rows up to 5").isFalse();
        AuditChain.Verdict otherHash = verify(rows, 0, AuditChain.GENESIS, 5, rows.get(3).hash());
        assertThat(otherHash.intact()).as("head hash of another row").isFalse();
        assertThat(otherHash.brokenAt()).as("named at the head, not after it").isEqualTo(5L);
        assertThat(otherHash.problem()).contains("head");
    }

    @Test
    void verificationStartsAtTheRetentionAnchor() {
        List<AuditChain.Row> rows = fiveRows();
        AuditChain.Row lastDeleted = rows.get(1);

        AuditChain.Verdict verdict = verify(rows.subList(2, 5), lastDeleted.seq(), lastDeleted.hash(), 5, rows.get(4).hash());

        assertThat(verdict.intact()).isTrue();
        assertThat(verdict.rows()).isEqualTo(3);
    }

    @Test
    void aWrongAnchorIsFound() {
        List<AuditChain.Row> rows = fiveRows();

        AuditChain.Verdict wrongHash = verify(rows.subList(2, 5), 2, rows.get(0).hash(), 5, rows.get(4).hash());
        assertThat(wrongHash.brokenAt()).isEqualTo(3L);
        assertThat(wrongHash.problem()).contains("does not link");

        AuditChain.Verdict fromGenesis = verify(rows.subList(2, 5), 0, AuditChain.GENESIS, 5, rows.get(4).hash());
        assertThat(fromGenesis.brokenAt()).as("rows 1 and 2 deleted without an anchor").isEqualTo(1L);
        assertThat(fromGenesis.problem()).contains("missing");
    }

    @Test
    void anotherKeyGivesOtherHashesAndFailsVerification() {
        List<AuditChain.Row> rows = fiveRows();
        byte[] otherKey = KEY.clone();
        otherKey[0] ^= 1;
        AuditChain other = new AuditChain(otherKey);

        assertThat(other.link(CHAIN, 1, AuditChain.GENESIS, rows.get(0).event())).isNotEqualTo(rows.get(0).hash());
        AuditChain.Verifier verifier = other.verifier(CHAIN, 0, AuditChain.GENESIS);
        rows.forEach(verifier::accept);
        AuditChain.Verdict verdict = verifier.finish(5, rows.get(4).hash());
        assertThat(verdict.brokenAt()).isEqualTo(1L);
        assertThat(verdict.problem()).contains("changed");
    }

    @Test
    void rowsOfOneChainDoNotVerifyAsAnother() {
        List<AuditChain.Row> rows = fiveRows();
        AuditChain.Verifier verifier = auditChain.verifier("chain-2026-12", 0, AuditChain.GENESIS);
        rows.forEach(verifier::accept);

        assertThat(verifier.finish(5, rows.get(4).hash()).brokenAt()).isEqualTo(1L);
    }

    @Test
    void theSequenceNumberIsPartOfTheHash() {
        AuditEvent event = fiveRows().get(0).event();

        assertThat(auditChain.link(CHAIN, 1, AuditChain.GENESIS, event)).isNotEqualTo(auditChain.link(CHAIN, 2, AuditChain.GENESIS, event));
    }

    @Test
    void nullAndEmptyValuesHashDifferently() {
        AuditEvent withNull = AuditEvent.login(T0, null, null, "berlin", "berlin-idp", null, "demo-service");
        AuditEvent withEmpty = AuditEvent.login(T0, "", null, "berlin", "berlin-idp", null, "demo-service");
        AuditEvent withDash = AuditEvent.login(T0, "-", null, "berlin", "berlin-idp", null, "demo-service");

        String nullHash = auditChain.link(CHAIN, 1, AuditChain.GENESIS, withNull);
        String emptyHash = auditChain.link(CHAIN, 1, AuditChain.GENESIS, withEmpty);
        String dashHash = auditChain.link(CHAIN, 1, AuditChain.GENESIS, withDash);

        assertThat(List.of(nullHash, emptyHash, dashHash)).doesNotHaveDuplicates();
    }

    @Test
    void aValueCannotBeShiftedIntoItsNeighbour() {
        AuditEvent abC = AuditEvent.login(T0, "p-1", null, "ab", "c", null, "demo-service");
        AuditEvent aBc = AuditEvent.login(T0, "p-1", null, "a", "bc", null, "demo-service");
        // A value that imitates the separator of the canonical form must not collide either.
        AuditEvent imitated = AuditEvent.login(T0, "p-1", null, "a;1:c", null, null, "demo-service");
        AuditEvent plain = AuditEvent.login(T0, "p-1", null, "a", "c", null, "demo-service");

        assertThat(auditChain.link(CHAIN, 1, AuditChain.GENESIS, abC)).isNotEqualTo(auditChain.link(CHAIN, 1, AuditChain.GENESIS, aBc));
        assertThat(auditChain.link(CHAIN, 1, AuditChain.GENESIS, imitated))
                .isNotEqualTo(auditChain.link(CHAIN, 1, AuditChain.GENESIS, plain));
    }

    @Test
    void refusesKeysShorterThan32Bytes() {
        assertThatIllegalArgumentException().isThrownBy(() -> new AuditChain(new byte[31])).withMessageContaining("32 bytes");
        assertThatIllegalArgumentException().isThrownBy(() -> new AuditChain(new byte[0]));
        assertThatIllegalArgumentException().isThrownBy(() -> new AuditChain(null));
        assertThat(new AuditChain(new byte[32]).link(CHAIN, 1, AuditChain.GENESIS, fiveRows().get(0).event())).hasSize(64);
    }

    @Test
    void keepsItsOwnCopyOfTheKey() {
        byte[] key = KEY.clone();
        AuditChain chain = new AuditChain(key);
        AuditEvent event = fiveRows().get(0).event();
        String before = chain.link(CHAIN, 1, AuditChain.GENESIS, event);

        key[0] ^= 1;

        assertThat(chain.link(CHAIN, 1, AuditChain.GENESIS, event)).isEqualTo(before);
    }

    @Test
    void genesisIsSixtyFourZeros() {
        assertThat(AuditChain.GENESIS).hasSize(64).matches("0+");
    }

    @Test
    void theRealmOfARowAndTheHeadSealAreCovered() {
        AuditChain chain = new AuditChain("k".repeat(32).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        AuditEvent event = AuditEvent.login(Instant.EPOCH, "p-1", null, "berlin", "berlin-idp", "normal", "svc");

        assertThat(chain.link("c", 1, AuditChain.GENESIS, "realm-a", event))
                .isNotEqualTo(chain.link("c", 1, AuditChain.GENESIS, "realm-b", event))
                .isNotEqualTo(chain.link("c", 1, AuditChain.GENESIS, event));
        String hash = chain.link("c", 1, AuditChain.GENESIS, "realm-a", event);
        AuditChain.Verifier moved = chain.verifier("c", 0, AuditChain.GENESIS);
        moved.accept(new AuditChain.Row(1, AuditChain.GENESIS, hash, "realm-b", event));
        assertThat(moved.finish(1, hash).problem()).as("a row moved to another realm").contains("changed");

        String seal = chain.seal("c", 5, "h5", 2, "h2");
        assertThat(chain.seal("c", 5, "h5", 3, "h3")).as("anchor moved").isNotEqualTo(seal);
        assertThat(chain.seal("c", 4, "h4", 2, "h2")).as("head moved").isNotEqualTo(seal);
        assertThat(new AuditChain("o".repeat(32).getBytes(java.nio.charset.StandardCharsets.UTF_8)).seal("c", 5, "h5", 2, "h2"))
                .as("another key").isNotEqualTo(seal);
    }
}
