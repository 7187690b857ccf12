package de.dvc.iam.demo;

import de.dvc.iam.demo.DemoAgencies.DemoAgency;
import de.dvc.iam.demo.DemoAgencies.DemoUser;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.userprofile.config.UPConfig;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The people of a demo agency's own IdP, as the agency's admins would manage them: add one, change
 * her directory attributes (org unit, roles), mark her email unverified. Tests use it to change what
 * the agency asserts between logins.
 */
public final class AgencyIdpUsers {

    private final RealmResource realm;

    public AgencyIdpUsers(Keycloak admin, DemoAgency agency) {
        this.realm = admin.realm(agency.idpRealm());
    }

    /** Adds {@code user} unless a user of that name exists. */
    public void ensure(DemoUser user) {
        if (realm.users().searchByUsername(user.username(), true).isEmpty()) {
            ServerState.createdId(realm.users().create(AgencyIdpRealm.user(user)), "user " + user.username());
        }
    }

    /** Replaces the user's attributes with {@code attributes}. */
    public void setAttributes(String username, Map<String, List<String>> attributes) {
        UserResource user = user(username);
        UserRepresentation representation = user.toRepresentation();
        representation.setAttributes(attributes);
        user.update(representation);
    }

    /** Lets users of the agency IdP lack {@code attribute} (Keycloak requires names and email by default). */
    public void allowMissing(String attribute) {
        UPConfig profile = realm.users().userProfile().getConfiguration();
        profile.getAttributes().stream().filter(a -> attribute.equals(a.getName())).forEach(a -> a.setRequired(null));
        realm.users().userProfile().update(profile);
    }

    /**
     * Drops Keycloak's checks of names at this agency IdP (e.g. no parentheses or slashes in a person's name), as an
     * agency directory that never heard of them: its users' names reach DVC as the agency holds them.
     */
    public void allowAnyName() {
        UPConfig profile = realm.users().userProfile().getConfiguration();
        profile.getAttributes().stream().filter(a -> "firstName".equals(a.getName()) || "lastName".equals(a.getName()))
                .forEach(a -> a.setValidations(new HashMap<>()));
        realm.users().userProfile().update(profile);
    }

    public void setEmailVerified(String username, boolean verified) {
        UserResource user = user(username);
        UserRepresentation representation = user.toRepresentation();
        representation.setEmailVerified(verified);
        user.update(representation);
    }

    private UserResource user(String username) {
        UserRepresentation found = realm.users().searchByUsername(username, true).stream().findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No user '" + username + "' at " + realm.toRepresentation().getRealm()));
        return realm.users().get(found.getId());
    }
}
