package de.dvc.iam.config.cli;

import de.dvc.iam.config.Problem;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** How problems are printed: one line each for people and editors, or one JSON document for programs. */
enum ReportFormat {
    TEXT, JSON;

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    void print(PrintWriter out, List<Problem> problems, boolean valid, String summary) {
        if (this == TEXT) {
            problems.forEach(p -> out.println(p.toText()));
            out.println(summary);
            return;
        }
        ObjectNode document = MAPPER.createObjectNode();
        document.put("valid", valid);
        document.put("errors", problems.stream().filter(Problem::isError).count());
        document.put("warnings", problems.stream().filter(p -> !p.isError()).count());
        document.put("summary", summary);
        ArrayNode list = document.putArray("problems");
        for (Problem problem : problems) {
            ObjectNode entry = list.addObject();
            entry.put("severity", problem.severity().name().toLowerCase(Locale.ROOT));
            entry.put("code", problem.code());
            entry.put("file", problem.where().file().toString());
            entry.put("line", problem.where().line());
            entry.put("column", problem.where().column());
            entry.put("message", problem.message());
            entry.put("expected", problem.expected());
        }
        out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document));
    }
}
