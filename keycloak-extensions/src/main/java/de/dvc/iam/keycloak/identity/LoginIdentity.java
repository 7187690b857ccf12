package de.dvc.iam.keycloak.identity;

import com.fasterxml.jackson.core.type.TypeReference;
import de.dvc.iam.core.assurance.AssuranceLevel;
import de.dvc.iam.core.profile.AssertedIdentity;
import de.dvc.iam.core.profile.OrgUnit;
import de.dvc.iam.core.profile.Role;
import org.keycloak.models.UserSessionModel;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one brokered login established, kept as the user session note {@value #NOTE}: the identity the
 * agency asserted (after its attribute profile) and the assurance level reached. Tokens are built from
 * it, never from user data a person could edit; the next login replaces it.
 *
 * @param person    never null
 * @param assurance never null
 */
public record LoginIdentity(AssertedIdentity person, AssuranceLevel assurance) {

    public static final String NOTE = "dvc.identity";

    /** How many opened notes a node keeps; about 1 KB each. */
    private static final int OPENED_MAX = 10_000;
    /**
     * Notes this node has opened (seal checked, JSON parsed), by realm key, IdP alias and the note's exact text: every
     * token and refresh of a session reads the same note, and its check and parse cost more than the token's other
     * claims. Only notes that opened are kept, so a forged note is checked again each time and never fills the map; a
     * new realm key misses every entry made under the old one.
     */
    private static final ConcurrentHashMap<Opened, LoginIdentity> OPENED = new ConcurrentHashMap<>();

    private record Opened(String realmKey, String alias, String note) {
    }

    /**
     * The identity of a user session; empty if the session did not come through an agency IdP, or its note is not
     * sealed by DVC's mapper for the session's IdP ({@link NoteSeal}).
     */
    public static Optional<LoginIdentity> of(UserSessionModel userSession) {
        String alias = userSession.getNote(org.keycloak.events.Details.IDENTITY_PROVIDER);
        String note = userSession.getNote(NOTE);
        String realmKey = userSession.getRealm().getAttribute(NoteSeal.KEY_ATTRIBUTE);
        if (alias == null || note == null || realmKey == null) {
            return Optional.empty();
        }
        Opened key = new Opened(realmKey, alias, note);
        LoginIdentity known = OPENED.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<LoginIdentity> opened = NoteSeal.open(userSession.getRealm(), alias, note).flatMap(LoginIdentity::fromNote);
        opened.ifPresent(identity -> {
            if (OPENED.size() >= OPENED_MAX) {
                OPENED.clear(); // bounded; the sessions still in use fill it again at their next token
            }
            OPENED.put(key, identity);
        });
        return opened;
    }

    /** The note as DVC's mapper writes it: sealed to the realm and the IdP {@code alias}. */
    String toNote(org.keycloak.models.RealmModel realm, String alias) {
        return NoteSeal.seal(realm, alias, toNote());
    }

    static Optional<LoginIdentity> fromNote(String note) {
        if (note == null) {
            return Optional.empty();
        }
        try {
            Map<String, Object> map = JsonSerialization.readValue(note, new TypeReference<Map<String, Object>>() { });
            return Optional.of(new LoginIdentity(person(map), AssuranceLevel.parse((String) map.get("assurance"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private String toNote() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("given_name", person.givenName());
        map.put("family_name", person.familyName());
        map.put("email", person.email());
        map.put("upn", person.upn());
        person.unit().ifPresent(unit -> {
            Map<String, String> u = new LinkedHashMap<>();
            u.put("name", unit.name());
            u.put("code", unit.code());
            map.put("org_unit", u);
        });
        List<Map<String, Object>> roles = new ArrayList<>();
        for (Role role : person.roles()) {
            roles.add(Map.of("name", role.name(), "params", role.params()));
        }
        map.put("roles", roles);
        map.put("assurance", assurance.code());
        try {
            return JsonSerialization.writeValueAsString(map);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the login identity", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static AssertedIdentity person(Map<String, Object> map) {
        Map<String, String> unit = (Map<String, String>) map.get("org_unit");
        List<Role> roles = new ArrayList<>();
        for (Map<String, Object> role : (List<Map<String, Object>>) map.getOrDefault("roles", List.of())) {
            roles.add(new Role((String) role.get("name"), (Map<String, List<String>>) role.getOrDefault("params", Map.of())));
        }
        return new AssertedIdentity((String) map.get("given_name"), (String) map.get("family_name"),
                (String) map.get("email"), (String) map.get("upn"),
                unit == null ? null : new OrgUnit(unit.get("name"), unit.get("code")), roles);
    }
}
