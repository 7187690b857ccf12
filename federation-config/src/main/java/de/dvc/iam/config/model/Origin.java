package de.dvc.iam.config.model;

import de.dvc.iam.config.yaml.Where;
import de.dvc.iam.config.yaml.YamlDocument;

import java.util.Objects;

/**
 * Where a spec is written: its document and the JSON Pointer of its object in it, to place problems at one
 * of its members.
 */
public record Origin(YamlDocument document, String pointer) {

    public Origin {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(pointer, "pointer");
    }

    /** An object as the server holds it, e.g. {@code server("organization/bund-bmi")}: not written in any file. */
    public static Origin server(String object) {
        return new Origin(YamlDocument.synthetic(java.nio.file.Path.of("<server>", object)), "");
    }

    /** The object itself (its key where it is a member, else its first line). */
    public Where here() {
        return document.keyAt(pointer);
    }

    /** The value of member {@code name}, or the object if it has none. */
    public Where at(String name) {
        return document.at(YamlDocument.member(pointer, name));
    }

    /** Element {@code index} of the list in member {@code name}. */
    public Where at(String name, int index) {
        return document.at(YamlDocument.element(YamlDocument.member(pointer, name), index));
    }

    /** The key of member {@code name}. */
    public Where keyAt(String name) {
        return document.keyAt(YamlDocument.member(pointer, name));
    }

    /** The origin of the object in member {@code name}. */
    public Origin member(String name) {
        return new Origin(document, YamlDocument.member(pointer, name));
    }

    /** The origin of element {@code index} of the list in member {@code name}. */
    public Origin element(String name, int index) {
        return new Origin(document, YamlDocument.element(YamlDocument.member(pointer, name), index));
    }
}
