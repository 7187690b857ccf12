package de.dvc.iam.config.state;

import java.util.List;
import java.util.stream.Stream;

/**
 * The federation a server holds: every agency, agency IdP and service of the realm, owned or not. Keycloak's own
 * clients and DVC's realm infrastructure (the registration sandbox) are not services and are not in it. Immutable.
 */
public record Snapshot(String realm, List<ServerAgency> agencies, List<ServerIdp> idps, List<ServerService> services,
                       List<Unreadable> unreadable, java.util.Optional<ServerSettings> settings) {

    public Snapshot(String realm, List<ServerAgency> agencies, List<ServerIdp> idps, List<ServerService> services,
                    List<Unreadable> unreadable) {
        this(realm, agencies, idps, services, unreadable, java.util.Optional.empty());
    }

    public Snapshot {
        java.util.Objects.requireNonNull(settings, "settings");
        agencies = List.copyOf(agencies);
        idps = List.copyOf(idps);
        services = List.copyOf(services);
        unreadable = List.copyOf(unreadable);
    }

    public Stream<Actual> objects() {
        return Stream.of(agencies.stream(), idps.stream(), services.stream(), settings.stream()).flatMap(s -> s.map(Actual.class::cast));
    }

    public int size() {
        return agencies.size() + idps.size() + services.size() + unreadable.size();
    }
}
