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

    /** The id of the realm's client scope {@code name}, if it has one. */
    static java.util.Optional<String> clientScopeId(org.keycloak.admin.client.resource.RealmResource realm, String name) {
        return realm.clientScopes().findAll().stream().filter(scope -> name.equals(scope.getName()))
                .map(org.keycloak.representations.idm.ClientScopeRepresentation::getId).findFirst();
    }

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
