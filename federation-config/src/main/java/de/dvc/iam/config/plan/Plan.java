package de.dvc.iam.config.plan;

import de.dvc.iam.config.model.SecretReference;

import java.util.List;
import java.util.Set;

/**
 * What apply would do: the changes to owned objects, how many owned objects stay as they are, the objects it leaves
 * alone, and the conflicts that stop it. Immutable.
 *
 * @param missingSecrets references apply needs the value of (a new or changed secret) that are not set here
 * @param unverified     objects whose secret could not be compared (same reference, value not set here)
 */
public record Plan(String realm, List<PlannedChange> changes, int unchanged, List<NotOwned> notOwned,
                   List<Conflict> conflicts, Set<SecretReference> missingSecrets, List<String> unverified) {

    public Plan {
        changes = List.copyOf(changes);
        notOwned = List.copyOf(notOwned);
        conflicts = List.copyOf(conflicts);
        missingSecrets = Set.copyOf(missingSecrets);
        unverified = List.copyOf(unverified);
    }

    public boolean hasChanges() {
        return !changes.isEmpty();
    }

    public long count(PlannedChange.Action action) {
        return changes.stream().filter(c -> c.action() == action).count();
    }
}
