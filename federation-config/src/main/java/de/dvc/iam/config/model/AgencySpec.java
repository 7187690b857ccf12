package de.dvc.iam.config.model;

import de.dvc.iam.core.agency.AgencyLevel;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An agency as its file describes it. Immutable; optional values are never null.
 *
 * @param domains the agency's verified email domains, as written
 * @param idps    its IdPs, in file order
 */
public record AgencySpec(String id, String name, Optional<String> shortName, AgencyLevel level, Optional<String> state,
                         Keys keys, List<String> domains, List<IdpSpec> idps, Origin origin) {

    /** Official keys (Amtlicher Gemeindeschlüssel, Amtlicher Regionalschlüssel, Leitweg-ID, DVDV key). */
    public record Keys(Optional<String> ags, Optional<String> ars, Optional<String> leitwegId, Optional<String> dvdv) {
        public static final Keys NONE = new Keys(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public AgencySpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(origin, "origin");
        domains = List.copyOf(domains);
        idps = List.copyOf(idps);
    }
}
