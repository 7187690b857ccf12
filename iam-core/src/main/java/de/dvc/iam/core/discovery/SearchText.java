package de.dvc.iam.core.discovery;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * German-aware normalization of agency names and search queries.
 *
 * <p>Case is folded; ä/ö/ü are written ae/oe/ue and ß ss (DIN 5007-2, the way names are typed on
 * keyboards without umlauts); every other diacritic is dropped; hyphens, dots, commas and slashes
 * separate words. An indexed word also keeps its "plain vowel" spelling (München → munchen), since
 * users who cannot type ü often type u. Designators such as "Stadt", "Gemeinde" or "Landkreis" are
 * marked as weak words: a query need not contain them, but they rank matches that do.
 *
 * <p>Stateless and thread-safe.
 */
public final class SearchText {

    /** Words that say what kind of body an agency is, not which one (official name suffixes included). */
    private static final Set<String> DESIGNATORS = Set.of(
            "stadt", "st", "gemeinde", "gem", "landkreis", "kreis", "lkr", "markt", "flecken", "amt",
            "hansestadt", "landeshauptstadt", "kreisstadt", "kreisfreie", "grosse", "universitaetsstadt",
            "hochschulstadt", "samtgemeinde", "verbandsgemeinde", "verbandsfreie", "ortsgemeinde",
            "einheitsgemeinde", "stadtverwaltung", "gemeindeverwaltung", "kreisverwaltung", "bezirksamt",
            "des", "der", "die", "das", "und", "fuer", "im", "in", "am", "an", "a", "b", "d", "i", "v", "bei");

    private static final Pattern SEPARATORS = Pattern.compile("[^a-z0-9]+");
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");

    private SearchText() {
    }

    /** Folded words of {@code text}, in order; umlauts written ae/oe/ue. */
    public static List<String> words(String text) {
        if (text == null) {
            return List.of();
        }
        String folded = fold(text, true);
        List<String> words = new ArrayList<>();
        for (String word : SEPARATORS.split(folded)) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    /**
     * The words under which an agency name is indexed: its words in both umlaut spellings, and for
     * hyphenated names (Baden-Baden, Castrop-Rauxel) also the joined word.
     */
    public static Set<String> indexWords(String text) {
        Set<String> words = new LinkedHashSet<>(words(text));
        words.addAll(wordsOf(fold(text, false)));
        for (String part : text.split("[\\s,/()]+")) {
            if (part.indexOf('-') > 0) {
                String joined = String.join("", wordsOf(fold(part, true)));
                if (!joined.isEmpty()) {
                    words.add(joined);
                }
            }
        }
        return words;
    }

    /** Like {@link #words(String)}, with umlauts written as plain vowels (München → munchen). */
    public static List<String> plainWords(String text) {
        return text == null ? List.of() : wordsOf(fold(text, false));
    }

    public static boolean isDesignator(String word) {
        return DESIGNATORS.contains(word);
    }

    private static List<String> wordsOf(String folded) {
        List<String> words = new ArrayList<>();
        for (String word : SEPARATORS.split(folded)) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    private static String fold(String text, boolean umlautsAsDigraphs) {
        String lower = text.toLowerCase(Locale.GERMAN);
        String umlauts = umlautsAsDigraphs
                ? lower.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
                : lower.replace("ä", "a").replace("ö", "o").replace("ü", "u");
        String sharpS = umlauts.replace("ß", "ss").replace("ẞ", "ss");
        return COMBINING_MARKS.matcher(Normalizer.normalize(sharpS, Normalizer.Form.NFD)).replaceAll("");
    }
}
