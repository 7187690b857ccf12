package de.dvc.iam.core.policy;

import de.dvc.iam.core.agency.AgencyLevel;
import de.dvc.iam.core.assurance.AssuranceLevel;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may use a service (Zugangsregel): allow lists over the identity contract. An empty list allows
 * everyone on that axis; all axes must allow. Roles allow if the user has any of them.
 *
 * <p>Immutable and thread-safe. Read from a service's settings with {@link #fromSettings(Map)}.
 *
 * @param agencies          agency ids allowed
 * @param levels            agency levels allowed
 * @param states            states (ISO 3166-2:DE) allowed; agencies without a state (federal) are
 *                          not in any state
 * @param roles             role names of which the user needs one
 * @param minimumAssurance  the least assurance level of the login
 * @param contact           whom users should ask for access, shown on the refusal page; may be empty
 */
public record AccessPolicy(Set<String> agencies, Set<AgencyLevel> levels, Set<String> states, Set<String> roles,
                           AssuranceLevel minimumAssurance, String contact) {

    public static final String AGENCIES = "dvc.policy.agencies";
    public static final String LEVELS = "dvc.policy.levels";
    public static final String STATES = "dvc.policy.states";
    public static final String ROLES = "dvc.policy.roles";
    public static final String MINIMUM_ASSURANCE = "dvc.policy.assurance";
    public static final String CONTACT = "dvc.policy.contact";

    /** Allows everyone at assurance normal. */
    public static final AccessPolicy OPEN = new AccessPolicy(Set.of(), Set.of(), Set.of(), Set.of(), AssuranceLevel.NORMAL, "");

    public AccessPolicy {
        agencies = Set.copyOf(agencies);
        levels = Set.copyOf(levels);
        states = Set.copyOf(states);
        roles = Set.copyOf(roles);
        contact = contact == null ? "" : contact.trim();
    }

    /**
     * Reads a policy from a service's settings (Keycloak client attributes): comma-separated lists
     * under {@value #AGENCIES}, {@value #LEVELS}, {@value #STATES}, {@value #ROLES}, the level under
     * {@value #MINIMUM_ASSURANCE} and free text under {@value #CONTACT}.
     *
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    public static AccessPolicy fromSettings(Map<String, String> settings) {
        Set<AgencyLevel> levels;
        try {
            levels = list(settings.get(LEVELS)).stream().map(AgencyLevel::fromCode).collect(Collectors.toSet());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(LEVELS + ": " + e.getMessage());
        }
        Set<String> states = list(settings.get(STATES)).stream().map(s -> s.toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
        for (String state : states) {
            if (!state.matches("DE-[A-Z]{2}")) {
                throw new IllegalArgumentException(STATES + ": '" + state + "' is no ISO 3166-2:DE code such as DE-BE.");
            }
        }
        AssuranceLevel minimum;
        try {
            String value = settings.get(MINIMUM_ASSURANCE);
            minimum = value == null || value.isBlank() ? AssuranceLevel.NORMAL : AssuranceLevel.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(MINIMUM_ASSURANCE + ": " + e.getMessage());
        }
        return new AccessPolicy(list(settings.get(AGENCIES)), levels, states, list(settings.get(ROLES)),
                minimum, settings.get(CONTACT));
    }

    /**
     * The level a login for this service must reach: the policy's minimum, raised by what the service
     * asked for in this request with {@code acr_values} (OpenID Connect Core 1.0, 3.1.2.1: a list of
     * acceptable values, so the lowest level DVC knows suffices; unknown values are ignored).
     *
     * @param acrValues the request's {@code acr_values}, or null
     */
    public AssuranceLevel requiredAssurance(String acrValues) {
        AssuranceLevel asked = null;
        for (String value : acrValues == null ? new String[0] : acrValues.trim().split("\\s+")) {
            try {
                AssuranceLevel known = AssuranceLevel.parse(value);
                if (asked == null || known.compareTo(asked) < 0) {
                    asked = known;
                }
            } catch (IllegalArgumentException unknown) {
                // not a level DVC knows: ignored
            }
        }
        return asked != null && asked.compareTo(minimumAssurance) > 0 ? asked : minimumAssurance;
    }

    public AccessDecision evaluate(PolicySubject subject) {
        if (!agencies.isEmpty() && !agencies.contains(subject.agency().id())) {
            return AccessDecision.refused(AccessDecision.Reason.AGENCY);
        }
        if (!levels.isEmpty() && !levels.contains(subject.agency().level())) {
            return AccessDecision.refused(AccessDecision.Reason.LEVEL);
        }
        if (!states.isEmpty() && subject.agency().state().map(s -> !states.contains(s)).orElse(true)) {
            return AccessDecision.refused(AccessDecision.Reason.STATE);
        }
        if (!roles.isEmpty() && subject.roles().stream().noneMatch(roles::contains)) {
            return AccessDecision.refused(AccessDecision.Reason.ROLE);
        }
        if (!subject.assurance().atLeast(minimumAssurance)) {
            return AccessDecision.refused(AccessDecision.Reason.ASSURANCE);
        }
        return AccessDecision.ALLOWED;
    }

    private static Set<String> list(String value) {
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
