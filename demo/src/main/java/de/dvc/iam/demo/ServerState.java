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
