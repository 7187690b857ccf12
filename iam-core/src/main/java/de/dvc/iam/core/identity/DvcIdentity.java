package de.dvc.iam.core.identity;

import de.dvc.iam.core.agency.Agency;
import de.dvc.iam.core.assurance.AssuranceLevel;
import de.dvc.iam.core.profile.AssertedIdentity;

import java.util.Objects;

/**
 * The DVC identity of one login: the person as the home agency asserted her (after the IdP's
 * attribute profile), the home agency, the agency IdP that authenticated her, and the assurance
 * level the login reached.
 *
 * @param agency    the home agency; never null
 * @param homeIdp   alias of the agency IdP in realm {@code dvc}; never null or blank
 * @param person    what the agency asserted; never null
 * @param assurance the login's level, never above the IdP's registered maximum; never null
 */
public record DvcIdentity(Agency agency, String homeIdp, AssertedIdentity person, AssuranceLevel assurance) {

    public DvcIdentity {
        Objects.requireNonNull(agency, "agency");
        if (homeIdp == null || homeIdp.isBlank()) {
            throw new IllegalArgumentException("homeIdp must name the agency IdP alias.");
        }
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(assurance, "assurance");
    }
}
