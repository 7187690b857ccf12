package de.dvc.iam.config.plan;

import de.dvc.iam.config.model.SecretReference;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The plan for people, like Terraform's: one block per change ({@code +} create, {@code ~} update or rename,
 * {@code -} delete) with its fields {@code old → new}, then what is not owned, the conflicts and a summary line.
 * Secrets show as {@code (secret changes)}, never with a value. Stateless.
 */
public final class PlanText {

    /** Not-owned objects named one by one up to this many; the rest are counted (JSON lists all). */
    static final int NOT_OWNED_LISTED = 50;

    private PlanText() {
    }

    /** @param compact one line per change, without fields (for plans of thousands of creates) */
    public static void print(Plan plan, PrintWriter out, boolean compact) {
        for (PlannedChange change : plan.changes()) {
            out.println("  " + change.action().sign() + " " + change.kind().label() + " " + change.name()
                    + change.from().map(f -> " (renamed from " + f + ")").orElse("")
                    + (change.action() == PlannedChange.Action.DELETE ? " (deleted)" : ""));
            if (compact) {
                continue;
            }
            for (FieldChange field : change.fields()) {
                out.println("      " + field.field() + ": " + value(change, field));
            }
            change.notes().forEach(n -> out.println("      ! " + n));
        }
        if (plan.hasChanges()) {
            out.println();
        }
        notOwned(plan.notOwned(), out);
        if (!plan.conflicts().isEmpty()) {
            out.println("Conflicts (apply writes nothing while there are any): " + plan.conflicts().size());
            plan.conflicts().forEach(c -> out.println("  " + c.kind().label() + " " + c.name() + ": error [" + c.code() + "] "
                    + c.message() + " Expected: " + c.expected() + (c.expected().endsWith(".") ? "" : ".")));
        }
        if (!plan.missingSecrets().isEmpty()) {
            out.println("Secrets apply needs that are not set here: " + String.join(", ",
                    plan.missingSecrets().stream().map(SecretReference::reference).sorted().toList()));
        }
        if (!plan.unverified().isEmpty()) {
            out.println("Secrets not compared (their reference is unchanged, its value not set here): "
                    + plan.unverified().size() + " (" + String.join(", ", plan.unverified().stream().limit(5).toList())
                    + (plan.unverified().size() > 5 ? ", …" : "") + ")");
        }
        out.println(summary(plan));
    }

    private static String value(PlannedChange change, FieldChange field) {
        if (field.secret()) {
            return change.action() == PlannedChange.Action.CREATE ? "(secret, set)" : "(secret changes)";
        }
        if (change.action() == PlannedChange.Action.CREATE) {
            return field.after();
        }
        return shown(field.before()) + " → " + shown(field.after());
    }

    private static String shown(String value) {
        return value.isEmpty() ? "(none)" : value;
    }

    private static void notOwned(List<NotOwned> objects, PrintWriter out) {
        if (objects.isEmpty()) {
            return;
        }
        out.println("Not owned by dvc-config, never touched: " + objects.size());
        objects.stream().limit(NOT_OWNED_LISTED).forEach(o -> out.println("  " + o.kind().label() + " " + o.name() + " — "
                + o.ownership().label() + (o.inFiles() ? ", described by the files as it is" : "")
                + (o.notes().isEmpty() ? "" : "; " + String.join("; ", o.notes()))));
        if (objects.size() > NOT_OWNED_LISTED) {
            out.println("  … and " + (objects.size() - NOT_OWNED_LISTED) + " more (--format json lists all)");
        }
    }

    /** {@code Plan: 2 to create, 1 to update, 0 to rename, 1 to delete; 10 unchanged; 3 not owned; 0 conflicts.} */
    public static String summary(Plan plan) {
        return String.format(Locale.ROOT, "Plan for realm %s: %d to create, %d to update, %d to rename, %d to delete; "
                        + "%d unchanged; %d not owned; %d %s.", plan.realm(), plan.count(PlannedChange.Action.CREATE),
                plan.count(PlannedChange.Action.UPDATE), plan.count(PlannedChange.Action.RENAME),
                plan.count(PlannedChange.Action.DELETE), plan.unchanged(), plan.notOwned().size(), plan.conflicts().size(),
                plan.conflicts().size() == 1 ? "conflict" : "conflicts");
    }
}
