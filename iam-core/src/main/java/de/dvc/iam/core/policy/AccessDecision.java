package de.dvc.iam.core.policy;

import java.util.Locale;
import java.util.Objects;

/** The outcome of an access policy: allowed, or refused for one named reason. */
public record AccessDecision(boolean allowed, Reason reason) {

    public static final AccessDecision ALLOWED = new AccessDecision(true, null);

    /** Why a policy refused; {@link #code()} is what audit events and refusal pages use. */
    public enum Reason {
        AGENCY, LEVEL, STATE, ROLE, ASSURANCE;

        public String code() {
            return "policy_" + name().toLowerCase(Locale.ROOT);
        }
    }

    public AccessDecision {
        if (!allowed) {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static AccessDecision refused(Reason reason) {
        return new AccessDecision(false, reason);
    }
}
