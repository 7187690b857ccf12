package de.dvc.iam.config.plan;

import de.dvc.iam.config.state.ObjectKind;
import de.dvc.iam.config.state.Ownership;

import java.util.List;

/**
 * An object of the server that apply did not create and never touches: a self-service registration, something
 * made by hand, or something the files cannot describe.
 *
 * @param inFiles whether the files describe it too (as it is: otherwise it would be a {@link Conflict})
 * @param notes   e.g. the required DVC settings it lacks, or why the files cannot describe it
 */
public record NotOwned(ObjectKind kind, String name, Ownership ownership, boolean inFiles, List<String> notes) {

    public NotOwned {
        notes = List.copyOf(notes);
    }
}
