package de.dvc.iam.core.directory;

import com.unboundid.ldap.sdk.Entry;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether an Active Directory account may log in, read from its entry once its password was proven right. AD
 * itself refuses binds of such accounts (see {@link BindRejection}); this check is for directories that store AD's
 * attributes without enforcing them (AD LDS, Samba, migrated or emulated directories) and for states a bind does
 * not report. Attributes per [MS-ADTS] 2.2.16 and the attribute reference in [MS-ADA1..3]:
 * <ul>
 *   <li>{@code userAccountControl} bit 0x2 ACCOUNTDISABLE;</li>
 *   <li>bit 0x10 LOCKOUT and 0x800000 PASSWORD_EXPIRED, which AD maintains only in the constructed
 *       {@code msDS-User-Account-Control-Computed}; {@code lockoutTime > 0} counts only where that attribute is
 *       absent, since AD leaves lockoutTime set after the lockout duration ran out until the next good logon;</li>
 *   <li>{@code pwdLastSet = 0}: the user must change the password at next logon;</li>
 *   <li>{@code accountExpires}: a Windows FILETIME (100 ns since 1601-01-01 UTC); 0 and 2^63-1 mean never.</li>
 * </ul>
 */
final class AccountState {

    static final long ACCOUNTDISABLE = 0x2;
    static final long LOCKOUT = 0x10;
    static final long PASSWORD_EXPIRED = 0x800000;
    private static final long FILETIME_UNIX_EPOCH = 116_444_736_000_000_000L;

    private AccountState() {
    }

    /** Why the account may not log in, or empty; only for {@link DirectoryProfile#ACTIVE_DIRECTORY}. */
    static Optional<LoginOutcome.Refused> refusal(DirectoryProfile profile, Entry entry, Instant now) {
        if (profile != DirectoryProfile.ACTIVE_DIRECTORY) {
            return Optional.empty();
        }
        long control = number(entry, "userAccountControl").orElse(0L);
        Optional<Long> computed = number(entry, "msDS-User-Account-Control-Computed");
        long flags = control | computed.orElse(0L);
        if ((control & ACCOUNTDISABLE) != 0) {
            return refused(LoginRefusal.ACCOUNT_DISABLED, "userAccountControl has ACCOUNTDISABLE (0x2)");
        }
        boolean lockedByTime = computed.isEmpty() && number(entry, "lockoutTime").orElse(0L) > 0;
        if ((flags & LOCKOUT) != 0 || lockedByTime) {
            return refused(LoginRefusal.ACCOUNT_LOCKED, lockedByTime ? "lockoutTime > 0" : "userAccountControl has LOCKOUT (0x10)");
        }
        Optional<Long> expires = number(entry, "accountExpires");
        if (expires.isPresent() && expires.get() != 0 && expires.get() != Long.MAX_VALUE && fileTime(expires.get()).isBefore(now)) {
            return refused(LoginRefusal.ACCOUNT_EXPIRED, "accountExpires " + fileTime(expires.get()) + " has passed");
        }
        if ((flags & PASSWORD_EXPIRED) != 0) {
            return refused(LoginRefusal.PASSWORD_EXPIRED, "userAccountControl has PASSWORD_EXPIRED (0x800000)");
        }
        if (number(entry, "pwdLastSet").map(v -> v == 0).orElse(false)) {
            return refused(LoginRefusal.PASSWORD_EXPIRED, "pwdLastSet = 0: the password must be changed at next logon");
        }
        return Optional.empty();
    }

    static Instant fileTime(long value) {
        long unix100ns = value - FILETIME_UNIX_EPOCH;
        return Instant.ofEpochSecond(Math.floorDiv(unix100ns, 10_000_000L), Math.floorMod(unix100ns, 10_000_000L) * 100);
    }

    private static Optional<Long> number(Entry entry, String attribute) {
        String value = entry.getAttributeValue(attribute);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<LoginOutcome.Refused> refused(LoginRefusal refusal, String reason) {
        return Optional.of(LoginOutcome.refused(refusal, reason + " (checked after the password was accepted)"));
    }
}
