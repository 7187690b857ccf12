package de.dvc.iam.config.apply;

import de.dvc.iam.config.plan.PlannedChange;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The final report of apply: counts of what was applied, every change that failed with why, the changes not started
 * (named up to {@value #LISTED}; JSON names all), and what to do next. Stateless.
 */
public final class ApplyReportText {

    static final int LISTED = 50;
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ApplyReportText() {
    }

    public static void print(ApplyReport report, PrintWriter out) {
        List<Outcome> applied = report.with(Outcome.Status.APPLIED);
        out.println(String.format(Locale.ROOT, "Applied: %d of %d changes (%s) in %.1f s.", applied.size(), report.outcomes().size(),
                counts(applied), report.took().toMillis() / 1000.0));
        section(out, "Failed", report.with(Outcome.Status.FAILED), Integer.MAX_VALUE);
        section(out, "Partly applied (a rename: the old object is deleted, the new one not created)",
                report.with(Outcome.Status.PARTLY_APPLIED), Integer.MAX_VALUE);
        section(out, "Not applied", report.with(Outcome.Status.NOT_STARTED), LISTED);
        report.stopped().ifPresent(reason -> out.println("Stopped: " + reason + "; the objects in flight were finished."));
        if (!report.complete()) {
            out.println("Run apply again to complete it: it plans anew from what the server has now.");
        }
    }

    private static void section(PrintWriter out, String title, List<Outcome> outcomes, int limit) {
        if (outcomes.isEmpty()) {
            return;
        }
        out.println(title + ": " + outcomes.size());
        outcomes.stream().limit(limit).forEach(o -> out.println("  " + o.change().action().sign() + " " + o.change().kind().label()
                + " " + o.change().name() + o.message().filter(m -> !m.isEmpty()).map(m -> ": " + m).orElse("")));
        if (outcomes.size() > limit) {
            out.println("  … and " + (outcomes.size() - limit) + " more (--format json lists all)");
        }
    }

    private static String counts(List<Outcome> applied) {
        StringBuilder text = new StringBuilder();
        for (PlannedChange.Action action : PlannedChange.Action.values()) {
            long n = applied.stream().filter(o -> o.change().action() == action).count();
            text.append(text.length() == 0 ? "" : ", ").append(n).append(' ').append(past(action));
        }
        return text.toString();
    }

    private static String past(PlannedChange.Action action) {
        return switch (action) {
            case CREATE -> "created";
            case UPDATE -> "updated";
            case RENAME -> "renamed";
            case DELETE -> "deleted";
        };
    }

    public static String json(ApplyReport report) {
        ObjectNode document = MAPPER.createObjectNode();
        document.put("complete", report.complete());
        report.stopped().ifPresent(s -> document.put("stopped", s));
        document.put("seconds", report.took().toMillis() / 1000.0);
        ArrayNode list = document.putArray("changes");
        for (Outcome outcome : report.outcomes()) {
            ObjectNode entry = list.addObject();
            entry.put("action", outcome.change().action().verb());
            entry.put("kind", outcome.change().kind().name().toLowerCase(Locale.ROOT));
            entry.put("name", outcome.change().name());
            outcome.change().from().ifPresent(f -> entry.put("from", f));
            entry.put("status", outcome.status().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            outcome.message().filter(m -> !m.isEmpty()).ifPresent(m -> entry.put("message", m));
        }
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document);
    }
}
