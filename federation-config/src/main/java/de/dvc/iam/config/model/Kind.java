package de.dvc.iam.config.model;

import java.util.Arrays;
import java.util.Optional;

/** What a federation file describes, by its {@code kind:} line, and the schema it follows. */
public enum Kind {
    AGENCY("Agency", "agency.schema.json"),
    SERVICE("Service", "service.schema.json"),
    SETTINGS("Settings", "settings.schema.json");

    /** Where the schemas are published; an identifier only, not (yet) a place to download them from. */
    public static final String SCHEMA_BASE = "https://schemas.dvc.example/federation/v1/";

    private final String value;
    private final String schemaFile;

    Kind(String value, String schemaFile) {
        this.value = value;
        this.schemaFile = schemaFile;
    }

    /** As written after {@code kind:}, e.g. {@code Agency}. */
    public String value() {
        return value;
    }

    /** The schema's file name, e.g. {@code agency.schema.json}. */
    public String schemaFile() {
        return schemaFile;
    }

    /** The schema's {@code $id}. */
    public String schemaId() {
        return SCHEMA_BASE + schemaFile;
    }

    public static Optional<Kind> of(String value) {
        return Arrays.stream(values()).filter(k -> k.value.equals(value)).findFirst();
    }
}
