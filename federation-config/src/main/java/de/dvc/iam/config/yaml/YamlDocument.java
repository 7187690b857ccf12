package de.dvc.iam.config.yaml;

import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * One YAML file read into a JSON tree, with the place of every value and every key in it, addressed by
 * JSON Pointer (RFC 6901, e.g. {@code /idps/0/alias}).
 *
 * <p>Immutable once read; the tree must not be changed. Thread-safe for reading.
 */
public final class YamlDocument {

    private final Path file;
    private final JsonNode root;
    private final Map<String, Where> values;
    private final Map<String, Where> keys;

    YamlDocument(Path file, JsonNode root, Map<String, Where> values, Map<String, Where> keys) {
        this.file = Objects.requireNonNull(file, "file");
        this.root = Objects.requireNonNull(root, "root");
        this.values = Map.copyOf(values);
        this.keys = Map.copyOf(keys);
    }

    /**
     * A document that was never a file: an object read from the server ({@code plan}, {@code export}), so that
     * specs built from it have an origin like those read from files. Its root is an empty mapping.
     */
    public static YamlDocument synthetic(Path name) {
        return new YamlDocument(name, tools.jackson.databind.node.JsonNodeFactory.instance.objectNode(), Map.of(), Map.of());
    }

    public Path file() {
        return file;
    }

    public JsonNode root() {
        return root;
    }

    /** Where the value at {@code pointer} starts; for a pointer into nothing, its nearest existing parent. */
    public Where at(String pointer) {
        for (String p = pointer; ; p = parent(p)) {
            Where where = values.get(p);
            if (where != null) {
                return where;
            }
            if (p.isEmpty()) {
                return new Where(file, 1, 1);
            }
        }
    }

    /**
     * Where the key of the member at {@code pointer} is written (for "unknown property", "duplicate" and
     * "missing property" errors); the value's place for an array element or the root.
     */
    public Where keyAt(String pointer) {
        Where key = keys.get(pointer);
        return key != null ? key : at(pointer);
    }

    /** {@code /idps/0} for {@code /idps/0/alias}; empty for a top-level member. */
    public static String parent(String pointer) {
        int slash = pointer.lastIndexOf('/');
        return slash <= 0 ? "" : pointer.substring(0, slash);
    }

    /** The pointer of member {@code name} of the object at {@code pointer} ({@code ~} and {@code /} escaped). */
    public static String member(String pointer, String name) {
        return pointer + "/" + name.replace("~", "~0").replace("/", "~1");
    }

    /** The pointer of element {@code index} of the array at {@code pointer}. */
    public static String element(String pointer, int index) {
        return pointer + "/" + index;
    }
}
