package de.dvc.iam.core.registration;

import java.util.Locale;

/** What can be done to a registration through the API. */
public enum RegistrationAction {
    /** Register an IdP for an agency. */
    SUBMIT,
    /** Read a registration, its report and history. */
    READ,
    /** Record that the sandbox login through the IdP succeeded (done by the server, not the API). */
    CONFIRM_TEST,
    APPROVE,
    SUSPEND,
    REACTIVATE,
    RETIRE,
    /** The agency takes its registration back. */
    WITHDRAW,
    /** Change what a registration brokers with: new metadata, a new client secret (not a lifecycle transition). */
    UPDATE;

    /** Whether a caller asks for this action as a lifecycle transition ({@code POST …/transitions}). */
    public boolean byTransition() {
        return this == APPROVE || this == SUSPEND || this == REACTIVATE || this == RETIRE || this == WITHDRAW;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @throws IllegalArgumentException naming the allowed actions
     */
    public static RegistrationAction fromCode(String code) {
        for (RegistrationAction action : values()) {
            if (action.code().equals(code == null ? "" : code.trim().toLowerCase(Locale.ROOT))) {
                return action;
            }
        }
        throw new IllegalArgumentException("Unknown action '" + code
                + "': use approve, suspend, reactivate, retire or withdraw.");
    }
}
