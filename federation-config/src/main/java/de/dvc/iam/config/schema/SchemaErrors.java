package de.dvc.iam.config.schema;

import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import de.dvc.iam.config.Problem;
import de.dvc.iam.config.yaml.YamlDocument;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the validator's errors into problems a person can act on: placed at the key or value they concern,
 * saying what is expected from the schema itself (its enumerations, the allowed property names, the
 * {@code description} of what a pattern stands for) rather than echoing a regular expression. No message
 * repeats the value, so a secret written where a reference belongs is never printed.
 *
 * <p>Immutable and thread-safe.
 */
final class SchemaErrors {

    private final Map<String, JsonNode> schemas;

    /** @param schemas the schema documents by {@code $id} */
    SchemaErrors(Map<String, JsonNode> schemas) {
        this.schemas = Map.copyOf(schemas);
    }

    Problem toProblem(YamlDocument document, Error error) {
        String pointer = pointer(error.getInstanceLocation());
        String name = name(pointer);
        String keyword = error.getKeyword() == null ? "" : error.getKeyword();
        JsonNode schema = enclosingSchema(error);
        switch (keyword) {
            case "required":
                return Problem.error("schema_required", document.keyAt(pointer), "The property '" + error.getProperty()
                        + "' is missing" + (pointer.isEmpty() ? "." : " in " + name + "."), error.getProperty() + ": "
                        + describe(propertySchema(error, error.getProperty()), "a value"));
            case "additionalProperties":
                return Problem.error("schema_unknown_property", document.keyAt(YamlDocument.member(pointer, error.getProperty())),
                        "The property '" + error.getProperty() + "' is not known here" + (pointer.isEmpty() ? "" : " (in " + name + ")") + ".",
                        "one of " + String.join(", ", propertyNames(schema)) + " (spelling and case matter)");
            case "false":
                return Problem.error("schema_not_allowed", document.keyAt(pointer), "'" + name + "' does not belong here"
                        + (isProtocolRule(error) ? " with this protocol." : "."), isProtocolRule(error)
                        ? "SAML: metadataUrl or metadataFile, optionally entityId; OIDC: issuer, clientId and clientSecret; LDAP: directory"
                        : "no '" + name + "'");
            case "enum":
                return Problem.error("schema_enum", document.at(pointer), "'" + name + "' has a value that is not allowed.",
                        "one of " + values(schema.path("enum")));
            case "const":
                return Problem.error("schema_const", document.at(pointer), "'" + name + "' has a value that is not allowed.",
                        schema.path("const").toString());
            case "type":
                return Problem.error("schema_type", document.at(pointer), "'" + name + "' is " + article(arg(error, 0)) + ".",
                        article(arg(error, 1)) + quoteHint(arg(error, 0), arg(error, 1)) + describeSuffix(schema));
            case "pattern":
                return Problem.error("schema_pattern", document.at(pointer), "'" + name + "' is not of the required form.",
                        describe(schema, "a value matching " + arg(error, 0)));
            case "oneOf":
                return Problem.error("schema_one_of", document.keyAt(pointer), "'" + name + "' needs exactly one of "
                        + String.join(" or ", oneOfRequired(schema)) + ".", "exactly one of " + String.join(", ", oneOfRequired(schema)));
            default:
                return Problem.error("schema_" + keyword.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT),
                        document.at(pointer), "'" + name + "' " + error.getMessage() + ".",
                        describe(schema, "see the schema"));
        }
    }

    /** The schema object the failing keyword belongs to, e.g. the {@code idp} definition for its {@code required}. */
    private JsonNode enclosingSchema(Error error) {
        String location = error.getSchemaLocation().toString();
        int hash = location.indexOf('#');
        JsonNode document = schemas.get(hash < 0 ? location : location.substring(0, hash));
        if (document == null) {
            return MissingNode.getInstance();
        }
        String fragment = hash < 0 ? "" : location.substring(hash + 1);
        return document.at(YamlDocument.parent(fragment));
    }

    /**
     * The schema of property {@code name} as the object at the error's location or one enclosing it declares it
     * (a {@code required} inside {@code allOf/then} names a property of the object around it), references followed.
     */
    private JsonNode propertySchema(Error error, String name) {
        String location = error.getSchemaLocation().toString();
        int hash = location.indexOf('#');
        String id = hash < 0 ? location : location.substring(0, hash);
        JsonNode document = schemas.get(id);
        if (document == null) {
            return MissingNode.getInstance();
        }
        for (String path = YamlDocument.parent(hash < 0 ? "" : location.substring(hash + 1)); ; path = YamlDocument.parent(path)) {
            JsonNode property = document.at(path).path("properties").path(name);
            if (!property.isMissingNode()) {
                return resolved(id, property);
            }
            if (path.isEmpty()) {
                return MissingNode.getInstance();
            }
        }
    }

    /** {@code node}, or what its {@code $ref} names when it has no description of its own. */
    private JsonNode resolved(String baseId, JsonNode node) {
        String ref = node.path("$ref").asString("");
        if (ref.isEmpty() || node.has("description")) {
            return node;
        }
        int hash = ref.indexOf('#');
        String file = hash == 0 ? baseId : baseId.substring(0, baseId.lastIndexOf('/') + 1) + (hash < 0 ? ref : ref.substring(0, hash));
        JsonNode document = schemas.get(file);
        return document == null ? node : document.at(hash < 0 ? "" : ref.substring(hash + 1));
    }

    private static boolean isProtocolRule(Error error) {
        return error.getSchemaLocation().toString().contains("/$defs/idp/allOf/");
    }

    static String pointer(NodePath path) {
        StringBuilder pointer = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            pointer.append(element instanceof Integer index ? YamlDocument.element("", index)
                    : YamlDocument.member("", String.valueOf(element)));
        }
        return pointer.toString();
    }

    /** {@code idps[0].alias} for {@code /idps/0/alias}: how a reader names the field. */
    static String name(String pointer) {
        if (pointer.isEmpty()) {
            return "the file";
        }
        StringBuilder name = new StringBuilder();
        for (String part : pointer.substring(1).split("/", -1)) {
            String unescaped = part.replace("~1", "/").replace("~0", "~");
            if (part.matches("\\d+")) {
                name.append('[').append(part).append(']');
            } else {
                name.append(name.length() == 0 ? "" : ".").append(unescaped);
            }
        }
        return name.toString();
    }

    private static List<String> propertyNames(JsonNode schema) {
        List<String> names = new ArrayList<>();
        schema.path("properties").propertyNames().forEach(names::add);
        return names;
    }

    private static List<String> oneOfRequired(JsonNode schema) {
        List<String> names = new ArrayList<>();
        for (JsonNode alternative : schema.path("oneOf")) {
            alternative.path("required").forEach(n -> names.add(n.asString()));
        }
        return names;
    }

    private static String values(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return String.join(", ", values);
    }

    private static String describe(JsonNode schema, String fallback) {
        String description = schema.path("description").asString("");
        return description.isEmpty() ? fallback : description;
    }

    private static String describeSuffix(JsonNode schema) {
        String description = schema.path("description").asString("");
        return description.isEmpty() ? "" : ": " + description;
    }

    private static String arg(Error error, int index) {
        Object[] arguments = error.getArguments();
        return arguments != null && arguments.length > index ? String.valueOf(arguments[index]) : "";
    }

    private static String article(String type) {
        return switch (type) {
            case "integer" -> "an integer";
            case "object" -> "a mapping";
            case "array" -> "a list";
            case "null" -> "empty (null)";
            default -> "a " + type;
        };
    }

    /** YAML reads 01001000 as a string but 1001000 as a number: official keys must be quoted. */
    private static String quoteHint(String found, String expected) {
        return "string".equals(expected) && ("integer".equals(found) || "number".equals(found))
                ? " (write it in quotes, e.g. \"01001000\": unquoted digits are a number to YAML)" : "";
    }
}
