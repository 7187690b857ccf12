package de.dvc.iam.core.registration;

import java.net.IDN;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an internationalized domain looks like to a reader: its "skeleton" in the sense of Unicode
 * TR 39 section 4, with a small table of the Cyrillic, Greek, Armenian and Latin letters that are
 * drawn like ASCII ones ({@code bmі.bund.de} with a Cyrillic {@code і} has the skeleton
 * {@code bmi.bund.de}). The table is deliberately short and covers the letters an attacker needs
 * for German agency domains; it is no full TR 39 implementation (that needs ICU, which the server
 * does not ship).
 *
 * <p>Stateless and thread-safe.
 */
final class DomainSkeleton {

    /** Lookalike, then the ASCII letter it is drawn as; lower case only (IDNA lower-cases labels). */
    private static final String[] LOOKALIKES = {
            // Cyrillic
            "аa", "сc", "ԁd", "еe", "ҽe", "һh", "іi", "ӏl", "јj", "кk", "оo", "рp", "ԛq", "ѕs", "уy", "үy", "хx",
            "ԝw", "ѡw", "ѵv",
            // Greek
            "αa", "εe", "ηn", "ιi", "κk", "νv", "οo", "ρp", "υu", "χx", "ϲc", "ϳj", "γy", "ωw",
            // Armenian
            "օo", "սu", "հh", "ցg",
            // Latin letters outside ASCII without a diacritic that tells them apart
            "ıi", "ɑa", "ɡg", "ɩi", "ĸk", "ȷj"};
    private static final Map<Integer, Integer> ASCII_OF = new HashMap<>();

    static {
        for (String pair : LOOKALIKES) {
            ASCII_OF.put(pair.codePointAt(0), pair.codePointAt(pair.offsetByCodePoints(0, 1)));
        }
    }

    private DomainSkeleton() {
    }

    /** The skeleton of a lower-case ASCII (IDNA) domain: each label decoded, lookalikes replaced. */
    static String of(String asciiDomain) {
        if (!asciiDomain.contains("xn--")) {
            return asciiDomain;
        }
        StringBuilder skeleton = new StringBuilder();
        for (String label : asciiDomain.split("\\.")) {
            skeleton.append(skeleton.length() == 0 ? "" : ".").append(ofLabel(IDN.toUnicode(label)));
        }
        return skeleton.toString();
    }

    /** Whether a decoded label uses letters of more than one script (digits and hyphens belong to none). */
    static boolean mixesScripts(String unicodeLabel) {
        Set<Character.UnicodeScript> scripts = EnumSet.noneOf(Character.UnicodeScript.class);
        unicodeLabel.codePoints().mapToObj(Character.UnicodeScript::of)
                .filter(s -> s != Character.UnicodeScript.COMMON && s != Character.UnicodeScript.INHERITED)
                .forEach(scripts::add);
        return scripts.size() > 1;
    }

    /** The ASCII label a decoded non-ASCII label is drawn like, if every letter of it has an ASCII twin. */
    static Optional<String> asciiLookalike(String unicodeLabel) {
        String skeleton = ofLabel(unicodeLabel);
        boolean ascii = skeleton.chars().allMatch(c -> c < 0x80);
        return ascii && !skeleton.equals(unicodeLabel) ? Optional.of(skeleton) : Optional.empty();
    }

    /** Combining marks are dropped: IDNA leaves only those without a precomposed letter, e.g. a dot on {@code ı}. */
    private static String ofLabel(String unicodeLabel) {
        StringBuilder out = new StringBuilder();
        unicodeLabel.codePoints().filter(c -> Character.getType(c) != Character.NON_SPACING_MARK)
                .forEach(c -> out.appendCodePoint(ASCII_OF.getOrDefault(c, c)));
        return out.toString();
    }
}
