package de.dvc.iam.keycloak.registration;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.HashMap;
import java.util.Map;

/**
 * The names the API shows for the people in histories and lists (submitter, actors, inviters) instead of their user
 * ids: "First Last (username)". An actor that is no user (e.g. {@code system}, a deleted account) shows as it is stored.
 * One instance per request: each id is looked up once. Not thread-safe.
 */
public final class PersonNames {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Map<String, String> known = new HashMap<>();

    public PersonNames(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    /** The name of user {@code id}, or {@code id} itself if there is no such user. */
    public String of(String id) {
        if (id == null || realm == null) {
            return id;
        }
        return known.computeIfAbsent(id, key -> {
            UserModel user = session.users().getUserById(realm, key);
            return user == null ? key : of(user);
        });
    }

    public static String of(UserModel user) {
        String name = String.join(" ", java.util.stream.Stream.of(user.getFirstName(), user.getLastName())
                .filter(v -> v != null && !v.isBlank()).toList());
        return name.isEmpty() ? user.getUsername() : name + " (" + user.getUsername() + ")";
    }
}
