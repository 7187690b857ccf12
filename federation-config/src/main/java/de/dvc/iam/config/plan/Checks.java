package de.dvc.iam.config.plan;

import de.dvc.iam.config.state.DesiredAgency;
import de.dvc.iam.config.state.DesiredIdp;
import de.dvc.iam.config.state.ObjectKind;
import de.dvc.iam.config.state.ServerAgency;
import de.dvc.iam.config.state.ServerIdp;
import de.dvc.iam.config.state.Snapshot;
import de.dvc.iam.config.state.Write;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the server cannot hold, or what a plan would do to objects it does not own, found before anything is
 * written. Stateless.
 */
final class Checks {

    private Checks() {
    }

    static void run(DesiredFederation desired, Snapshot actual, PlanBuilder plan) {
        for (DesiredIdp idp : desired.idps()) {
            List<String> domains = idp.spec().domains().orElse(List.of());
            if (domains.size() > 1) {
                // RegistrationGate.assertableDomains: an IdP the federation team sets up asserts its one kc.org.domain.
                plan.conflict(new Conflict(ObjectKind.IDP, idp.name(), "idp_domains_unsupported", "The IdP would assert "
                        + domains.size() + " domains (" + String.join(", ", domains) + "); the server binds an IdP that is not a "
                        + "self-service registration to one (Keycloak's kc.org.domain).",
                        "domains: [one of them] on the IdP, or one IdP per domain"));
            }
        }
        Map<String, ServerAgency> holders = new HashMap<>();
        actual.agencies().forEach(a -> a.spec().domains().forEach(d -> holders.put(DesiredFederation.ascii(d), a)));
        for (DesiredAgency agency : desired.agencies()) {
            for (String domain : agency.spec().domains()) {
                ServerAgency holder = holders.get(DesiredFederation.ascii(domain));
                if (holder != null && !holder.name().equals(agency.name()) && !holder.ownership().owned()) {
                    plan.conflict(new Conflict(ObjectKind.AGENCY, agency.name(), "domain_held_not_owned", "The domain '" + domain
                            + "' belongs on the server to agency '" + holder.name() + "', which dvc-config does not own "
                            + "(a domain belongs to one organization).", "the domain removed from '" + holder.name()
                            + "' first (by hand or through its registration), or from this file"));
                }
            }
        }
        for (PlannedChange change : plan.changes()) {
            for (Write write : change.writes()) {
                if (write instanceof Write.Delete delete && delete.actual() instanceof ServerAgency agency) {
                    notOwnedIdps(agency, actual, plan);
                }
            }
        }
    }

    /** Deleting an agency would cut its self-service registrations (or hand-made IdPs) off from it. */
    private static void notOwnedIdps(ServerAgency agency, Snapshot actual, PlanBuilder plan) {
        List<String> linked = actual.idps().stream().filter(i -> !i.ownership().owned())
                .filter(i -> i.agency().filter(agency.name()::equals).isPresent()).map(ServerIdp::name).sorted().toList();
        if (!linked.isEmpty()) {
            plan.conflict(new Conflict(ObjectKind.AGENCY, agency.name(), "agency_has_not_owned_idps", "The files no longer "
                    + "name agency '" + agency.name() + "', but IdPs dvc-config does not own are linked to it: "
                    + String.join(", ", linked) + "; deleting it would leave them without an agency.",
                    "the agency kept in the files, or those IdPs retired through the registration API first"));
        }
    }
}
