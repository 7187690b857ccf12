package de.dvc.iam.config.plan;

import de.dvc.iam.config.state.Actual;
import de.dvc.iam.config.state.Desired;
import de.dvc.iam.config.state.Write;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Collects the parts of one plan. Not thread-safe. */
final class PlanBuilder {

    private final List<PlannedChange> changes = new ArrayList<>();
    private final List<NotOwned> notOwned = new ArrayList<>();
    private final List<Conflict> conflicts = new ArrayList<>();
    private int unchanged;

    List<PlannedChange> changes() {
        return changes;
    }

    void conflict(Conflict conflict) {
        conflicts.add(conflict);
    }

    void notOwned(NotOwned object) {
        notOwned.add(object);
    }

    void update(Desired wanted, Actual held, List<FieldChange> fields) {
        if (fields.isEmpty()) {
            unchanged++;
            return;
        }
        changes.add(new PlannedChange(PlannedChange.Action.UPDATE, wanted.kind(), wanted.name(), Optional.empty(), fields,
                List.of(new Write.Update(wanted, held)), Notes.update(wanted, fields)));
    }

    void rename(Renames.Rename rename) {
        Desired wanted = rename.created();
        Actual old = rename.deleted();
        changes.add(new PlannedChange(PlannedChange.Action.RENAME, wanted.kind(), wanted.name(), Optional.of(old.name()),
                List.of(new FieldChange("name", old.name(), wanted.name(), false)),
                List.of(new Write.Delete(old), new Write.Create(wanted)), Notes.rename(wanted.kind(), old.name(), wanted.name())));
    }

    void create(Desired wanted, List<FieldChange> fields) {
        changes.add(new PlannedChange(PlannedChange.Action.CREATE, wanted.kind(), wanted.name(), Optional.empty(), fields,
                List.of(new Write.Create(wanted)), List.of()));
    }

    void delete(Actual held) {
        changes.add(new PlannedChange(PlannedChange.Action.DELETE, held.kind(), held.name(), Optional.empty(), List.of(),
                List.of(new Write.Delete(held)), Notes.delete(held.kind())));
    }

    Plan build(String realm, Comparison comparison) {
        changes.sort(Comparator.comparing(PlannedChange::kind).thenComparing(PlannedChange::name));
        notOwned.sort(Comparator.comparing(NotOwned::kind).thenComparing(NotOwned::name));
        Map<String, Conflict> unique = new LinkedHashMap<>();
        conflicts.forEach(c -> unique.putIfAbsent(c.kind() + "/" + c.name() + "/" + c.code(), c));
        return new Plan(realm, changes, unchanged, notOwned, new ArrayList<>(unique.values()),
                comparison.missingSecrets(changes), comparison.unverified());
    }
}
