package de.dvc.iam.config.plan;

import de.dvc.iam.config.state.Actual;
import de.dvc.iam.config.state.Desired;
import de.dvc.iam.config.state.ObjectKind;
import de.dvc.iam.config.state.Snapshot;
import de.dvc.iam.config.state.Unreadable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Compares what the files want with what the server holds (reconcile, not replay: STYLE.md 7). Owned objects are
 * created, updated, renamed (a delete and a create of equal objects) or deleted; objects apply did not create are
 * never touched — described by the files as they are, they count as not owned; described otherwise, they are a
 * {@link Conflict}. Stateless.
 */
public final class Planner {

    private Planner() {
    }

    public static Plan plan(DesiredFederation desired, Snapshot actual) {
        Comparison comparison = new Comparison(actual);
        Map<String, Unreadable> unreadable = new HashMap<>();
        actual.unreadable().forEach(u -> unreadable.put(key(u.kind(), u.name()), u));
        Map<String, Actual> byName = new HashMap<>();
        actual.objects().forEach(a -> byName.put(key(a.kind(), a.name()), a));
        PlanBuilder plan = new PlanBuilder();
        List<Desired> creates = new ArrayList<>();
        Set<String> described = new HashSet<>();
        for (Desired wanted : desiredObjects(desired)) {
            String key = key(wanted.kind(), wanted.name());
            described.add(key);
            Actual held = byName.get(key);
            if (unreadable.containsKey(key)) {
                plan.conflict(new Conflict(wanted.kind(), wanted.name(), "exists_unreadable", "The server has "
                        + wanted.kind().label() + " '" + wanted.name() + "', but not as the files can describe it: "
                        + unreadable.get(key).reason() + ".", "another name, or that object removed from the server by hand"));
            } else if (held == null) {
                creates.add(wanted);
            } else if (held.ownership().owned()) {
                plan.update(wanted, held, comparison.changes(wanted, held));
            } else {
                notOwnedInFiles(wanted, held, comparison, plan);
            }
        }
        List<Actual> deletes = new ArrayList<>();
        actual.objects().filter(a -> !described.contains(key(a.kind(), a.name()))).forEach(a -> {
            if (a.ownership().owned()) {
                deletes.add(a);
            } else {
                plan.notOwned(new NotOwned(a.kind(), a.name(), a.ownership(), false, comparison.deviationNotes(a)));
            }
        });
        actual.unreadable().stream().filter(u -> !described.contains(key(u.kind(), u.name())))
                .forEach(u -> plan.notOwned(new NotOwned(u.kind(), u.name(), u.ownership(), false, List.of(u.reason()))));
        Renames.pair(creates, deletes, comparison).forEach(plan::rename);
        creates.forEach(c -> plan.create(c, comparison.created(c)));
        deletes.forEach(plan::delete);
        Checks.run(desired, actual, plan);
        return plan.build(desired.realm(), comparison);
    }

    /** A not-owned object the files describe: left alone if they describe it as it is, else a conflict. */
    private static void notOwnedInFiles(Desired wanted, Actual held, Comparison comparison, PlanBuilder plan) {
        List<FieldChange> differences = comparison.fields(wanted, held);
        if (differences.isEmpty()) {
            plan.notOwned(new NotOwned(held.kind(), held.name(), held.ownership(), true, comparison.deviationNotes(held)));
            return;
        }
        plan.conflict(new Conflict(wanted.kind(), wanted.name(), "not_owned_differs", "The server's " + wanted.kind().label()
                + " '" + wanted.name() + "' is " + held.ownership().label() + ", not owned by dvc-config, and differs from the "
                + "files in " + String.join(", ", differences.stream().map(FieldChange::field).toList()) + ".",
                "the files as the server has it (dvc-config export shows it), another name, or, for a self-service registration, dvc-config adopt"));
    }

    static List<Desired> desiredObjects(DesiredFederation desired) {
        return Stream.of(desired.agencies().stream(), desired.idps().stream(), desired.services().stream(), desired.settings().stream())
                .flatMap(s -> s.map(Desired.class::cast)).toList();
    }

    private static String key(ObjectKind kind, String name) {
        return kind.name() + "/" + name;
    }
}
