package de.dvc.iam.config.keycloak;

import de.dvc.iam.config.state.Actual;
import de.dvc.iam.config.state.Unreadable;

import java.util.Optional;

/** One server object read: as the files' model, or why the files cannot describe it. */
record Reading(Optional<Actual> object, Optional<Unreadable> unreadable) {

    static Reading of(Actual object) {
        return new Reading(Optional.of(object), Optional.empty());
    }

    static Reading unreadable(Unreadable unreadable) {
        return new Reading(Optional.empty(), Optional.of(unreadable));
    }
}
