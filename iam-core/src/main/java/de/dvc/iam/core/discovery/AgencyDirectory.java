package de.dvc.iam.core.discovery;

import de.dvc.iam.core.agency.Agency;
import de.dvc.iam.core.agency.AgencyLevel;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The searchable directory of all agencies of the federation (Behördenverzeichnis): by name, part
 * of a name, place, usual short name ("BMI") or official key (AGS 8 digits, district key 5 digits,
 * ARS 12 digits), with German-aware matching ({@link SearchText}) and the best matches first.
 *
 * <p>Immutable and thread-safe once built; building is O(total words), searching touches only the
 * agencies that contain every significant query word. A federation of 12,000 agencies is searched
 * in well under a millisecond (see {@code bench/}).
 */
public final class AgencyDirectory {

    /** Queries longer than this are cut: no agency name needs more, and work stays bounded. */
    public static final int MAX_QUERY_LENGTH = 100;

    private static final Pattern KEY = Pattern.compile("\\d{2,12}");
    private static final Map<String, String> STATE_NAMES = Map.ofEntries(
            Map.entry("DE-BW", "Baden-Württemberg"), Map.entry("DE-BY", "Bayern"), Map.entry("DE-BE", "Berlin"),
            Map.entry("DE-BB", "Brandenburg"), Map.entry("DE-HB", "Bremen"), Map.entry("DE-HH", "Hamburg"),
            Map.entry("DE-HE", "Hessen"), Map.entry("DE-MV", "Mecklenburg-Vorpommern"), Map.entry("DE-NI", "Niedersachsen"),
            Map.entry("DE-NW", "Nordrhein-Westfalen"), Map.entry("DE-RP", "Rheinland-Pfalz"), Map.entry("DE-SL", "Saarland"),
            Map.entry("DE-SN", "Sachsen"), Map.entry("DE-ST", "Sachsen-Anhalt"), Map.entry("DE-SH", "Schleswig-Holstein"),
            Map.entry("DE-TH", "Thüringen"));

    private final List<AgencyListing> listings;
    private final List<Entry> entries;
    private final NavigableMap<String, int[]> postings;
    private final Map<String, AgencyListing> byIdp;

    private AgencyDirectory(List<AgencyListing> listings) {
        this(listings, null);
    }

    /** @param known entries already computed for listings (by identity), reused instead of analysing names again */
    private AgencyDirectory(List<AgencyListing> listings, Map<AgencyListing, Entry> known) {
        this.listings = List.copyOf(listings);
        this.entries = new ArrayList<>(listings.size());
        Map<String, List<Integer>> words = new HashMap<>();
        Map<String, AgencyListing> idps = new HashMap<>();
        for (int i = 0; i < this.listings.size(); i++) {
            AgencyListing listing = this.listings.get(i);
            Entry entry = known == null ? null : known.get(listing);
            if (entry == null) {
                entry = Entry.of(listing.agency());
            }
            entries.add(entry);
            for (String word : entry.searchable) {
                words.computeIfAbsent(word, w -> new ArrayList<>()).add(i);
            }
            listing.idps().forEach(alias -> idps.putIfAbsent(alias, listing));
        }
        TreeMap<String, int[]> index = new TreeMap<>();
        words.forEach((word, ids) -> index.put(word, ids.stream().mapToInt(Integer::intValue).toArray()));
        this.postings = index;
        this.byIdp = Map.copyOf(idps);
    }

    public static AgencyDirectory of(Collection<AgencyListing> listings) {
        return new AgencyDirectory(new ArrayList<>(listings));
    }

    public int size() {
        return listings.size();
    }

    /**
     * This directory with the agencies {@code agencyIds} replaced by {@code fresh} (an agency without a fresh listing
     * leaves the directory; a fresh one not listed before joins): what a change to a few agencies or IdPs needs, without
     * reading or analysing the other agencies again.
     */
    public AgencyDirectory replacing(Set<String> agencyIds, Collection<AgencyListing> fresh) {
        Set<String> gone = new HashSet<>(agencyIds);
        fresh.forEach(listing -> gone.add(listing.agency().id()));
        List<AgencyListing> next = new ArrayList<>(listings.size() + fresh.size());
        Map<AgencyListing, Entry> known = new java.util.IdentityHashMap<>();
        for (int i = 0; i < listings.size(); i++) {
            if (!gone.contains(listings.get(i).agency().id())) {
                next.add(listings.get(i));
                known.put(listings.get(i), entries.get(i));
            }
        }
        next.addAll(fresh);
        return new AgencyDirectory(next, known);
    }

    /** Every listing, in the order the directory holds them. */
    public List<AgencyListing> listings() {
        return listings;
    }

    /** The listing that offers IdP {@code alias}, or null. */
    public AgencyListing byIdp(String alias) {
        return alias == null ? null : byIdp.get(alias);
    }

