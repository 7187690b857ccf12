package de.dvc.iam.core.onboarding;

import de.dvc.iam.core.agency.Agency;
import de.dvc.iam.core.agency.AgencyLevel;
import de.dvc.iam.core.agency.LeitwegId;
import de.dvc.iam.core.email.EmailAddress;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A federation operator's request to create an agency: its id, official name and keys, and at least one contact
 * (the person the operator will invite as first admin).
 *
 * <pre>{"id": "musterstadt", "name": "Gemeinde Musterstadt", "level": "municipal", "state": "DE-BY",
 *  "ags": "09162000", "contacts": [{"name": "Erika Muster", "email": "it@musterstadt.example"}]}</pre>
 *
 * @param agency    the agency, validated as everywhere else ({@link Agency})
 * @param leitwegId its Leitweg-ID (XRechnung), checked with its check digits
 * @param contacts  one to ten contacts
 */
public record NewAgency(Agency agency, Optional<String> leitwegId, List<AgencyContact> contacts) {

    private static final Set<String> FIELDS = Set.of("id", "name", "shortName", "level", "state", "ags", "ars", "leitwegId", "contacts");
    private static final int MAX_CONTACTS = 10;

    public NewAgency {
        contacts = List.copyOf(contacts);
        leitwegId = Optional.ofNullable(leitwegId).flatMap(v -> v);
    }

    /**
     * Reads a request body (parsed JSON, may be null).
     *
     * @throws RequestProblems.Invalid naming every field that is wrong
     */
    public static NewAgency parse(Map<String, Object> body) {
        RequestProblems problems = new RequestProblems();
        Map<String, Object> json = body == null ? Map.of() : body;
        json.keySet().stream().filter(k -> !FIELDS.contains(k)).sorted().forEach(k ->
                problems.add(k, "Unknown field: an agency has " + String.join(", ", FIELDS.stream().sorted().toList()) + "."));
        String id = text(json, "id", problems);
        String name = text(json, "name", problems);
        AgencyLevel level = null;
        String levelText = text(json, "level", problems);
        if (levelText == null) {
            problems.add("level", "Give the level: federal, state, municipal or other.");
        } else {
            try {
                level = AgencyLevel.fromCode(levelText);
            } catch (IllegalArgumentException e) {
                problems.add("level", e.getMessage());
            }
        }
        if (id == null) {
            problems.add("id", "Give the agency's id: lower-case letters, digits and inner hyphens, e.g. \"musterstadt\".");
        }
        if (name == null || name.isBlank()) {
            problems.add("name", "Give the agency's official name, e.g. \"Gemeinde Musterstadt\".");
        }
        String shortName = text(json, "shortName", problems);
        String state = text(json, "state", problems);
        String ags = text(json, "ags", problems);
        String ars = text(json, "ars", problems);
        // Each field on its own, so that each problem lands at its field.
        check(problems, "id", () -> Agency.builder(id, "x", AgencyLevel.OTHER).build(), id != null);
        AgencyLevel anyLevel = level == null ? AgencyLevel.OTHER : level;
        // The messages name the agency: its id where that is valid.
        String named = id != null && !problems.fields().containsKey("id") ? id : "new-agency";
        check(problems, "shortName", () -> Agency.builder(named, "x", anyLevel).shortName(shortName).build(), true);
        check(problems, "state", () -> Agency.builder(named, "x", anyLevel).state(state).build(), true);
        check(problems, "ags", () -> Agency.builder(named, "x", anyLevel).ags(ags).build(), true);
        check(problems, "ars", () -> Agency.builder(named, "x", anyLevel).ars(ars).build(), true);
        if (level != null && level != AgencyLevel.FEDERAL && (state == null || state.isBlank())) {
            problems.add("state", "A " + level.code() + " agency names its state (Land), e.g. \"DE-BY\".");
        }
        String leitwegId = text(json, "leitwegId", problems);
        if (leitwegId != null && !leitwegId.isBlank() && !LeitwegId.isValid(leitwegId.strip())) {
            problems.add("leitwegId", "'" + leitwegId.strip() + "' is no valid Leitweg-ID (check the format and its check digits).");
        }
        List<AgencyContact> contacts = contacts(json.get("contacts"), problems);
        problems.throwIfAny();
        Agency agency = Agency.builder(id, name, level).shortName(shortName).state(state).ags(ags).ars(ars).build();
        return new NewAgency(agency, Optional.ofNullable(leitwegId).map(String::strip).filter(v -> !v.isEmpty()), contacts);
    }

    private static List<AgencyContact> contacts(Object value, RequestProblems problems) {
        List<AgencyContact> contacts = new ArrayList<>();
        if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > MAX_CONTACTS) {
            problems.add("contacts", "Give 1 to " + MAX_CONTACTS + " contacts, each {\"name\": …, \"email\": …}: the first admin is invited among them.");
            return contacts;
        }
        for (int i = 0; i < list.size(); i++) {
            String field = "contacts[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> contact)) {
                problems.add(field, "A contact is {\"name\": …, \"email\": …}.");
                continue;
            }
            Optional<String> name = contact.get("name") instanceof String text ? AgencyContact.checkedName(text) : Optional.empty();
            Optional<EmailAddress> email = contact.get("email") instanceof String text ? EmailAddress.parse(text) : Optional.empty();
            if (name.isEmpty()) {
                problems.add(field + ".name", "Give the contact's name: 1 to 100 characters, no angle brackets.");
            }
            if (email.isEmpty()) {
                problems.add(field + ".email", "Give the contact's email address, e.g. \"it@musterstadt.example\".");
            }
            if (name.isPresent() && email.isPresent()) {
                contacts.add(new AgencyContact(name.get(), email.get()));
            }
        }
        return contacts;
    }

    private static String text(Map<String, Object> json, String field, RequestProblems problems) {
        Object value = json.get(field);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        problems.add(field, field + " is a string.");
        return null;
    }

    private static void check(RequestProblems problems, String field, Runnable build, boolean applies) {
        if (!applies) {
            return;
        }
        try {
            build.run();
        } catch (IllegalArgumentException e) {
            problems.add(field, e.getMessage());
        }
    }

    /** The organization attributes this request adds besides the agency's own ({@code AgencyAttributes}). */
    public Map<String, List<String>> extraAttributes() {
        Map<String, List<String>> attributes = new java.util.LinkedHashMap<>();
        attributes.put(AgencyContact.ATTRIBUTE, contacts.stream().map(AgencyContact::encode).toList());
        leitwegId.ifPresent(v -> attributes.put(de.dvc.iam.core.agency.AgencyAttributes.LEITWEG_ID, List.of(v)));
        return attributes;
    }

}
