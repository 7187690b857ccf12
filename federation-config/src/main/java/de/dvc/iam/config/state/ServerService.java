package de.dvc.iam.config.state;

import de.dvc.iam.config.model.ServiceSpec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A service (OIDC client) as the server holds it.
 *
 * @param secretFingerprint what apply recorded of its client secret
 * @param deviations        the client settings DVC requires that it does not have, by name
 */
public record ServerService(ServiceSpec spec, Ownership ownership, Optional<String> secretFingerprint,
                            List<String> deviations, String id) implements Actual {

    public ServerService {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(ownership, "ownership");
        Objects.requireNonNull(secretFingerprint, "secretFingerprint");
        deviations = List.copyOf(deviations);
        Objects.requireNonNull(id, "id");
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
