package de.dvc.iam.config.apply;

import de.dvc.iam.config.plan.Plan;
import de.dvc.iam.config.plan.PlannedChange;
import de.dvc.iam.config.state.DesiredIdp;
import de.dvc.iam.config.state.ObjectKind;
import de.dvc.iam.config.state.ServerIdp;
import de.dvc.iam.config.state.Write;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The order of a plan's writes, and what each depends on. Deletes first, from the top of the dependencies down
 * (services, IdPs, agencies — freeing domains and names), then agencies (updates before creates: a domain moving to
 * a new agency is released first), IdPs (which link to their agency), services. An IdP whose agency was not created
 * is not started; nor is an agency whose IdPs were not deleted, nor the second step of a rename whose first failed.
 */
final class Phases {

    private final List<List<Write>> phases;
    private final Map<String, Write> agencyCreates = new HashMap<>();
    private final Map<String, List<Write>> idpDeletesByAgency = new HashMap<>();
    private final Map<Write, Write> renameFirstStep = new IdentityHashMap<>();

    private Phases(List<List<Write>> phases) {
        this.phases = phases;
    }

    static Phases of(Plan plan) {
        List<List<Write>> phases = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            phases.add(new ArrayList<>());
        }
        Phases order = new Phases(phases);
        for (PlannedChange change : plan.changes()) {
            for (Write write : change.writes()) {
                phases.get(phase(write)).add(write);
                if (write instanceof Write.Create && write.kind() == ObjectKind.AGENCY) {
                    order.agencyCreates.put(write.name(), write);
                }
                if (write instanceof Write.Delete delete && delete.actual() instanceof ServerIdp idp && idp.agency().isPresent()) {
                    order.idpDeletesByAgency.computeIfAbsent(idp.agency().get(), k -> new ArrayList<>()).add(write);
                }
            }
            if (change.action() == PlannedChange.Action.RENAME) {
                order.renameFirstStep.put(change.writes().get(1), change.writes().get(0));
            }
        }
        return order;
    }

    private static int phase(Write write) {
        if (write instanceof Write.Delete) {
            return switch (write.kind()) {
                case SETTINGS, SERVICE -> 0;
                case IDP -> 1;
                case AGENCY -> 2;
            };
        }
        return switch (write.kind()) {
            case AGENCY -> write instanceof Write.Update ? 3 : 4;
            case IDP -> 5;
            case SERVICE -> 6;
            case SETTINGS -> 7; // last: the roles name IdPs and agencies
        };
    }

    List<List<Write>> list() {
        return phases;
    }

    int writes() {
        return phases.stream().mapToInt(List::size).sum();
    }

    /** Why {@code write} must not start, given the results so far. */
    Optional<String> blockedBy(Write write, Map<Write, Applier.WriteResult> results) {
        Write first = renameFirstStep.get(write);
        if (first != null && !ok(first, results)) {
            return Optional.of("not started: the old " + first.kind().label() + " '" + first.name() + "' of the rename was not deleted");
        }
        if (write instanceof Write.Create create && create.desired() instanceof DesiredIdp idp) {
            return agencyMissing(idp.agency(), results);
        }
        if (write instanceof Write.Update update && update.desired() instanceof DesiredIdp idp) {
            return agencyMissing(idp.agency(), results);
        }
        if (write instanceof Write.Delete && write.kind() == ObjectKind.AGENCY) {
            return idpDeletesByAgency.getOrDefault(write.name(), List.of()).stream().filter(d -> !ok(d, results)).findFirst()
                    .map(d -> "not started: its IdP '" + d.name() + "' was not deleted");
        }
        return Optional.empty();
    }

    private Optional<String> agencyMissing(String agency, Map<Write, Applier.WriteResult> results) {
        Write create = agencyCreates.get(agency);
        return create == null || ok(create, results) ? Optional.empty()
                : Optional.of("not started: its agency '" + agency + "' was not created");
    }

    private static boolean ok(Write write, Map<Write, Applier.WriteResult> results) {
        Applier.WriteResult result = results.get(write);
        return result != null && result.ok();
    }
}
