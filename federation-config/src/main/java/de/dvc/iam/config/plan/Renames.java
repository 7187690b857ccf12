package de.dvc.iam.config.plan;

import de.dvc.iam.config.state.Actual;
import de.dvc.iam.config.state.Desired;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Renames: an owned object the files no longer name and a new one that is equal to it in every field but the name
 * (ids and aliases cannot change on the server, so a rename is a delete and a create; shown as one change so a
 * review sees what it is). Stateless.
 */
final class Renames {

    /** A pair found. */
    record Rename(Actual deleted, Desired created) {
    }

    private Renames() {
    }

    /** Pairs creates with deletes; removes the paired ones from both lists. */
    static List<Rename> pair(List<Desired> creates, List<Actual> deletes, Comparison comparison) {
        Map<String, Deque<Actual>> byFields = new HashMap<>();
        for (Actual deleted : deletes) {
            byFields.computeIfAbsent(signature(deleted.kind().name(), comparison.of(deleted)), k -> new ArrayDeque<>()).add(deleted);
        }
        List<Rename> renames = new ArrayList<>();
        for (Iterator<Desired> it = creates.iterator(); it.hasNext(); ) {
            Desired created = it.next();
            Deque<Actual> candidates = byFields.get(signature(created.kind().name(), comparison.of(created)));
            if (candidates != null && !candidates.isEmpty()) {
                Actual deleted = candidates.poll();
                deletes.remove(deleted);
                it.remove();
                renames.add(new Rename(deleted, created));
            }
        }
        return renames;
    }

    private static String signature(String kind, Map<String, String> fields) {
        return kind + "\u0000" + fields;
    }
}
