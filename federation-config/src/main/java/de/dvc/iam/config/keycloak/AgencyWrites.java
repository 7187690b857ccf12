package de.dvc.iam.config.keycloak;

import de.dvc.iam.config.model.AgencySpec;
import de.dvc.iam.config.state.DesiredAgency;
import de.dvc.iam.config.state.ServerAgency;
import org.keycloak.representations.idm.OrganizationRepresentation;

import java.util.Optional;
import java.util.Set;

/**
 * Writes agencies as organizations. Each write is one call (Keycloak saves an organization with its attributes and
 * domains at once), so it is complete or not done. Keycloak wants organization names unique, agency names are not:
 * where the name is taken the organization is named "name (id)" ({@code AgencyAttributes.NAME} keeps the official
 * name). Thread-safe.
 */
final class AgencyWrites {

    private final RealmAdmin admin;
    private final OrganizationIndex index;

    AgencyWrites(RealmAdmin admin, OrganizationIndex index) {
        this.admin = admin;
        this.index = index;
    }

    void create(DesiredAgency desired) {
        AgencySpec spec = desired.spec();
        Steps steps = new Steps("agency " + spec.id());
        boolean taken = index.nameTaken(spec.name(), spec.id());
        steps.run("create its organization", () -> {
            String id;
            try {
                id = admin.createOrganization(AgencyMapping.organization(spec, Optional.empty(), Set.of(), taken));
            } catch (AdminCallFailed e) {
                boolean raced = e.conflict() || e.status() == 500 && admin.organizationNameTaken(spec.name(), spec.id());
                if (!raced || taken) {
                    throw e;
                }
                // Keycloak answers 409 for a name or domain that is taken, and also when two organizations are created at
                // the same moment (seen at the demo's first start); two of one name created at the same moment both pass
                // its name check and the database's unique index refuses the second with a 500 (seen for 'Landkreis
                // Rostock' in the national fixture, its transaction rolled back): "name (id)" if another has the name.
                id = admin.createOrganization(AgencyMapping.organization(spec, Optional.empty(), Set.of(),
                        admin.organizationNameTaken(spec.name(), spec.id())));
            }
            index.put(spec.id(), id, spec.name());
        }, null);
    }

    void update(DesiredAgency desired, ServerAgency actual) {
        AgencySpec spec = desired.spec();
        Steps steps = new Steps("agency " + spec.id());
        steps.run("update its organization", () -> {
            OrganizationRepresentation current = admin.organization(actual.id());
            boolean taken = (spec.name() + " (" + spec.id() + ")").equals(current.getName()) || index.nameTaken(spec.name(), spec.id());
            try {
                admin.updateOrganization(AgencyMapping.organization(spec, Optional.of(current), actual.registrationDomains(), taken));
            } catch (AdminCallFailed e) {
                if (!e.conflict() || taken) {
                    throw e;
                }
                admin.updateOrganization(AgencyMapping.organization(spec, Optional.of(current), actual.registrationDomains(),
                        admin.organizationNameTaken(spec.name(), spec.id())));
            }
            index.put(spec.id(), actual.id(), spec.name());
        }, null);
    }

    void delete(ServerAgency actual) {
        new Steps("agency " + actual.name()).run("delete its organization", () -> {
            admin.deleteOrganization(actual.id());
            index.remove(actual.name());
        }, null);
    }
}
