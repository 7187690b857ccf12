package de.dvc.iam.it;

import com.fasterxml.jackson.databind.JsonNode;
import de.dvc.iam.demo.ApiRoles;
import de.dvc.iam.demo.client.DeviceGrant;

/**
 * Access tokens for the registration API as docs/agency-admins.md gets them: the device grant (RFC 8628)
 * with the public client {@code dvc-registration-cli}, the person logging in through discovery and her
 * agency's IdP (password {@code demo}).
 */
final class ApiTokens {

    static final String CLIENT = DeviceGrant.CLIENT;

    private ApiTokens() {
    }

    /** The token response of a device grant of {@code client} for the person with {@code email} / {@code user}. */
    static JsonNode deviceGrantResponse(String serverUrl, String serviceUrl, String client, String email, String user) throws Exception {
        return DeviceGrant.response(serverUrl, serviceUrl, client, email, user);
    }

    /** An access token of {@value #CLIENT}; fails with the token endpoint's answer if there is none. */
    static String deviceGrant(String serverUrl, String serviceUrl, String email, String user) throws Exception {
        return DeviceGrant.accessToken(serverUrl, serviceUrl, email, user);
    }

    /** Realm role {@code role} (and {@code dvc.admin-of}) for the BMI demo user {@code agencyUser}: {@link ApiRoles#grant}. */
    static void grant(org.keycloak.admin.client.resource.RealmResource dvc, String agencyUser, String role, String adminOf) {
        ApiRoles.grant(dvc, agencyUser, role, adminOf);
    }
}
