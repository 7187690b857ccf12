package de.dvc.iam.core.policy;

import de.dvc.iam.core.agency.Agency;
import de.dvc.iam.core.assurance.AssuranceLevel;

import java.util.Objects;
import java.util.Set;

/**
 * What an access policy looks at: the user's home agency, the role names the agency asserted in
 * this login, and the login's assurance level.
 */
public record PolicySubject(Agency agency, Set<String> roles, AssuranceLevel assurance) {

    public PolicySubject {
        Objects.requireNonNull(agency, "agency");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(assurance, "assurance");
    }
}
