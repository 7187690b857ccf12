package de.dvc.iam.config.state;

import de.dvc.iam.config.model.AgencySpec;

import java.util.Objects;
import java.util.Set;

/**
 * An agency (Keycloak organization) as the server holds it.
 *
 * @param spec                its fields; {@code domains} are all of the organization's, {@code idps} empty (IdPs
 *                            are read as objects of their own)
 * @param registrationDomains domains of the organization that self-service registrations linked to it declare:
 *                            approval made them the agency's, they are not the files' business and an update keeps them
 */
public record ServerAgency(AgencySpec spec, Ownership ownership, Set<String> registrationDomains, String id) implements Actual {

    public ServerAgency {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(ownership, "ownership");
        registrationDomains = Set.copyOf(registrationDomains);
        Objects.requireNonNull(id, "id");
    }

    @Override
    public ObjectKind kind() {
        return ObjectKind.AGENCY;
    }

    @Override
    public String name() {
        return spec.id();
    }
}
