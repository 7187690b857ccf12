package de.dvc.iam.config.validate;

import de.dvc.iam.config.Problem;
import de.dvc.iam.config.model.Origin;

import java.util.List;

/**
 * A file named after what it holds ({@code berlin-senfin.yaml} for agency {@code berlin-senfin}), so a reviewer
 * finds it and a rename shows in the diff. A warning: the name carries no meaning for the federation.
 */
final class FileNames {

    private FileNames() {
    }

    static void check(Origin origin, String name, String member, List<Problem> out) {
        String file = origin.document().file().getFileName().toString();
        String base = file.replaceFirst("\\.ya?ml$", "");
        if (!base.equals(name)) {
            out.add(Problem.warning("file_name_mismatch", origin.at(member), "The file " + file + " holds '" + name + "'.",
                    name + ".yaml, so that files and ids read alike"));
        }
    }
}
