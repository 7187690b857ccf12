package de.dvc.iam.config.plan;

import de.dvc.iam.config.model.SecretReference;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Locale;

/**
 * The plan for programs: one JSON document with counts, every change with its fields, every not-owned object and
 * conflict. A secret field is {@code {"field": "clientSecret", "secret": true}}, never with a value. Stateless.
 */
public final class PlanJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private PlanJson() {
    }

    public static ObjectNode of(Plan plan) {
        ObjectNode document = MAPPER.createObjectNode();
        document.put("realm", plan.realm());
        ObjectNode counts = document.putObject("counts");
        for (PlannedChange.Action action : PlannedChange.Action.values()) {
            counts.put(action.verb(), plan.count(action));
        }
        counts.put("unchanged", plan.unchanged());
        counts.put("notOwned", plan.notOwned().size());
        counts.put("conflicts", plan.conflicts().size());
        ArrayNode changes = document.putArray("changes");
        for (PlannedChange change : plan.changes()) {
            ObjectNode entry = changes.addObject();
            entry.put("action", change.action().verb());
            entry.put("kind", code(change.kind()));
            entry.put("name", change.name());
            change.from().ifPresent(f -> entry.put("from", f));
            ArrayNode fields = entry.putArray("fields");
            for (FieldChange field : change.fields()) {
                ObjectNode f = fields.addObject();
                f.put("field", field.field());
                if (field.secret()) {
                    f.put("secret", true);
                } else {
                    f.put("before", field.before());
                    f.put("after", field.after());
                }
            }
            change.notes().forEach(entry.putArray("notes")::add);
        }
        ArrayNode notOwned = document.putArray("notOwned");
        for (NotOwned object : plan.notOwned()) {
            ObjectNode entry = notOwned.addObject();
            entry.put("kind", code(object.kind()));
            entry.put("name", object.name());
            entry.put("ownership", object.ownership().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            entry.put("inFiles", object.inFiles());
            object.notes().forEach(entry.putArray("notes")::add);
        }
        ArrayNode conflicts = document.putArray("conflicts");
        for (Conflict conflict : plan.conflicts()) {
            ObjectNode entry = conflicts.addObject();
            entry.put("kind", code(conflict.kind()));
            entry.put("name", conflict.name());
            entry.put("code", conflict.code());
            entry.put("message", conflict.message());
            entry.put("expected", conflict.expected());
        }
        plan.missingSecrets().stream().map(SecretReference::reference).sorted().forEach(document.putArray("missingSecrets")::add);
        plan.unverified().forEach(document.putArray("unverifiedSecrets")::add);
        return document;
    }

    public static String text(Plan plan) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(of(plan));
    }

    static String code(de.dvc.iam.config.state.ObjectKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
