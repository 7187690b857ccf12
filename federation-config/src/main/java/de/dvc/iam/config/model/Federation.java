package de.dvc.iam.config.model;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The whole federation as the files describe it: what {@code validate} checks and {@code plan} is to compare
 * with the server. Immutable.
 */
public record Federation(List<AgencySpec> agencies, List<ServiceSpec> services, SettingsSpec settings) {

    public Federation {
        agencies = List.copyOf(agencies);
        services = List.copyOf(services);
    }

    public Stream<IdpSpec> idps() {
        return agencies.stream().flatMap(a -> a.idps().stream());
    }

    public Optional<AgencySpec> agency(String id) {
        return agencies.stream().filter(a -> a.id().equals(id)).findFirst();
    }
}
