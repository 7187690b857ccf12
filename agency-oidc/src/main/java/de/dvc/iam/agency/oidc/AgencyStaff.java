package de.dvc.iam.agency.oidc;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The people of the agency's directory (Ministerium des Innern, Land Beispiel; email domain
 * {@value #AGENCY_DOMAIN}) that the demo and the tests log in with. Immutable and thread-safe.
 */
public final class AgencyStaff {

    /** The agency's own email domain, the one it has verified at DVC. */
    public static final String AGENCY_DOMAIN = "beispiel-land.example";

    /** A Sachbearbeiterin of the ministry: her login at a DVC service succeeds. */
    public static final StaffMember SARA = new StaffMember("sara.yilmaz@" + AGENCY_DOMAIN, "demo",
            "6c1f0e52-93a4-4d7b-b2e8-1f4a7c9d3e05", "Sara", "Yilmaz", "sara.yilmaz@" + AGENCY_DOMAIN,
            "Referat 23 - Digitale Verwaltung", "IM-23", List.of("Sachbearbeitung", "Digitalisierung"));

    /**
     * An external contractor with an account in the ministry's directory, but an address of his own company's domain.
     * The ministry's IdP may assert only the ministry's domain, so DVC refuses his login (domain binding,
     * docs/claims.md): the refusal case of demo and tests.
     */
    public static final StaffMember MAX = new StaffMember("max.extern@it-dienstleister.example", "demo",
            "0b9d7a31-5e28-4f6c-8a17-c3e2d4f5a690", "Max", "Extern", "max.extern@it-dienstleister.example",
            "Referat 23 - Digitale Verwaltung", "IM-23", List.of("Externe Unterstützung"));

    private final List<StaffMember> members;

    public AgencyStaff(List<StaffMember> members) {
        this.members = List.copyOf(members);
    }

    /** Sara and Max. */
    public static AgencyStaff demo() {
        return new AgencyStaff(List.of(SARA, MAX));
    }

    public List<StaffMember> members() {
        return members;
    }

    /** The member who logs in as {@code username} (case-insensitive, as the login form and Spring Security treat it). */
    public Optional<StaffMember> byUsername(String username) {
        if (username == null) {
            return Optional.empty();
        }
        String wanted = username.toLowerCase(Locale.ROOT);
        return members.stream().filter(m -> m.username().toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }
}
