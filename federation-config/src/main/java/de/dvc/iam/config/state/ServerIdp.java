package de.dvc.iam.config.state;

import de.dvc.iam.config.model.IdpSpec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An agency IdP as the server holds it.
 *
 * @param spec              its fields; the source fields (metadata URL or file, declared entityID, secret reference)
 *                          as apply recorded them, or for objects apply did not create as far as the server shows them
 * @param agency            the id of the agency (organization) it is linked to
 * @param secretFingerprint what apply recorded of its client secret ({@link Secret#fingerprint(String, String)})
 * @param metadataSha256    what apply recorded of its metadata file
 * @param deviations        the settings DVC requires of every agency IdP that it does not have (e.g.
 *                          {@code hideOnLogin}), by name
 */
public record ServerIdp(IdpSpec spec, Optional<String> agency, Ownership ownership, Optional<String> secretFingerprint,
                        Optional<String> metadataSha256, List<String> deviations, String id) implements Actual {

    public ServerIdp {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(ownership, "ownership");
        Objects.requireNonNull(secretFingerprint, "secretFingerprint");
        Objects.requireNonNull(metadataSha256, "metadataSha256");
        deviations = List.copyOf(deviations);
        Objects.requireNonNull(id, "id");
    }

    @Override
    public ObjectKind kind() {
        return ObjectKind.IDP;
    }

    @Override
    public String name() {
        return spec.alias();
    }
}
