package de.dvc.iam.config.schema;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import de.dvc.iam.config.Problem;
import de.dvc.iam.config.model.Kind;
import de.dvc.iam.config.yaml.YamlDocument;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The federation files' JSON Schema (draft 2020-12, {@code federation-config/schema/*.schema.json}), loaded
 * from the class path by {@code $id} and never from the network, and checked with networknt's validator.
 *
 * <p>Immutable and thread-safe once loaded.
 */
public final class FederationSchema {

    /** Where the schema files are on the class path. */
    public static final String RESOURCES = "de/dvc/iam/config/schema/";
    /** Every published schema file. */
    public static final List<String> FILES = List.of("common.schema.json", "agency.schema.json", "service.schema.json",
            "settings.schema.json");

    private final Map<Kind, Schema> schemas = new EnumMap<>(Kind.class);
    private final SchemaErrors errors;

    private FederationSchema(Map<String, JsonNode> documents) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaIdResolvers(ids -> ids.mapPrefix(Kind.SCHEMA_BASE, "classpath:" + RESOURCES)));
        for (Kind kind : Kind.values()) {
            schemas.put(kind, registry.getSchema(SchemaLocation.of(kind.schemaId())));
        }
        this.errors = new SchemaErrors(documents);
    }

    /** @throws UncheckedIOException if a schema file is missing from the class path (a broken build) */
    public static FederationSchema load() {
        Map<String, JsonNode> documents = new HashMap<>();
        JsonMapper json = JsonMapper.builder().build();
        for (String file : FILES) {
            try (InputStream in = FederationSchema.class.getClassLoader().getResourceAsStream(RESOURCES + file)) {
                if (in == null) {
                    throw new IOException("the schema " + RESOURCES + file + " is not on the class path");
                }
                JsonNode schema = json.readTree(in);
                documents.put(schema.get("$id").asString(), schema);
            } catch (IOException e) {
                throw new UncheckedIOException("The federation schema cannot be loaded: " + e.getMessage(), e);
            }
        }
        return new FederationSchema(documents);
    }

    /** The schema errors of {@code document}, which says it is of {@code kind}; empty if it is valid. */
    public List<Problem> validate(YamlDocument document, Kind kind) {
        List<Problem> problems = new ArrayList<>();
        for (com.networknt.schema.Error error : schemas.get(kind).validate(document.root())) {
            problems.add(errors.toProblem(document, error));
        }
        return problems;
    }
}
