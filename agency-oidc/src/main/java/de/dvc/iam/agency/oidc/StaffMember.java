package de.dvc.iam.agency.oidc;

import java.util.List;
import java.util.Objects;

/**
 * A person in the agency's directory, as its OpenID provider knows her. Demo credentials only.
 *
 * @param username    what she types at the login form (her email address, as at many agencies)
 * @param password    her password, plain (demo only; hashed when the provider starts)
 * @param subject     her {@code sub}: an opaque directory id that never changes and is never given to anyone else,
 *                    unlike her email address (OpenID Connect Core 1.0, 5.7); DVC keys her by (IdP, subject)
 * @param givenName   {@code given_name}
 * @param familyName  {@code family_name}
 * @param email       {@code email}, verified by the agency ({@code email_verified} is true)
 * @param orgUnit     name of her organizational unit (Referat, Abteilung), {@code org_unit}
 * @param orgUnitCode its code in the agency's directory, {@code org_unit_code}
 * @param roles       roles the agency asserts for her, {@code roles}
 */
public record StaffMember(String username, String password, String subject, String givenName, String familyName,
                          String email, String orgUnit, String orgUnitCode, List<String> roles) {

    public StaffMember {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(givenName, "givenName");
        Objects.requireNonNull(familyName, "familyName");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(orgUnit, "orgUnit");
        Objects.requireNonNull(orgUnitCode, "orgUnitCode");
        roles = List.copyOf(roles);
    }

    @Override
    public String toString() {
        return "StaffMember[" + username + ", sub=" + subject + "]";
    }
}
