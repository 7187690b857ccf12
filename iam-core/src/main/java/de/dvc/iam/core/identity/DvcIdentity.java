package de.dvc.iam.core.identity;

import de.dvc.iam.core.agency.Agency;

import java.util.Objects;

/**
 * The part of a user's identity that says where it comes from: the home agency and the agency
 * identity provider (IdP) that authenticated the user in this session.
 *
 * @param agency  the home agency; never null
 * @param homeIdp alias of the agency IdP in realm {@code dvc}; never null or blank
 */
public record DvcIdentity(Agency agency, String homeIdp) {

    public DvcIdentity {
        Objects.requireNonNull(agency, "agency");
        if (homeIdp == null || homeIdp.isBlank()) {
            throw new IllegalArgumentException("homeIdp must name the agency IdP alias.");
        }
    }
}
