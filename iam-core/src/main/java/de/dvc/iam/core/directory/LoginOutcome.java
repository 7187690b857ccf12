package de.dvc.iam.core.directory;

import java.util.Objects;

/** The result of checking a login name and password at an agency's directory. */
public sealed interface LoginOutcome {

    /** The directory accepted the password and the account may log in. */
    record Success(DirectoryAccount account) implements LoginOutcome {
        public Success {
            Objects.requireNonNull(account, "account");
        }
    }

    /**
     * The login is refused.
     *
     * @param refusal   what the page says; all a person at the login form learns
     * @param logReason what happened, for the operators' logs: no password, no bind secret, never what the
     *                  directory sent besides result codes
     */
    record Refused(LoginRefusal refusal, String logReason) implements LoginOutcome {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
            Objects.requireNonNull(logReason, "logReason");
        }
    }

    static Refused refused(LoginRefusal refusal, String logReason) {
        return new Refused(refusal, logReason);
    }
}
