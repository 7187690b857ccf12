package de.dvc.iam.core.profile;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A login's identity after its agency IdP's attribute profile was applied: the person-related part
 * of the DVC identity contract (docs/claims.md). Agency, home IdP and assurance are added by the
 * federation, not taken from the assertion.
 *
 * @param givenName  never null (may be empty if the profile does not require it)
 * @param familyName never null (may be empty if the profile does not require it)
 * @param email      lower-case, only if released and verified; else null
 * @param upn        lower-case user principal name; null if none
 * @param orgUnit    null if none
 * @param roles      never null
 */
public record AssertedIdentity(String givenName, String familyName, String email, String upn,
                               OrgUnit orgUnit, List<Role> roles) {

    public AssertedIdentity {
        Objects.requireNonNull(givenName, "givenName");
        Objects.requireNonNull(familyName, "familyName");
        roles = List.copyOf(Objects.requireNonNull(roles, "roles"));
    }

    public Optional<String> emailAddress() {
        return Optional.ofNullable(email);
    }

    public Optional<String> userPrincipalName() {
        return Optional.ofNullable(upn);
    }

    public Optional<OrgUnit> unit() {
        return Optional.ofNullable(orgUnit);
    }
}
