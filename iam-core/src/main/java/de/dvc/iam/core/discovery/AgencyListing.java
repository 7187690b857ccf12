package de.dvc.iam.core.discovery;

import de.dvc.iam.core.agency.Agency;

import java.util.List;
import java.util.Objects;

/**
 * An agency as discovery offers it: the agency and the aliases of its enabled IdPs (one or more).
 *
 * @param agency never null
 * @param idps   aliases of the agency's enabled IdPs, never empty
 */
public record AgencyListing(Agency agency, List<String> idps) {

    public AgencyListing {
        Objects.requireNonNull(agency, "agency");
        idps = List.copyOf(idps);
        if (idps.isEmpty()) {
            throw new IllegalArgumentException("Agency '" + agency.id() + "' has no enabled IdP to list.");
        }
    }
}
