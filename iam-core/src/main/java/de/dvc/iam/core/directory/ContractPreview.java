package de.dvc.iam.core.directory;

import com.unboundid.ldap.sdk.Entry;
import de.dvc.iam.core.profile.AssertedIdentity;
import de.dvc.iam.core.profile.AttributeProfile;
import de.dvc.iam.core.profile.ProfileOutcome;
import de.dvc.iam.core.profile.Role;
import de.dvc.iam.core.registration.Finding;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a test account's login would give a service: the stable subject and the DVC identity contract
 * (docs/claims.md), shown to the agency admin in the validation report before the directory goes live. Agency,
 * assurance and domain binding are added at login by the federation, as for every IdP, and are not part of it.
 */
final class ContractPreview {

    private ContractPreview() {
    }

    static Optional<Map<String, Object>> of(String directory, DirectorySettings settings, Entry entry, AttributeProfile contract,
                                            Instant now, Consumer<Finding> findings) {
        DirectoryAccount account;
        try {
            account = EntryMapping.account(directory, settings.profile(), settings.groupRoles(), entry);
        } catch (IllegalArgumentException e) {
            findings.accept(Finding.error("stable_id_missing", "The test account cannot be keyed: " + e.getMessage().replaceAll("\\.$", "") + ".",
                    "Let the service account read " + settings.profile().subjectAttribute() + " on user entries."));
            return Optional.empty();
        }
        AccountState.refusal(settings.profile(), entry, now).ifPresent(refused -> findings.accept(Finding.warning(
                "test_account_cannot_log_in", "The test account could not log in now: " + refused.logReason() + ".",
                "Use an enabled test account with a current password.")));
        Map<String, Object> preview = new LinkedHashMap<>();
        preview.put("subject", Map.of("directory", directory, "id", account.subject().id()));
        preview.put("dn", account.dn());
        ProfileOutcome outcome = account.contract(contract);
        if (outcome instanceof ProfileOutcome.Missing missing) {
            findings.accept(Finding.error("test_account_attributes_missing", "The test account lacks what the profile requires: "
                    + String.join(", ", missing.releaseHint()) + ". Logins of such users would be refused.",
                    "Fill these attributes in the directory, let the service account read them, or adjust the profile's overrides."));
            preview.put("missing", missing.missing().stream().map(a -> a.key()).toList());
            return Optional.of(preview);
        }
        AssertedIdentity identity = ((ProfileOutcome.Accepted) outcome).identity();
        preview.put("given_name", identity.givenName());
        preview.put("family_name", identity.familyName());
        identity.emailAddress().ifPresent(v -> preview.put("email", v));
        identity.userPrincipalName().ifPresent(v -> preview.put("upn", v));
        identity.unit().ifPresent(unit -> {
            Map<String, String> orgUnit = new LinkedHashMap<>();
            if (unit.name() != null) {
                orgUnit.put("name", unit.name());
            }
            if (unit.code() != null) {
                orgUnit.put("code", unit.code());
            }
            preview.put("org_unit", orgUnit);
        });
        preview.put("roles", identity.roles().stream().map(Role::name).toList());
        return Optional.of(preview);
    }
}
