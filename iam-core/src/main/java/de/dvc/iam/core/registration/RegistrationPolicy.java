package de.dvc.iam.core.registration;

import java.util.Optional;

/**
 * Who may do what to a registration, and which state each action leads to (docs/agency-admins.md,
 * "Lifecycle"):
 * <pre>
 * validated --confirm-test (sandbox login)--> tested --approve (operator, not the submitter)--> active
 * active --suspend (operator)--> suspended --reactivate (operator)--> active
 * any but retired and adopted --retire (operator) / withdraw (agency admin of the agency)--> retired
 * active or suspended --adopt (realm admin, dvc-config adopt; RegistrationAdoption)--> adopted
 * </pre>
 * Agency admins act only on their own agency; federation operators on all; everyone else on none.
 *
 * <p>Stateless and thread-safe.
 */
public final class RegistrationPolicy {

    /** Why an action is not possible: {@code forbidden} (who) or a conflict with the state (when). */
    public record Refusal(boolean forbidden, String message) {
    }

    private RegistrationPolicy() {
    }

    /** Whether {@code principal} may perform {@code action} on a registration of {@code agency}. */
    public static Optional<Refusal> authorize(Principal principal, RegistrationAction action, String agency) {
        boolean ownAgency = principal.adminOf().map(agency::equals).orElse(false);
        boolean allowed = switch (action) {
            case SUBMIT, READ, WITHDRAW, UPDATE -> principal.operator() || ownAgency;
            case APPROVE, SUSPEND, REACTIVATE, RETIRE -> principal.operator();
            case CONFIRM_TEST -> false; // only the server records a sandbox login
        };
        return allowed ? Optional.empty() : Optional.of(new Refusal(true,
                "You may not " + action.code() + " registrations of agency '" + agency + "'."));
    }

    /**
     * Approval's other precondition: every declared domain proven (DNS TXT or well-known file), so that no IdP goes
     * live asserting a domain its agency has not shown to hold.
     *
     * @return the refusal naming the domains not proven yet; empty for other actions or when all are proven
     */
    public static Optional<Refusal> domainsProven(RegistrationAction action, java.util.List<String> declared, java.util.Set<String> proven) {
        if (action != RegistrationAction.APPROVE) {
            return Optional.empty();
        }
        java.util.List<String> open = declared.stream().filter(d -> !proven.contains(d)).toList();
        return open.isEmpty() ? Optional.empty() : Optional.of(new Refusal(false, "Domain(s) " + String.join(", ", open)
                + " are not proven yet: the agency publishes the DNS TXT records or well-known files named in domainProofs, "
                + "then calls domain-proofs."));
    }

    /**
     * Approval's last precondition, checked as the proven domains become the agency's verified domains: none of them
     * belongs to another agency by then (two registrations racing for one domain; the first approved keeps it).
     *
     * @param holder the agency (organization id) holding a domain now, or null for none
     * @return the first of {@code domains}, in their order, another agency holds; empty if none
     */
    public static Optional<String> domainHeldByOther(java.util.Collection<String> domains,
                                                     java.util.function.Function<String, String> holder, String agency) {
        return domains.stream().filter(domain -> {
            String owner = holder.apply(domain);
            return owner != null && !owner.equals(agency);
        }).findFirst();
    }

    /**
     * The state after {@code action}, or a refusal.
     *
     * @param submitter who submitted the registration (approval must be someone else: four eyes)
     */
    public static Transition next(RegistrationState state, RegistrationAction action, Principal actor, String submitter) {
        RegistrationState to = switch (action) {
            case CONFIRM_TEST -> state == RegistrationState.VALIDATED ? RegistrationState.TESTED : null;
            case APPROVE -> state == RegistrationState.TESTED ? RegistrationState.ACTIVE : null;
            case SUSPEND -> state == RegistrationState.ACTIVE ? RegistrationState.SUSPENDED : null;
            case REACTIVATE -> state == RegistrationState.SUSPENDED ? RegistrationState.ACTIVE : null;
            // an adopted IdP is the files' now: it is retired by removing it from them
            case RETIRE, WITHDRAW -> state == RegistrationState.RETIRED || state == RegistrationState.ADOPTED ? null : RegistrationState.RETIRED;
            case SUBMIT, READ, UPDATE -> null;
        };
        if (to == null) {
            return Transition.refused(new Refusal(false, "A registration in state " + state.code() + " cannot be "
                    + pastTense(action) + "." + (action == RegistrationAction.APPROVE && state == RegistrationState.VALIDATED
                    ? " The agency must first complete a test login in the sandbox." : "")));
        }
        if (action == RegistrationAction.APPROVE && actor.id().equals(submitter)) {
            return Transition.refused(new Refusal(true, "The submitter cannot approve her own registration (four-eyes principle)."));
        }
        return Transition.to(to);
    }

    private static String pastTense(RegistrationAction action) {
        return switch (action) {
            case APPROVE -> "approved";
            case SUSPEND -> "suspended";
            case REACTIVATE -> "reactivated";
            case RETIRE -> "retired";
            case WITHDRAW -> "withdrawn";
            case CONFIRM_TEST -> "marked as tested";
            default -> action.code();
        };
    }

    /** The outcome of {@link #next}: a state, or a refusal. */
    public record Transition(RegistrationState state, Refusal refusal) {
        static Transition to(RegistrationState state) {
            return new Transition(state, null);
        }

        static Transition refused(Refusal refusal) {
            return new Transition(null, refusal);
        }

        public boolean allowed() {
            return state != null;
        }
    }
}
