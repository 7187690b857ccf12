package de.dvc.iam.core.onboarding;

import de.dvc.iam.core.profile.Role;

import java.util.Collection;
import java.util.Locale;

/**
 * How an agency designates its own admins once its IdP is active: its IdP asserts the role {@value #ROLE} for the
 * person (through the attribute profile's roles, docs/claims.md). That makes her an admin of the agency of the IdP she
 * logged in through, and of no other: the agency comes from the IdP's registration, never from the assertion. Role
 * parameters are ignored (a parameter naming another agency designates nothing more).
 */
public final class AdminDesignation {

    /** The role an agency's IdP asserts for its DVC admins. */
    public static final String ROLE = "dvc-agency-admin";

    private AdminDesignation() {
    }

    /** Whether {@code roles} (as the home IdP asserted them at this login) designate an agency admin. */
    public static boolean designated(Collection<Role> roles) {
        return roles != null && roles.stream().anyMatch(role -> ROLE.equals(role.name().strip().toLowerCase(Locale.ROOT)));
    }
}
