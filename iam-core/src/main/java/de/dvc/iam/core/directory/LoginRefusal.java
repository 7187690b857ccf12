package de.dvc.iam.core.directory;

/**
 * Why a directory login did not succeed, as the login page shows it. Each has a message key of the {@code dvc}
 * theme and an English default text; the detail for the operators' logs is in {@link LoginOutcome.Refused#logReason()}.
 *
 * <p>What an unauthenticated caller can learn is limited on purpose (BSI IT-Grundschutz ORP.4.A22, OWASP ASVS
 * V2.2): an unknown login name and a wrong password are both {@link #INVALID_CREDENTIALS}, and an account's state
 * (disabled, expired, …) is only reported once the password was proven right — by a successful bind, or by an
 * Active Directory error code that AD gives only for a correct password. A lock-out, which AD and OpenLDAP report
 * whatever the password, is therefore {@link #INVALID_CREDENTIALS} too, and that page mentions it.
 */
public enum LoginRefusal {
    INVALID_CREDENTIALS("dvcDirectoryInvalidCredentials",
            "The user name or password is wrong, or the account is locked after too many attempts."),
    ACCOUNT_DISABLED("dvcDirectoryAccountDisabled",
            "Your agency's directory refused the login: the account is disabled. Please ask your IT."),
    ACCOUNT_LOCKED("dvcDirectoryAccountLocked",
            "Your agency's directory refused the login: the account is locked. Please ask your IT, or wait and try again later."),
    PASSWORD_EXPIRED("dvcDirectoryPasswordExpired",
            "Your password has expired or must be changed. Change it at your workplace (e.g. at the Windows login), then try again."),
    ACCOUNT_EXPIRED("dvcDirectoryAccountExpired",
            "Your agency's directory refused the login: the account has expired. Please ask your IT."),
    LOGON_NOT_PERMITTED("dvcDirectoryLogonNotPermitted",
            "Your agency's directory does not allow this account to sign in at this time or from here. Please ask your IT."),
    AMBIGUOUS("dvcDirectoryAmbiguous",
            "More than one account in your agency's directory has this login name. Please ask your IT, or sign in with another name."),
    DIRECTORY_UNAVAILABLE("dvcDirectoryUnavailable",
            "Your agency's directory cannot be reached right now. Please try again in a few minutes."),
    REFUSED_BY_GUARD("dvcDirectoryNotAllowed",
            "Your agency's directory is not on a network DVC may reach. Please ask your IT to contact the DVC operators.");

    private final String messageKey;
    private final String text;

    LoginRefusal(String messageKey, String text) {
        this.messageKey = messageKey;
        this.text = text;
    }

    /** The key in the {@code dvc} theme's messages_de/en.properties. */
    public String messageKey() {
        return messageKey;
    }

    /** The English page text, where the theme has none. */
    public String text() {
        return text;
    }
}
