package de.dvc.iam.core.directory;

import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.experimental.DraftBeheraLDAPPasswordPolicy10ErrorType;
import com.unboundid.ldap.sdk.experimental.DraftBeheraLDAPPasswordPolicy10ResponseControl;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a refused user bind means. Active Directory puts its reason into the diagnostic message of
 * invalidCredentials (49) as {@code "… AcceptSecurityContext error, data 533, v4563"}
 * ([MS-ADTS] 3.1.1.3.4.1.x, Win32 error codes): of these, 530, 531, 532, 533, 701 and 773 are given only when the
 * password was right, so their account state may be shown; 525 (no such user), 52e (wrong password) and 775
 * (locked, given whatever the password) stay {@link LoginRefusal#INVALID_CREDENTIALS}. OpenLDAP's password policy
 * (draft-behera-ldap-password-policy-10) reports {@code passwordExpired} only after checking the password, and
 * {@code accountLocked} before, with the same rule.
 */
final class BindRejection {

    private static final Pattern AD_DATA = Pattern.compile("\\bdata ([0-9a-fA-F]{3,8})\\b");
    private static final Map<String, LoginRefusal> AD_PROVEN = Map.of(
            "530", LoginRefusal.LOGON_NOT_PERMITTED, "531", LoginRefusal.LOGON_NOT_PERMITTED,
            "532", LoginRefusal.PASSWORD_EXPIRED, "533", LoginRefusal.ACCOUNT_DISABLED,
            "701", LoginRefusal.ACCOUNT_EXPIRED, "773", LoginRefusal.PASSWORD_EXPIRED);
    private static final Map<String, String> AD_MEANING = Map.of("525", "no such user", "52e", "wrong password",
            "530", "logon not permitted at this time", "531", "logon not permitted at this workstation",
            "532", "password expired", "533", "account disabled", "701", "account expired",
            "773", "password must be reset", "775", "account locked");

    private BindRejection() {
    }

    /** The outcome of a user bind that did not succeed with {@code result} (not a connection failure). */
    static LoginOutcome.Refused classify(LDAPResult result) {
        Optional<DraftBeheraLDAPPasswordPolicy10ErrorType> policy = passwordPolicyError(result);
        if (policy.isPresent()) {
            if (policy.get() == DraftBeheraLDAPPasswordPolicy10ErrorType.PASSWORD_EXPIRED) {
                return LoginOutcome.refused(LoginRefusal.PASSWORD_EXPIRED, "password policy: passwordExpired");
            }
            return LoginOutcome.refused(LoginRefusal.INVALID_CREDENTIALS, "bind refused, password policy: " + policy.get().getName());
        }
        String code = result.getResultCode().intValue() + " (" + result.getResultCode().getName() + ")";
        if (result.getResultCode() != ResultCode.INVALID_CREDENTIALS) {
            return LoginOutcome.refused(LoginRefusal.INVALID_CREDENTIALS, "bind refused with result " + code);
        }
        Matcher data = AD_DATA.matcher(result.getDiagnosticMessage() == null ? "" : result.getDiagnosticMessage());
        if (!data.find()) {
            return LoginOutcome.refused(LoginRefusal.INVALID_CREDENTIALS, "bind refused: invalid credentials");
        }
        String ad = data.group(1).toLowerCase(Locale.ROOT);
        String reason = "bind refused, Active Directory data " + ad + " (" + AD_MEANING.getOrDefault(ad, "unknown") + ")";
        return LoginOutcome.refused(AD_PROVEN.getOrDefault(ad, LoginRefusal.INVALID_CREDENTIALS), reason);
    }

    /** After a successful bind: OpenLDAP's "change after reset" means the user must set a new password first. */
    static Optional<LoginOutcome.Refused> afterSuccess(LDAPResult result) {
        return passwordPolicyError(result)
                .filter(e -> e == DraftBeheraLDAPPasswordPolicy10ErrorType.CHANGE_AFTER_RESET)
                .map(e -> LoginOutcome.refused(LoginRefusal.PASSWORD_EXPIRED, "password policy: changeAfterReset"));
    }

    private static Optional<DraftBeheraLDAPPasswordPolicy10ErrorType> passwordPolicyError(LDAPResult result) {
        try {
            DraftBeheraLDAPPasswordPolicy10ResponseControl control = DraftBeheraLDAPPasswordPolicy10ResponseControl.get(result);
            return control == null ? Optional.empty() : Optional.ofNullable(control.getErrorType());
        } catch (com.unboundid.ldap.sdk.LDAPException e) {
            return Optional.empty();
        }
    }
}
