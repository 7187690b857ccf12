package de.dvc.iam.config.state;

import de.dvc.iam.config.model.AgencySpec;

import java.util.Objects;

/** An agency as the files want it (its IdPs are objects of their own, {@link DesiredIdp}). */
public record DesiredAgency(AgencySpec spec) implements Desired {

    public DesiredAgency {
        Objects.requireNonNull(spec, "spec");
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
