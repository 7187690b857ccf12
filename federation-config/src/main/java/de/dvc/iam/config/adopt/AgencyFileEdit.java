package de.dvc.iam.config.adopt;

import de.dvc.iam.config.yaml.YamlDocument;
import de.dvc.iam.config.yaml.YamlText;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Adds one IdP and the domains it asserts to an agency file's text, leaving every other line as it is: the item goes
 * after the last one of the top-level {@code idps:} list (a new list at the end if there is none), the domains after
 * the last of {@code domains:}, in the indentation the file uses; the export's comment "Not exported: IdP alias (…)"
 * goes. Lists written in flow style ({@code [a, b]}) are refused, except an empty one. Stateless.
 */
public final class AgencyFileEdit {

    private AgencyFileEdit() {
    }

    /** One change of lines, at {@code at} (0-based) of the original text: {@code remove} lines out, {@code insert} in. */
    private record Edit(int at, int remove, List<String> insert) {
    }

    /**
     * @param text     the file's text, as {@code document} was read from it
     * @param item     the IdP as an item of {@code idps:} ({@code "  - alias: …"}, fields indented by four)
     * @param domains  domains to add to the agency's {@code domains:} (those it does not list yet)
     * @throws IllegalArgumentException if the file's lists are written so that no line can be added (the reason)
     */
    public static String addIdp(String text, YamlDocument document, String alias, String item, List<String> domains) {
        String newline = text.contains("\r\n") ? "\r\n" : "\n";
        List<String> lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
        boolean endsWithNewline = text.endsWith("\n");
        if (endsWithNewline) {
            lines.remove(lines.size() - 1);
        }
        List<Edit> edits = new ArrayList<>();
        List<String> itemLines = List.of(item.split("\n"));
        int idpsKey = keyLine(document, "idps");
        if (idpsKey < 0) {
            List<String> block = new ArrayList<>(List.of("idps:"));
            block.addAll(itemLines);
            edits.add(new Edit(afterContent(lines), 0, block));
        } else {
            edits.add(listEdit(lines, document, "idps", idpsKey, itemLines));
        }
        if (!domains.isEmpty()) {
            List<String> domainLines = domains.stream().map(d -> "  - " + YamlText.scalar(d)).toList();
            int domainsKey = keyLine(document, "domains");
            if (domainsKey < 0) {
                List<String> block = new ArrayList<>(List.of("domains:"));
                block.addAll(domainLines);
                edits.add(new Edit(idpsKey < 0 ? afterContent(lines) : idpsKey, 0, block));
            } else {
                edits.add(listEdit(lines, document, "domains", domainsKey, domainLines));
            }
        }
        Pattern stale = Pattern.compile("^\\s*# Not exported: IdP " + Pattern.quote(alias) + " \\(.*");
        for (int i = 0; i < lines.size(); i++) {
            if (stale.matcher(lines.get(i)).matches()) {
                edits.add(new Edit(i, 1, List.of()));
            }
        }
        // from the bottom up, so that each edit's line numbers are those of the original; at one line, removals first
        edits.sort(Comparator.comparingInt(Edit::at).thenComparingInt(Edit::remove).reversed());
        for (Edit edit : edits) {
            for (int i = 0; i < edit.remove(); i++) {
                lines.remove(edit.at());
            }
            lines.addAll(edit.at(), edit.insert());
        }
        return String.join(newline, lines) + (endsWithNewline || !lines.isEmpty() ? newline : "");
    }

    /** The 0-based line of the top-level key {@code name}, or -1. */
    private static int keyLine(YamlDocument document, String name) {
        return document.root().has(name) ? document.keyAt("/" + name).line() - 1 : -1;
    }

    /** Adds {@code add} (items with their dash at column 3) to the top-level list {@code name}, whose key is at line {@code key}. */
    private static Edit listEdit(List<String> lines, YamlDocument document, String name, int key, List<String> add) {
        JsonNode list = document.root().get(name);
        if (list.isNull() || list.isMissingNode() || list.isTextual() && list.asText().isEmpty()) { // "idps:" and nothing
            return new Edit(key + 1, 0, add);
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("'" + name + ":' is not a list");
        }
        int valueLine = document.at("/" + name).line() - 1;
        if (valueLine == key) { // flow style on the key's line
            if (!list.isEmpty()) {
                throw new IllegalArgumentException("'" + name + ":' is written in flow style ([…]) on line " + (key + 1)
                        + ": write it as a block list (one '- ' item per line) so that adopt can add to it");
            }
            List<String> replaced = new ArrayList<>(List.of(name + ":"));
            replaced.addAll(add);
            return new Edit(key, 1, replaced);
        }
        String first = lines.get(document.at("/" + name + "/0").line() - 1);
        int dash = first.indexOf('-');
        if (dash < 0 || !first.substring(0, dash).isBlank()) {
            throw new IllegalArgumentException("the first item of '" + name + ":' (line " + (document.at("/" + name + "/0").line())
                    + ") does not start with '- ' on its own line");
        }
        int end = blockEnd(lines, key);
        int last = key;
        for (int i = key + 1; i < end; i++) {
            if (!lines.get(i).isBlank()) {
                last = i;
            }
        }
        return new Edit(last + 1, 0, add.stream().map(l -> shift(l, dash - 2)).toList());
    }

    /** The first line after the top-level key at {@code key} that is not part of its value (a line at column 1 other than a '- ' item). */
    private static int blockEnd(List<String> lines, int key) {
        int i = key + 1;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (!line.isBlank() && !line.startsWith(" ") && !line.startsWith("\t") && !line.startsWith("- ") && !line.equals("-")) {
                break;
            }
            i++;
        }
        return i;
    }

    /** After the file's last line that is neither blank nor a comment: trailing comments stay trailing. */
    private static int afterContent(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i).strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                return i + 1;
            }
        }
        return lines.size();
    }

    private static String shift(String line, int by) {
        if (by >= 0) {
            return " ".repeat(by) + line;
        }
        return line.substring(Math.min(-by, line.length() - line.stripLeading().length()));
    }
}
