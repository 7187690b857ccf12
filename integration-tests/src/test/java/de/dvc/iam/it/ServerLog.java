package de.dvc.iam.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The server's log as the distribution writes it: one JSON record per line (conf/keycloak.conf). */
final class ServerLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ServerLog() {
    }

    /** Every line that is a JSON record. */
    static List<JsonNode> records(Path log) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            JsonNode record = parse(line);
            if (record != null) {
                records.add(record);
            }
        }
        return records;
    }

    /** The lines that are no JSON record (the launcher's few lines before the server logs are allowed for). */
    static List<String> plainLines(Path log) throws IOException {
        return Files.readAllLines(log).stream().filter(l -> !l.isBlank() && parse(l) == null).toList();
    }

    /** The audit events (category dvc.audit), each the JSON text the server wrote. */
    static List<String> audit(Path log) throws IOException {
        return records(log).stream().filter(r -> "dvc.audit".equals(r.path("loggerName").asText()))
                .map(r -> r.path("message").asText()).toList();
    }

    private static JsonNode parse(String line) {
        if (!line.startsWith("{")) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(line);
            return node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
