package de.dvc.iam.config.export;

import de.dvc.iam.config.model.IdpSpec;
import de.dvc.iam.config.model.SecretReference;

import java.util.Optional;

/**
 * An IdP as the export writes it.
 *
 * @param secret     its secret reference: the one apply recorded, or a new {@code env:} name for the operator to set
 * @param secretNote the comment above it, if the reference is new
 * @param fileNote   the comment above a metadata file the server does not keep
 */
record ExportedIdp(IdpSpec spec, Optional<SecretReference> secret, Optional<String> secretNote, Optional<String> fileNote) {
}
