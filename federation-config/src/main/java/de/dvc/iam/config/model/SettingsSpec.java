package de.dvc.iam.config.model;

import de.dvc.iam.core.assurance.AssuranceLevel;
import de.dvc.iam.core.registration.RefreshPolicy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The settings of the whole federation, or their defaults where no settings file exists. Immutable.
 *
 * @param insecureHosts  demo and tests only: hosts whose plain http:// URLs are accepted with a warning
 * @param acrTables      default acr table by protocol
 * @param refresh        the metadata refresh of the realm's registrations; empty: the server options decide
 * @param origin         the settings file, or empty for the defaults
 */
public record SettingsSpec(String realm, Set<String> insecureHosts, AssuranceLevel defaultMaxAssurance,
                           Map<Protocol, Map<String, AssuranceLevel>> acrTables, AssuranceLevel defaultRequiredAssurance,
                           Optional<PolicySpec> defaultAccessPolicy, Optional<RefreshPolicy> refresh,
                           List<Person> operators, List<AgencyAdmin> agencyAdmins, Optional<Origin> origin) {

    /** The defaults of a federation without a settings file: no insecure hosts, normal assurance, the refresh of the server options. */
    public static final SettingsSpec DEFAULTS = new SettingsSpec("dvc", Set.of(), AssuranceLevel.NORMAL, Map.of(),
            AssuranceLevel.NORMAL, Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.empty());

    /**
     * A person as she logs in: through IdP {@code idp}, with {@code email} or {@code subject} there.
     *
     * @param origin where the entry is written
     */
    public record Person(String idp, Optional<String> email, Optional<String> subject, Origin origin) {
    }

    /** An agency admin: a person, and the agency she administers. */
    public record AgencyAdmin(String agency, Person person) {
    }

    public SettingsSpec {
        insecureHosts = Set.copyOf(insecureHosts);
        acrTables = Map.copyOf(acrTables);
        operators = List.copyOf(operators);
        agencyAdmins = List.copyOf(agencyAdmins);
    }
}
