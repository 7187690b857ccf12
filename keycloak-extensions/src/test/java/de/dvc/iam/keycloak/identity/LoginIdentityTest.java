package de.dvc.iam.keycloak.identity;

import de.dvc.iam.core.assurance.AssuranceLevel;
import de.dvc.iam.core.profile.AssertedIdentity;
import de.dvc.iam.core.profile.Role;
import org.junit.jupiter.api.Test;
import org.keycloak.events.Details;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LoginIdentityTest {

    private static RealmModel realm(Map<String, String> attributes) {
        return (RealmModel) Proxy.newProxyInstance(RealmModel.class.getClassLoader(), new Class<?>[] {RealmModel.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> attributes.put((String) args[0], String.valueOf(args[1]));
                    case "getName" -> "dvc";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A user session with the two notes the identity is read from. */
    private static UserSessionModel session(RealmModel realm, String alias, String note) {
        Map<String, String> notes = new HashMap<>();
        notes.put(Details.IDENTITY_PROVIDER, alias);
        notes.put(LoginIdentity.NOTE, note);
        return (UserSessionModel) Proxy.newProxyInstance(UserSessionModel.class.getClassLoader(), new Class<?>[] {UserSessionModel.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getNote" -> notes.get((String) args[0]);
                    case "getRealm" -> realm;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static final LoginIdentity ERIKA = new LoginIdentity(new AssertedIdentity("Erika", "Mustermann",
            "erika@berlin.example", null, null, List.of(new Role("Sachbearbeitung", Map.of("GKZ", List.of("11000000"))))),
            AssuranceLevel.SUBSTANTIELL);

    @Test
    void aNoteOpensAgainFromTheNodesMemoryOnlyForItsOwnIdpAndKey() {
        Map<String, String> attributes = new HashMap<>();
        RealmModel realm = realm(attributes);
        NoteSeal.ensureKey(realm);
        String note = ERIKA.toNote(realm, "berlin-senfin");

        assertThat(LoginIdentity.of(session(realm, "berlin-senfin", note))).contains(ERIKA);
        assertThat(LoginIdentity.of(session(realm, "berlin-senfin", note))).as("opened again").contains(ERIKA);
        // the remembered note must not open for what the seal refuses
        assertThat(LoginIdentity.of(session(realm, "bund-bmi", note))).as("another IdP's session").isEmpty();
        assertThat(LoginIdentity.of(session(realm, "berlin-senfin", note.replace("Erika", "Mallory")))).as("tampered").isEmpty();
        attributes.remove(NoteSeal.KEY_ATTRIBUTE);
        NoteSeal.ensureKey(realm);
        assertThat(LoginIdentity.of(session(realm, "berlin-senfin", note))).as("after a new realm key").isEmpty();
        RealmModel keyless = realm(new HashMap<>());
        assertThat(LoginIdentity.of(session(keyless, "berlin-senfin", note))).as("a realm without key").isEmpty();
    }

    @Test
    void rolesOfAnOpenedIdentityCannotBeChanged() {
        Map<String, List<String>> params = new HashMap<>(Map.of("GKZ", new java.util.ArrayList<>(List.of("11000000"))));
        Role role = new Role("Sachbearbeitung", params);
        params.get("GKZ").add("09162000");
        assertThat(role.params().get("GKZ")).containsExactly("11000000");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> role.params().get("GKZ").add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
