package de.dvc.iam.core.directory;

import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.experimental.DraftBeheraLDAPPasswordPolicy10ErrorType;
import com.unboundid.ldap.sdk.experimental.DraftBeheraLDAPPasswordPolicy10ResponseControl;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BindRejectionTest {

    private static LoginRefusal ad(String data) {
        return BindRejection.classify(new LDAPResult(1, ResultCode.INVALID_CREDENTIALS,
                "80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data " + data + ", v4563", null, (String[]) null,
                (Control[]) null)).refusal();
    }

    @Test
    void activeDirectoryCodesGivenOnlyForTheRightPasswordAreShown() {
        assertThat(ad("533")).isEqualTo(LoginRefusal.ACCOUNT_DISABLED);
        assertThat(ad("532")).isEqualTo(LoginRefusal.PASSWORD_EXPIRED);
        assertThat(ad("773")).isEqualTo(LoginRefusal.PASSWORD_EXPIRED);
        assertThat(ad("701")).isEqualTo(LoginRefusal.ACCOUNT_EXPIRED);
        assertThat(ad("530")).isEqualTo(LoginRefusal.LOGON_NOT_PERMITTED);
        assertThat(ad("531")).isEqualTo(LoginRefusal.LOGON_NOT_PERMITTED);
    }

    @Test
    void codesThatRevealAnAccountWithoutItsPasswordAreInvalidCredentials() {
        assertThat(ad("525")).isEqualTo(LoginRefusal.INVALID_CREDENTIALS);
        assertThat(ad("52e")).isEqualTo(LoginRefusal.INVALID_CREDENTIALS);
        assertThat(ad("775")).isEqualTo(LoginRefusal.INVALID_CREDENTIALS);
        assertThat(BindRejection.classify(new LDAPResult(1, ResultCode.INVALID_CREDENTIALS)).refusal())
                .isEqualTo(LoginRefusal.INVALID_CREDENTIALS);
    }

    @Test
    void openLdapPasswordPolicyExpiryIsShownButALockIsNot() {
        assertThat(BindRejection.classify(policy(ResultCode.INVALID_CREDENTIALS, DraftBeheraLDAPPasswordPolicy10ErrorType.PASSWORD_EXPIRED))
                .refusal()).isEqualTo(LoginRefusal.PASSWORD_EXPIRED);
        assertThat(BindRejection.classify(policy(ResultCode.INVALID_CREDENTIALS, DraftBeheraLDAPPasswordPolicy10ErrorType.ACCOUNT_LOCKED))
                .refusal()).isEqualTo(LoginRefusal.INVALID_CREDENTIALS);
        assertThat(BindRejection.afterSuccess(policy(ResultCode.SUCCESS, DraftBeheraLDAPPasswordPolicy10ErrorType.CHANGE_AFTER_RESET)))
                .map(LoginOutcome.Refused::refusal).contains(LoginRefusal.PASSWORD_EXPIRED);
        assertThat(BindRejection.afterSuccess(new LDAPResult(1, ResultCode.SUCCESS))).isEmpty();
    }

    private static LDAPResult policy(ResultCode code, DraftBeheraLDAPPasswordPolicy10ErrorType error) {
        return new LDAPResult(1, code, null, null, null,
                new Control[] {new DraftBeheraLDAPPasswordPolicy10ResponseControl(null, -1, error)});
    }
}
