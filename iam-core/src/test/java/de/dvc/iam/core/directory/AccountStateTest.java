package de.dvc.iam.core.directory;

import com.unboundid.ldap.sdk.Entry;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class AccountStateTest {

    private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");

    private static Entry entry(String... attributes) {
        Entry entry = new Entry("CN=x,DC=example");
        for (int i = 0; i < attributes.length; i += 2) {
            entry.addAttribute(attributes[i], attributes[i + 1]);
        }
        return entry;
    }

    private static LoginRefusal refusal(Entry entry) {
        return AccountState.refusal(DirectoryProfile.ACTIVE_DIRECTORY, entry, NOW).map(LoginOutcome.Refused::refusal).orElse(null);
    }

    @Test
    void readsUserAccountControlAndItsComputedSibling() {
        assertThat(refusal(entry("userAccountControl", "512", "pwdLastSet", "1"))).isNull();
        assertThat(refusal(entry("userAccountControl", "514"))).isEqualTo(LoginRefusal.ACCOUNT_DISABLED);
        assertThat(refusal(entry("userAccountControl", "512", "msDS-User-Account-Control-Computed", "16")))
                .isEqualTo(LoginRefusal.ACCOUNT_LOCKED);
        assertThat(refusal(entry("userAccountControl", "512", "msDS-User-Account-Control-Computed", String.valueOf(0x800000))))
                .isEqualTo(LoginRefusal.PASSWORD_EXPIRED);
        assertThat(refusal(entry("pwdLastSet", "0"))).isEqualTo(LoginRefusal.PASSWORD_EXPIRED);
    }

    @Test
    void aStaleLockoutTimeDoesNotLockWhereAdComputesTheLockout() {
        // AD leaves lockoutTime set after the lockout duration; the computed flags say whether it still holds
        assertThat(refusal(entry("lockoutTime", "133600000000000000", "msDS-User-Account-Control-Computed", "0"))).isNull();
        assertThat(refusal(entry("lockoutTime", "133600000000000000"))).isEqualTo(LoginRefusal.ACCOUNT_LOCKED);
    }

    @Test
    void accountExpiresIsAFileTimeWithTwoWaysToSayNever() {
        assertThat(AccountState.fileTime(116_444_736_000_000_000L)).isEqualTo(Instant.EPOCH);
        long march2026 = 116_444_736_000_000_000L + NOW.getEpochSecond() * 10_000_000L;
        assertThat(refusal(entry("accountExpires", String.valueOf(march2026 - 1)))).isEqualTo(LoginRefusal.ACCOUNT_EXPIRED);
        assertThat(refusal(entry("accountExpires", String.valueOf(march2026 + 10_000_000L)))).isNull();
        assertThat(refusal(entry("accountExpires", "0"))).isNull();
        assertThat(refusal(entry("accountExpires", String.valueOf(Long.MAX_VALUE)))).isNull();
    }

    @Test
    void inetOrgPersonStateIsTheDirectorysOwnBusiness() {
        assertThat(AccountState.refusal(DirectoryProfile.INET_ORG_PERSON, entry("userAccountControl", "514"), NOW)).isEmpty();
    }
}
