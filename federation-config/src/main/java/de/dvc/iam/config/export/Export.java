package de.dvc.iam.config.export;

import de.dvc.iam.config.model.SecretReference;
import de.dvc.iam.config.validate.SourceFile;

import java.util.List;

/**
 * The files of an export, what it left out, and the secrets the operator must set before the files are applied.
 *
 * @param secretsToSet references the export named for secrets the server does not reveal
 */
public record Export(List<SourceFile> files, List<NotExported> notExported, List<SecretReference> secretsToSet) {

    public Export {
        files = List.copyOf(files);
        notExported = List.copyOf(notExported);
        secretsToSet = List.copyOf(secretsToSet);
    }
}
