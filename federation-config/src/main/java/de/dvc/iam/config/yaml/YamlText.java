package de.dvc.iam.config.yaml;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes YAML scalars so that they read back as the same string: plain where that is unambiguous (words,
 * names, domains), otherwise double-quoted with JSON escapes (a subset of YAML's double-quoted style). Digits
 * are always quoted: {@code 01001000} must stay a string. Stateless.
 */
public final class YamlText {

    private static final Pattern PLAIN = Pattern.compile("\\p{L}[\\p{L}\\p{N}._/()-]*(?: [\\p{L}\\p{N}._/()-]+)*");
    /** Words a YAML reader may take for booleans or null (YAML 1.1 readers included). */
    private static final Set<String> RESERVED = Set.of("true", "false", "null", "yes", "no", "on", "off", "y", "n", "~");

    private YamlText() {
    }

    public static String scalar(String value) {
        if (PLAIN.matcher(value).matches() && !RESERVED.contains(value.toLowerCase(Locale.ROOT))) {
            return value;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                case '\r' -> quoted.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
