package de.dvc.iam.config.export;

import de.dvc.iam.config.model.SecretReference;

import java.util.Objects;
import java.util.Optional;

/**
 * One agency IdP written as an item of its agency file's top-level {@code idps:} list.
 *
 * @param yaml        the item's lines: {@code "  - alias: …"}, its fields indented by four, each line ending in a newline
 * @param secretToSet a client secret reference the operator must set before apply (the server does not reveal the secret)
 */
public record IdpItem(String yaml, Optional<SecretReference> secretToSet) {

    public IdpItem {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(secretToSet, "secretToSet");
    }
}
