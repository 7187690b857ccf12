package de.dvc.iam.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The Kubernetes objects of one {@code helm template} output, each a YAML document read as a tree. */
final class Manifests {

    private static final YAMLMapper YAML = new YAMLMapper();

    private final List<JsonNode> objects;

    private Manifests(List<JsonNode> objects) {
        this.objects = List.copyOf(objects);
    }

    static Manifests parse(String rendered) {
        List<JsonNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(rendered)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && document.isObject() && document.has("kind")) {
                    objects.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("helm template produced no valid YAML", e);
        }
        return new Manifests(objects);
    }

    List<JsonNode> all() {
        return objects;
    }

    Stream<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText()));
    }

    /** The one object of this kind; fails the test when there is none or more than one. */
    JsonNode single(String kind) {
        List<JsonNode> found = ofKind(kind).toList();
        if (found.size() != 1) {
            throw new AssertionError("Expected exactly one " + kind + " but the chart rendered " + found.size() + ": " + kinds());
        }
        return found.get(0);
    }

    /** The object of this kind and name, or a missing node. */
    JsonNode named(String kind, String name) {
        return ofKind(kind).filter(o -> name.equals(o.path("metadata").path("name").asText()))
                .findFirst().orElse(MissingNode.getInstance());
    }

    List<String> kinds() {
        return objects.stream().map(o -> o.path("kind").asText() + "/" + o.path("metadata").path("name").asText()).toList();
    }

    /** Every container (init containers included) of every pod template (StatefulSet, Job, ...). */
    Stream<JsonNode> containers() {
        return objects.stream()
                .map(o -> o.path("spec").path("template").path("spec"))
                .filter(spec -> !spec.isMissingNode())
                .flatMap(spec -> Stream.concat(stream(spec.path("initContainers")), stream(spec.path("containers"))));
    }

    /** The Keycloak container of the StatefulSet. */
    JsonNode keycloak() {
        JsonNode containers = single("StatefulSet").path("spec").path("template").path("spec").path("containers");
        return stream(containers).filter(c -> "keycloak".equals(c.path("name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("The StatefulSet has no container named keycloak: " + containers));
    }

    /** The env entry of this name of a container, or a missing node. */
    static JsonNode env(JsonNode container, String name) {
        return stream(container.path("env")).filter(e -> name.equals(e.path("name").asText())).findFirst()
                .orElse(MissingNode.getInstance());
    }

    /** The plain value of an env entry; fails when the entry is missing or takes its value from elsewhere. */
    static String envValue(JsonNode container, String name) {
        JsonNode env = env(container, name);
        if (!env.has("value")) {
            throw new AssertionError("No env " + name + " with a plain value in " + container.path("env"));
        }
        return env.path("value").asText();
    }

    static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }
}
