package de.dvc.iam.core.registration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A requested change of what a registration is trusted for: its domains, its attribute profile and
 * overrides, its maximum assurance and acr table. It never applies itself: the registration keeps
 * working on its approved settings until a federation operator other than the requester approves the
 * change (four eyes); new domains must be proven first.
 *
 * <p>Immutable.
 *
 * @param domains   the new list of domains, or null to keep them
 * @param settings  new profile settings (keys {@link #SETTINGS}), only those that change
 * @param requester who asked, for the four-eyes rule and the history
 * @param time      when (ISO-8601)
 */
public record TrustChange(List<String> domains, Map<String, String> settings, String requester, String time) {

    /** Request field → profile setting key of the IdP's agency profile mapper. */
    public static final Map<String, String> SETTINGS = Map.of(
            "profile", "profile",
            "profileOverrides", "profile.overrides",
            "maxAssurance", "assurance.max",
            "acrTable", "assurance.table");
    private static final int MAX_DOMAINS = 20;

    public TrustChange {
        domains = domains == null ? null : List.copyOf(domains);
        settings = Map.copyOf(settings);
        Objects.requireNonNull(requester, "requester");
    }

    /**
     * A change from a request body ({@code domains}, {@code profile}, {@code profileOverrides}, {@code maxAssurance},
     * {@code acrTable}).
     *
     * @throws IllegalArgumentException naming what is wrong (unknown field, wrong type, nothing to change)
     */
    public static TrustChange parse(Map<String, Object> body, String requester, String time) {
        Set<String> known = new java.util.HashSet<>(SETTINGS.keySet());
        known.add("domains");
        for (String field : body.keySet()) {
            if (!known.contains(field)) {
                throw new IllegalArgumentException("Unknown field '" + field + "': a change names domains, profile, profileOverrides, "
                        + "maxAssurance or acrTable.");
            }
        }
        List<String> domains = null;
        if (body.containsKey("domains")) {
            if (!(body.get("domains") instanceof List<?> list) || list.isEmpty() || list.size() > MAX_DOMAINS
                    || !list.stream().allMatch(d -> d instanceof String s && !s.isBlank())) {
                throw new IllegalArgumentException("domains must be a list of 1 to " + MAX_DOMAINS + " domain names.");
            }
            domains = list.stream().map(d -> ((String) d).strip().toLowerCase(Locale.ROOT)).distinct().toList();
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (Map.Entry<String, String> field : SETTINGS.entrySet()) {
            if (body.containsKey(field.getKey())) {
                if (!(body.get(field.getKey()) instanceof String value) || value.length() > 10_000) {
                    throw new IllegalArgumentException(field.getKey() + " must be a string (at most 10,000 characters).");
                }
                settings.put(field.getValue(), value);
            }
        }
        if (domains == null && settings.isEmpty()) {
            throw new IllegalArgumentException("The change names nothing to change.");
        }
        return new TrustChange(domains, settings, requester, time);
    }

    /** The domains that the change adds to {@code current}: they must be proven before approval. */
    public List<String> addedDomains(List<String> current) {
        return domains == null ? List.of() : domains.stream().filter(d -> !current.contains(d)).toList();
    }

    /** The domains that the change removes from {@code current}. */
    public List<String> removedDomains(List<String> current) {
        return domains == null ? List.of() : current.stream().filter(d -> !domains.contains(d)).toList();
    }

    /** Why {@code principal} may not approve this change, or empty: operators only, never the requester (four eyes). */
    public Optional<String> approvalRefusal(Principal principal) {
        if (!principal.operator()) {
            return Optional.of("Only federation operators approve changes.");
        }
        if (principal.id().equals(requester)) {
            return Optional.of("Four eyes: a change is approved by another operator than the one who requested it.");
        }
        return Optional.empty();
    }

    /** A readable summary for the history (names of what changes, never values of secrets; there are none here). */
    public String summary(List<String> currentDomains) {
        List<String> parts = new ArrayList<>();
        if (domains != null) {
            parts.add("domains +" + addedDomains(currentDomains) + " -" + removedDomains(currentDomains));
        }
        settings.forEach((key, value) -> parts.add(key + " = " + (value.length() > 80 ? value.substring(0, 80) + "…" : value)
                .replace('\n', ';')));
        return String.join("; ", parts);
    }
}
