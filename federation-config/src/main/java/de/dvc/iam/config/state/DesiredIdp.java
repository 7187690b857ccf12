package de.dvc.iam.config.state;

import de.dvc.iam.config.model.IdpSpec;

import java.util.Objects;
import java.util.Optional;

/**
 * An agency IdP as the files want it.
 *
 * @param spec         with every default explicit: domains (the agency's where the IdP names none), maximum
 *                     assurance and acr table (the settings' defaults)
 * @param agency       the id of the agency whose file holds it
 * @param clientSecret the secret apply writes, resolved where possible: OIDC's client secret, or a directory's bind
 *                     secret named by env: or file: (a vault: one is stored as its name, {@code IdpSpec#directory})
 * @param metadataFile SAML from a file: the file, read
 */
public record DesiredIdp(IdpSpec spec, String agency, Optional<Secret> clientSecret, Optional<MetadataFile> metadataFile)
        implements Desired {

    public DesiredIdp {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(metadataFile, "metadataFile");
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
