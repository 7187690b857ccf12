package de.dvc.iam.core.registration;

import java.util.Objects;
import java.util.Optional;

/**
 * Who calls the registration API: a federation operator (the DVC team), an agency admin of one
 * agency, or anyone else.
 *
 * @param id       a stable id of the person (for the history), never null
 * @param operator whether the caller is a federation operator
 * @param agency   the agency the caller administers, or null
 */
public record Principal(String id, boolean operator, String agency) {

    public Principal {
        Objects.requireNonNull(id, "id");
    }

    public Optional<String> adminOf() {
        return Optional.ofNullable(agency);
    }
}
