package de.dvc.iam.config.state;

import de.dvc.iam.config.model.ServiceSpec;

import java.util.Objects;
import java.util.Optional;

/**
 * A service as the files want it.
 *
 * @param spec         with the settings' defaults explicit (required assurance, access policy)
 * @param clientSecret confidential clients: the secret, resolved where possible
 */
public record DesiredService(ServiceSpec spec, Optional<Secret> clientSecret) implements Desired {

    public DesiredService {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(clientSecret, "clientSecret");
    }

    @Override
    public ObjectKind kind() {
        return ObjectKind.SERVICE;
    }

    @Override
    public String name() {
        return spec.clientId();
    }
}
