package de.dvc.iam.config.export;

import de.dvc.iam.config.yaml.YamlText;

import java.util.Collection;
import java.util.Optional;

/** Writes a YAML document in block style, every scalar through {@link YamlText} (so it reads back as written). Not thread-safe. */
final class YamlWriter {

    private final StringBuilder text = new StringBuilder();

    YamlWriter comment(String indent, String comment) {
        text.append(indent).append("# ").append(comment).append('\n');
        return this;
    }

    YamlWriter line(String line) {
        text.append(line).append('\n');
        return this;
    }

    YamlWriter scalar(String indent, String key, String value) {
        text.append(indent).append(YamlText.scalar(key)).append(": ").append(YamlText.scalar(value)).append('\n');
        return this;
    }

    YamlWriter optional(String indent, String key, Optional<String> value) {
        value.ifPresent(v -> scalar(indent, key, v));
        return this;
    }

    /** A word the schema knows (level, protocol, …): written plain. */
    YamlWriter word(String indent, String key, String value) {
        text.append(indent).append(key).append(": ").append(value).append('\n');
        return this;
    }

    /** A list in block style; {@code []} if empty. */
    YamlWriter list(String indent, String key, Collection<String> values) {
        if (values.isEmpty()) {
            text.append(indent).append(key).append(": []\n");
            return this;
        }
        text.append(indent).append(key).append(":\n");
        values.forEach(v -> text.append(indent).append("  - ").append(YamlText.scalar(v)).append('\n'));
        return this;
    }

    /** Multi-line text (PEM) as a literal block, {@code key: |}; lines indented by two more. */
    YamlWriter block(String indent, String key, String value) {
        text.append(indent).append(YamlText.scalar(key)).append(": |\n");
        for (String line : value.strip().split("\n", -1)) {
            text.append(line.isBlank() ? "" : indent + "  " + line.stripTrailing()).append('\n');
        }
        return this;
    }

    YamlWriter key(String indent, String key) {
        text.append(indent).append(YamlText.scalar(key)).append(":\n");
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
