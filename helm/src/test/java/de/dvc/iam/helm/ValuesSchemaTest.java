package de.dvc.iam.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** values.schema.json rejects wrong values before anything reaches a cluster, and schema and README cover every value. */
class ValuesSchemaTest {

    @Test
    void wrongTypeIsRejected() {
        assertThatThrownBy(() -> Chart.render("bad-type"))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("replicas");
    }

    @Test
    void unknownKeyIsRejected() {
        // a typo must not silently fall back to a default
        assertThatThrownBy(() -> Chart.render(Map.of("replica", 5)))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("replica");
    }

    @Test
    void unknownCacheStackIsRejected() {
        assertThatThrownBy(() -> Chart.render(Map.of("cache.stack", "udp")))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("stack");
    }

    @Test
    void hostnameMustBeAUrl() {
        assertThatThrownBy(() -> Chart.render(Map.of("hostname.hostname", "login.dvc.example")))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("hostname");
    }

    @Test
    void installWithoutTheRequiredValuesNamesThem() {
        assertThatThrownBy(() -> Chart.templateCommand().call()).hasMessageContaining("hostname.hostname is required");
        assertThatThrownBy(() -> Chart.templateCommand().set("hostname.hostname", "https://login.dvc.example").call())
                .hasMessageContaining("database.host is required");
        assertThatThrownBy(() -> Chart.templateCommand().set("hostname.hostname", "https://login.dvc.example")
                .set("database.host", "db").call())
                .hasMessageContaining("database.existingSecret is required");
    }

    @Test
    void schemaDeclaresEveryValueOfValuesYaml() throws IOException {
        JsonNode schema = schema();

        assertThat(valuePaths()).isNotEmpty().allSatisfy(path -> assertThat(declaration(schema, path))
                .as("values.schema.json declares %s", path).isNotNull());
    }

    @Test
    void readmeListsEveryValue() throws IOException {
        String readme = Files.readString(Chart.directory().resolve("README.md"));

        assertThat(valuePaths()).isNotEmpty().allSatisfy(path -> assertThat(readme).as("README.md lists `%s`", path)
                .contains("| `" + path + "` |"));
    }

    /**
     * The dotted paths of values.yaml down to each leaf. The chart's own groups (objects the schema declares inline)
     * are descended into; a list, or an object of a shared definition (resources, probe timing, label selector,
     * Kubernetes object, string map), is one value.
     */
    static List<String> valuePaths() throws IOException {
        JsonNode values = new YAMLMapper().readTree(Chart.directory().resolve("values.yaml").toFile());
        JsonNode schema = schema();
        List<String> paths = new ArrayList<>();
        collect(values, "", schema, paths);
        return paths;
    }

    private static void collect(JsonNode node, String prefix, JsonNode schema, List<String> paths) {
        node.fields().forEachRemaining(field -> {
            String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            JsonNode declared = rawDeclaration(schema, path);
            if (field.getValue().isObject() && !field.getValue().isEmpty() && declared != null && declared.has("properties")) {
                collect(field.getValue(), path, schema, paths);
            } else {
                paths.add(path);
            }
        });
    }

    /** The schema of a dotted value path with $refs resolved, or null when the schema does not declare it. */
    static JsonNode declaration(JsonNode schema, String path) {
        JsonNode raw = rawDeclaration(schema, path);
        return raw == null ? null : resolve(schema, raw);
    }

    /** As {@link #declaration}, the last step's $ref left unresolved. */
    private static JsonNode rawDeclaration(JsonNode schema, String path) {
        JsonNode current = schema;
        for (String key : path.split("\\.")) {
            current = resolve(schema, current).path("properties").get(key);
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    private static JsonNode resolve(JsonNode schema, JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.startsWith("#/definitions/") ? schema.path("definitions").path(ref.substring("#/definitions/".length())) : node;
    }

    private static JsonNode schema() throws IOException {
        return new ObjectMapper().readTree(Chart.directory().resolve("values.schema.json").toFile());
    }
}
