package de.dvc.iam.config.plan;

import de.dvc.iam.config.state.ObjectKind;
import de.dvc.iam.config.state.Write;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One change of the plan to one owned object (a rename touches two server objects: the old one is deleted, the new
 * one created).
 *
 * @param from   a rename: the old name
 * @param fields an update or rename: the fields that change; a create: every field with a value; a delete: none
 * @param writes what apply writes for it, in order
 * @param notes  what the operator should know, e.g. that a renamed IdP's users lose their link
 */
public record PlannedChange(Action action, ObjectKind kind, String name, Optional<String> from, List<FieldChange> fields,
                            List<Write> writes, List<String> notes) {

    /** What happens to the object. */
    public enum Action {
        CREATE("+", "create"), UPDATE("~", "update"), RENAME("~", "rename"), DELETE("-", "delete");

        private final String sign;
        private final String verb;

        Action(String sign, String verb) {
            this.sign = sign;
            this.verb = verb;
        }

        public String sign() {
            return sign;
        }

        public String verb() {
            return verb;
        }
    }

    public PlannedChange {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(from, "from");
        fields = List.copyOf(fields);
        writes = List.copyOf(writes);
        notes = List.copyOf(notes);
    }
}
