package de.dvc.iam.keycloak.identity;

import org.junit.jupiter.api.Test;
import org.keycloak.models.RealmModel;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NoteSealTest {

    /** A realm with attributes only (all the seal reads). */
    private static RealmModel realm(Map<String, String> attributes) {
        return (RealmModel) Proxy.newProxyInstance(RealmModel.class.getClassLoader(), new Class<?>[] {RealmModel.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> attributes.put((String) args[0], String.valueOf(args[1]));
                    case "getName" -> "dvc";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void onlyTheNoteDvcSealedForThisIdpOpens() {
        RealmModel realm = realm(new HashMap<>());
        NoteSeal.ensureKey(realm);
        String sealed = NoteSeal.seal(realm, "berlin-senfin", "{\"assurance\":\"normal\"}");

        assertThat(NoteSeal.open(realm, "berlin-senfin", sealed)).contains("{\"assurance\":\"normal\"}");
        assertThat(NoteSeal.open(realm, "bund-bmi", sealed)).as("another IdP's session").isEmpty();
        assertThat(NoteSeal.open(realm, "berlin-senfin", sealed.replace("normal", "hoch"))).as("tampered").isEmpty();
        assertThat(NoteSeal.open(realm, "berlin-senfin", "{\"assurance\":\"hoch\"}")).as("written by anything else").isEmpty();
        assertThat(NoteSeal.open(realm, "berlin-senfin", null)).isEmpty();
        RealmModel other = realm(new HashMap<>());
        NoteSeal.ensureKey(other);
        assertThat(NoteSeal.open(other, "berlin-senfin", sealed)).as("another realm's key").isEmpty();
    }

    @Test
    void withoutAKeyNothingIsSealedAndNothingOpens() {
        RealmModel realm = realm(new HashMap<>());
        assertThatThrownBy(() -> NoteSeal.seal(realm, "x", "{}")).isInstanceOf(IllegalStateException.class);
        assertThat(NoteSeal.open(realm, "x", "abc.{}")).isEmpty();
        Map<String, String> attributes = new HashMap<>();
        RealmModel keyed = realm(attributes);
        NoteSeal.ensureKey(keyed);
        String key = attributes.get(NoteSeal.KEY_ATTRIBUTE);
        NoteSeal.ensureKey(keyed);
        assertThat(attributes.get(NoteSeal.KEY_ATTRIBUTE)).as("kept, not replaced").isEqualTo(key);
    }
}