    /** At most {@code limit} agencies matching {@code query}, best first; empty for a blank query. */
    public List<AgencyListing> search(String query, int limit) {
        if (query == null || query.isBlank() || limit <= 0) {
            return List.of();
        }
        String bounded = query.length() > MAX_QUERY_LENGTH ? query.substring(0, MAX_QUERY_LENGTH) : query;
        String compact = bounded.replaceAll("\\s+", "");
        List<Scored> scored = KEY.matcher(compact).matches() ? byKey(compact) : byWords(SearchText.words(bounded));
        return scored.stream()
                .sorted(Comparator.comparingDouble(Scored::score).reversed()
                        .thenComparing(s -> listings.get(s.index).agency().name()))
                .limit(limit)
                .map(s -> listings.get(s.index))
                .toList();
    }

    private List<Scored> byKey(String key) {
        List<Scored> found = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Agency agency = listings.get(i).agency();
            String ags = agency.ags().orElse("");
            String ars = agency.ars().orElse("");
            if (ags.equals(key) || ars.equals(key)) {
                found.add(new Scored(i, 1000));
            } else if (ags.startsWith(key) || ars.startsWith(key)) {
                // a district key finds the district first, then its municipalities
                found.add(new Scored(i, 500 - Math.max(ags.length(), ars.length())));
            }
        }
        return found;
    }

    private List<Scored> byWords(List<String> words) {
        List<String> strong = words.stream().filter(w -> !SearchText.isDesignator(w)).toList();
        List<String> weak = words.stream().filter(SearchText::isDesignator).toList();
        if (strong.isEmpty()) {
            strong = words;
            weak = List.of();
        }
        if (strong.isEmpty()) {
            return List.of();
        }
        BitSet candidates = null;
        for (String word : strong) {
            BitSet matching = new BitSet(entries.size());
            for (int[] ids : postings.subMap(word, true, word + Character.MAX_VALUE, false).values()) {
                for (int id : ids) {
                    matching.set(id);
                }
            }
            if (candidates == null) {
                candidates = matching;
            } else {
                candidates.and(matching);
            }
            if (candidates.isEmpty()) {
                return List.of();
            }
        }
        List<Scored> found = new ArrayList<>();
        for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
            found.add(new Scored(i, entries.get(i).score(strong, weak, listings.get(i).agency().level())));
        }
        return found;
    }

    private record Scored(int index, double score) {
    }

    /** What is searched of one agency. */
    private static final class Entry {
        private final Set<String> nameWords;
        private final Set<String> searchable;
        private final String firstWord;
        private final String firstPlainWord;
        private final boolean startsWithPlace;
        private final String shortName;
        private final int length;

        private Entry(Set<String> nameWords, Set<String> searchable, String firstWord, String firstPlainWord,
                      boolean startsWithPlace, String shortName, int length) {
            this.nameWords = nameWords;
            this.searchable = searchable;
            this.firstWord = firstWord;
            this.firstPlainWord = firstPlainWord;
            this.startsWithPlace = startsWithPlace;
            this.shortName = shortName;
            this.length = length;
        }

        static Entry of(Agency agency) {
            Set<String> nameWords = SearchText.indexWords(agency.name());
            Set<String> searchable = new HashSet<>(nameWords);
            String shortName = agency.shortName().map(s -> String.join("", SearchText.words(s))).orElse("");
            if (!shortName.isEmpty()) {
                searchable.add(shortName);
                searchable.addAll(SearchText.indexWords(agency.shortName().get()));
            }
            agency.state().map(STATE_NAMES::get).ifPresent(state -> searchable.addAll(SearchText.indexWords(state)));
            List<String> words = SearchText.words(agency.name());
            String first = words.stream().filter(w -> !SearchText.isDesignator(w)).findFirst().orElse("");
            int firstIndex = words.indexOf(first);
            List<String> plain = SearchText.plainWords(agency.name());
            String firstPlain = firstIndex >= 0 && firstIndex < plain.size() ? plain.get(firstIndex) : first;
            return new Entry(nameWords, searchable, first, firstPlain, firstIndex == 0, shortName, words.size());
        }

        /**
         * Ranking: a short name typed in full beats everything ("BMI"); whole words beat prefixes;
         * a name that starts with the first query word beats one that only contains it; matching
         * designators ("Landkreis München" vs "München, Stadt") break ties; federal and state
         * agencies come before municipalities of the same name; shorter names before longer ones.
         */
        double score(List<String> strong, List<String> weak, AgencyLevel level) {
            double score = 0;
            for (String word : strong) {
                if (word.equals(shortName)) {
                    score += 20;
                } else if (nameWords.contains(word)) {
                    score += 3;
                } else if (searchable.contains(word)) {
                    score += 2;
                } else {
                    score += 1;
                }
            }
            String lead = strong.get(0);
            if (firstWord.startsWith(lead) || firstPlainWord.startsWith(lead)) {
                score += firstWord.equals(lead) || firstPlainWord.equals(lead) ? 2.5 : 2;
                if (startsWithPlace) {
                    score += 0.5; // "München, Landeshauptstadt" before "Landkreis München"
                }
            }
            for (String word : weak) {
                if (nameWords.contains(word)) {
                    score += 1.5;
                }
            }
            score += switch (level) {
                case FEDERAL -> 1;
                case STATE -> 0.5;
                default -> 0;
            };
            return score - length * 0.05;
        }
    }
}
