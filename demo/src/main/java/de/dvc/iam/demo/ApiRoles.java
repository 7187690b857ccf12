package de.dvc.iam.demo;

import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.UserRepresentation;

import java.util.List;
import java.util.Map;

/**
 * Roles of the registration and audit APIs for people of the demo's BMI IdP, given through Keycloak's admin API as
 * an operator would in the admin console (docs/federation-operators.md). For tests and benchmarks.
 */
public final class ApiRoles {

    private ApiRoles() {
    }

    /**
     * Gives the BMI demo user {@code agencyUser} (logged in once) realm role {@code role} of realm dvc and, for an
     * agency admin, the agency she administers ({@code dvc.admin-of}; null for none).
     */
    public static void grant(RealmResource dvc, String agencyUser, String role, String adminOf) {
        UserRepresentation user = dvc.users().search("bund-bmi.", 0, 1000).stream()
                .filter(u -> (agencyUser + "@bmi.bund.example").equals(u.getEmail())).findFirst()
                .orElseThrow(() -> new IllegalStateException(agencyUser + " has not logged in to realm dvc yet"));
        dvc.users().get(user.getId()).roles().realmLevel().add(List.of(dvc.roles().get(role).toRepresentation()));
        if (adminOf != null) {
            UserRepresentation representation = dvc.users().get(user.getId()).toRepresentation();
            representation.setAttributes(Map.of("dvc.admin-of", List.of(adminOf)));
            dvc.users().get(user.getId()).update(representation);
        }
    }
}
