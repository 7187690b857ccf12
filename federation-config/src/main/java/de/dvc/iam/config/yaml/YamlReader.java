package de.dvc.iam.config.yaml;

import de.dvc.iam.config.Problem;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLParser;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one YAML file into a {@link YamlDocument}, keeping the place of every key and value. YAML 1.2 as
 * Jackson reads it ({@code 01001000} and {@code no} stay strings). Refused, with the place: syntax errors, a
 * second document in the file, duplicate keys (YAML forbids them, most parsers keep the last silently),
 * anchors and aliases (a reviewer reading one file must see every value where it applies), binary values.
 *
 * <p>Stateless and thread-safe.
 */
public final class YamlReader {

    /** Larger files are refused unread: an agency file is a few kilobytes. */
    public static final int MAX_CHARS = 1 << 20;

    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private YamlReader() {
    }

    /** The document, or the problem that stopped reading it. */
    public record Result(Optional<YamlDocument> document, Optional<Problem> problem) {
    }

    /** Thrown inside the reader with the place of what it refuses. */
    private static final class Refused extends RuntimeException {
        private final transient Problem problem;

        Refused(Problem problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }
    }

    public static Result read(Path file, String text) {
        if (text.length() > MAX_CHARS) {
            return failed(Problem.error("file_too_large", Where.file(file), "The file has " + text.length()
                    + " characters.", "at most " + MAX_CHARS + " characters; split it, e.g. one agency per file"));
        }
        Map<String, Where> values = new HashMap<>();
        Map<String, Where> keys = new HashMap<>();
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return failed(Problem.error("file_empty", new Where(file, 1, 1), "The file is empty.",
                        "a YAML mapping starting with kind: Agency, Service or Settings"));
            }
            JsonNode root = value(parser, file, "", values, keys);
            JsonToken next = parser.nextToken();
            if (next != null) {
                return failed(Problem.error("yaml_second_document", where(file, parser.currentTokenLocation()),
                        "The file holds a second YAML document.", "one document per file: one agency, service or settings"));
            }
            return new Result(Optional.of(new YamlDocument(file, root, values, keys)), Optional.empty());
        } catch (Refused e) {
            return failed(e.problem);
        } catch (JacksonException e) {
            return failed(syntax(file, e));
        }
    }

    private static JsonNode value(JsonParser parser, Path file, String pointer, Map<String, Where> values,
                                  Map<String, Where> keys) {
        values.put(pointer, where(file, parser.currentTokenLocation()));
        refuseReferences(parser, file);
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT:
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = parser.currentName();
                    String member = YamlDocument.member(pointer, name);
                    Where key = where(file, parser.currentTokenLocation());
                    if (object.has(name)) {
                        throw new Refused(Problem.error("yaml_duplicate_key", key, "The key '" + name + "' appears twice"
                                + " in this mapping (first at line " + keys.get(member).line() + ").", "each key once"));
                    }
                    keys.put(member, key);
                    parser.nextToken();
                    object.set(name, value(parser, file, member, values, keys));
                }
                return object;
            case START_ARRAY:
                ArrayNode array = NODES.arrayNode();
                for (int i = 0; parser.nextToken() != JsonToken.END_ARRAY; i++) {
                    array.add(value(parser, file, YamlDocument.element(pointer, i), values, keys));
                }
                return array;
            case VALUE_STRING:
                return NODES.stringNode(parser.getString());
            case VALUE_NUMBER_INT:
                return NODES.numberNode(parser.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE:
            case VALUE_FALSE:
                return NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new Refused(Problem.error("yaml_unsupported_value", values.get(pointer), "This value ("
                        + token + ") is not plain YAML data.", "a string, number, boolean, list or mapping"));
        }
    }

    private static void refuseReferences(JsonParser parser, Path file) {
        if (parser instanceof YAMLParser yaml && (yaml.isCurrentAlias() || yaml.getObjectId() != null)) {
            throw new Refused(Problem.error("yaml_anchor", where(file, parser.currentTokenLocation()),
                    "YAML anchors (&name) and aliases (*name) are not supported.",
                    "each value written out where it applies, so a review of one file shows everything"));
        }
    }

    private static Problem syntax(Path file, JacksonException e) {
        Where where = e.getLocation() == null ? Where.file(file) : where(file, e.getLocation());
        String problem = e.getOriginalMessage();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYamlEngineException marked && marked.getProblemMark().isPresent()) {
                where = new Where(file, marked.getProblemMark().get().getLine() + 1, marked.getProblemMark().get().getColumn() + 1);
                problem = marked.getProblem();
            }
        }
        return Problem.error("yaml_syntax", where, "The file is not valid YAML: " + firstLine(problem) + ".",
                "YAML 1.2 block style, indented with spaces, e.g. 'name: Senatsverwaltung für Finanzen Berlin'");
    }

    private static String firstLine(String text) {
        String value = text == null ? "unreadable" : text.strip();
        int newline = value.indexOf('\n');
        return newline < 0 ? value : value.substring(0, newline);
    }

    private static Where where(Path file, TokenStreamLocation location) {
        return new Where(file, Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
    }

    private static Result failed(Problem problem) {
        return new Result(Optional.empty(), Optional.of(problem));
    }

    /** For tests and tools: the problems of a result as a list. */
    public static List<Problem> problems(Result result) {
        return result.problem().map(List::of).orElse(List.of());
    }
}
