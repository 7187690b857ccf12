package de.dvc.iam.config.keycloak;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The organizations of the realm by agency id, and which agency names are taken, as read and as apply changes them:
 * IdP writes link to the organization of their agency, created earlier in the same run. Thread-safe.
 */
final class OrganizationIndex {

    private final Map<String, String> ids = new ConcurrentHashMap<>();
    private final Map<String, String> names = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> agenciesByName = new ConcurrentHashMap<>();

    /** The agency id of every organization id. */
    Map<String, String> agencyOfOrganization() {
        Map<String, String> agencies = new ConcurrentHashMap<>();
        ids.forEach((agency, id) -> agencies.put(id, agency));
        return agencies;
    }

    void put(String agency, String organizationId, String name) {
        remove(agency);
        ids.put(agency, organizationId);
        names.put(agency, name);
        agenciesByName.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet()).add(agency);
    }

    void remove(String agency) {
        ids.remove(agency);
        String name = names.remove(agency);
        if (name != null) {
            agenciesByName.computeIfPresent(name, (n, agencies) -> {
                agencies.remove(agency);
                return agencies.isEmpty() ? null : agencies;
            });
        }
    }

    Optional<String> id(String agency) {
        return Optional.ofNullable(ids.get(agency));
    }

    /** Whether another agency's organization has {@code name}. */
    boolean nameTaken(String name, String agency) {
        return agenciesByName.getOrDefault(name, Set.of()).stream().anyMatch(a -> !a.equals(agency));
    }
}
