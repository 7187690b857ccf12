package de.dvc.iam.core.registration;

import org.junit.jupiter.api.Test;

import static de.dvc.iam.core.registration.RegistrationAction.APPROVE;
import static de.dvc.iam.core.registration.RegistrationAction.CONFIRM_TEST;
import static de.dvc.iam.core.registration.RegistrationAction.READ;
import static de.dvc.iam.core.registration.RegistrationAction.REACTIVATE;
import static de.dvc.iam.core.registration.RegistrationAction.RETIRE;
import static de.dvc.iam.core.registration.RegistrationAction.SUBMIT;
import static de.dvc.iam.core.registration.RegistrationAction.SUSPEND;
import static de.dvc.iam.core.registration.RegistrationAction.UPDATE;
import static de.dvc.iam.core.registration.RegistrationAction.WITHDRAW;
import static org.assertj.core.api.Assertions.assertThat;

class RegistrationPolicyTest {

    private static final Principal OPERATOR = new Principal("op-1", true, null);
    private static final Principal OTHER_OPERATOR = new Principal("op-2", true, null);
    private static final Principal SENFIN_ADMIN = new Principal("admin-senfin", false, "berlin-senfin");
    private static final Principal NOBODY = new Principal("someone", false, null);

    @Test
    void theFullMatrixOfWhoMayDoWhat() {
        for (RegistrationAction action : RegistrationAction.values()) {
            boolean agencyAction = action == SUBMIT || action == READ || action == WITHDRAW || action == UPDATE;
            assertThat(RegistrationPolicy.authorize(SENFIN_ADMIN, action, "berlin-senfin").isEmpty()).as("own agency, %s", action)
                    .isEqualTo(agencyAction);
            assertThat(RegistrationPolicy.authorize(SENFIN_ADMIN, action, "bund-bmi")).as("foreign agency, %s", action).isPresent();
            assertThat(RegistrationPolicy.authorize(OPERATOR, action, "bund-bmi").isEmpty()).as("operator, %s", action)
                    .isEqualTo(action != CONFIRM_TEST);
            assertThat(RegistrationPolicy.authorize(NOBODY, action, "berlin-senfin")).as("nobody, %s", action).isPresent();
        }
    }

    @Test
    void approvalNeedsEveryDeclaredDomainProven() {
        java.util.List<String> declared = java.util.List.of("senfin.berlin.example", "berlin.example");
        assertThat(RegistrationPolicy.domainsProven(APPROVE, declared, java.util.Set.of("senfin.berlin.example")))
                .hasValueSatisfying(r -> {
                    assertThat(r.forbidden()).as("a conflict of state, not of rights").isFalse();
                    assertThat(r.message()).contains("berlin.example are not proven yet").doesNotContain("senfin.berlin.example,");
                });
        assertThat(RegistrationPolicy.domainsProven(APPROVE, declared, java.util.Set.copyOf(declared))).isEmpty();
        assertThat(RegistrationPolicy.domainsProven(SUSPEND, declared, java.util.Set.of())).as("only approval asks").isEmpty();
    }

    @Test
    void theLifecycleNeedsATestLoginAndFourEyes() {
        assertThat(RegistrationPolicy.next(RegistrationState.VALIDATED, APPROVE, OTHER_OPERATOR, "op-1").refusal().message())
                .contains("test login in the sandbox");
        assertThat(RegistrationPolicy.next(RegistrationState.VALIDATED, CONFIRM_TEST, OPERATOR, "op-1").state())
                .isEqualTo(RegistrationState.TESTED);
        assertThat(RegistrationPolicy.next(RegistrationState.TESTED, APPROVE, OPERATOR, "op-1").refusal().forbidden())
                .as("submitter approving her own").isTrue();
        assertThat(RegistrationPolicy.next(RegistrationState.TESTED, APPROVE, OTHER_OPERATOR, "op-1").state())
                .isEqualTo(RegistrationState.ACTIVE);
        assertThat(RegistrationPolicy.next(RegistrationState.ACTIVE, SUSPEND, OPERATOR, "x").state()).isEqualTo(RegistrationState.SUSPENDED);
        assertThat(RegistrationPolicy.next(RegistrationState.SUSPENDED, REACTIVATE, OPERATOR, "x").state()).isEqualTo(RegistrationState.ACTIVE);
        assertThat(RegistrationPolicy.next(RegistrationState.VALIDATED, WITHDRAW, SENFIN_ADMIN, "x").state()).isEqualTo(RegistrationState.RETIRED);
        assertThat(RegistrationPolicy.next(RegistrationState.RETIRED, RETIRE, OPERATOR, "x").allowed()).as("final").isFalse();
        assertThat(RegistrationPolicy.next(RegistrationState.VALIDATED, SUSPEND, OPERATOR, "x").refusal().forbidden()).isFalse();
    }

    @Test
    void approvalStopsAtTheFirstDomainAnotherAgencyGotFirst() {
        java.util.Map<String, String> holders = java.util.Map.of("a.example", "org-senfin", "b.example", "org-bmi", "c.example", "org-bmi");
        assertThat(RegistrationPolicy.domainHeldByOther(java.util.List.of("a.example", "b.example", "c.example"), holders::get, "org-senfin"))
                .contains("b.example");
        assertThat(RegistrationPolicy.domainHeldByOther(java.util.List.of("a.example", "new.example"), holders::get, "org-senfin"))
                .as("its own and unheld domains").isEmpty();
    }

    @Test
    void suspendedAndRetiredRegistrationsAreOutOfService() {
        assertThat(java.util.Arrays.stream(RegistrationState.values()).filter(RegistrationState::outOfService))
                .containsExactly(RegistrationState.SUSPENDED, RegistrationState.RETIRED);
    }

    @Test
    void onlyLifecycleActionsAreAskedForAsTransitions() {
        assertThat(java.util.Arrays.stream(RegistrationAction.values()).filter(RegistrationAction::byTransition))
                .containsExactly(APPROVE, SUSPEND, REACTIVATE, RETIRE, WITHDRAW);
    }
}
