package de.dvc.iam.config.export;

import de.dvc.iam.config.state.ObjectKind;
import de.dvc.iam.config.state.Ownership;

/** A server object the export leaves out of the files, and why (named in a comment where it has an agency file). */
public record NotExported(ObjectKind kind, String name, Ownership ownership, String reason) {
}
