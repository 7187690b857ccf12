package de.dvc.iam.demo;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.Keycloak;

/** Small reads of the server's actual state, so that set-up creates only what is missing. */
final class ServerState {

    private ServerState() {
    }

    static boolean realmExists(Keycloak admin, String realm) {
        try {
            admin.realm(realm).toRepresentation();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    static boolean idpExists(org.keycloak.admin.client.resource.RealmResource realm, String alias) {
        try {
            realm.identityProviders().get(alias).toRepresentation();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** Fails with the server's answer if a create call did not create; returns the new object's id. */
    /**
     * Gives client {@code clientId} the pairwise sector {@code sector} where it has none (a demo state from before the
     * sector became a required setting).
     */
    static void ensureSector(org.keycloak.admin.client.resource.RealmResource realm, String clientId, String sector) {
        for (org.keycloak.representations.idm.ClientRepresentation client : realm.clients().findByClientId(clientId)) {
            java.util.Map<String, String> attributes = client.getAttributes() == null ? new java.util.HashMap<>()
                    : new java.util.HashMap<>(client.getAttributes());
            if (attributes.get("dvc.sector") == null || attributes.get("dvc.sector").isBlank()) {
                attributes.put("dvc.sector", sector);
                client.setAttributes(attributes);
                realm.clients().get(client.getId()).update(client);
            }
        }
    }

    /**
     * Makes a demo client what {@code federation/demo/services/<clientId>.yaml} says of it (FederationConfigIT checks
     * that the files describe the demo as it is): sector, owner, contact, description and no optional client scopes
     * (Keycloak gives a client made by hand the realm's default optional scopes; the files name none). An empty value
     * in {@code wanted} removes the attribute (Keycloak drops empty attributes). Also mends clients of demo servers
     * set up before.
     */
    static void ensureDescribed(org.keycloak.admin.client.resource.RealmResource realm, String clientId, java.util.Map<String, String> wanted,
                                String description) {
        for (org.keycloak.representations.idm.ClientRepresentation client : realm.clients().findByClientId(clientId)) {
            java.util.Map<String, String> attributes = client.getAttributes() == null ? new java.util.HashMap<>()
                    : new java.util.HashMap<>(client.getAttributes());
            var resource = realm.clients().get(client.getId());
            boolean differs = wanted.entrySet().stream()
                    .anyMatch(w -> !w.getValue().equals(java.util.Objects.requireNonNullElse(attributes.get(w.getKey()), "")));
            if (differs || !java.util.Objects.equals(description, client.getDescription())) {
                attributes.putAll(wanted);
                client.setAttributes(attributes);
                client.setDescription(description);
                resource.update(client);
            }
            resource.getOptionalClientScopes().forEach(scope -> resource.removeOptionalClientScope(scope.getId()));
        }
    }

    static String createdId(Response response, String what) {
        try (response) {
            if (response.getStatus() != 201) {
                throw new IllegalStateException("Could not create " + what + ": HTTP " + response.getStatus()
                        + " " + response.readEntity(String.class));
            }
            String path = response.getLocation().getPath();
            return path.substring(path.lastIndexOf('/') + 1);
        }
    }
}
