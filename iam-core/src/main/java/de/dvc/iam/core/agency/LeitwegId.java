package de.dvc.iam.core.agency;

import de.dvc.iam.core.agency.OfficialKeys.Field;
import de.dvc.iam.core.agency.OfficialKeys.Violation;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Leitweg-ID, the address of a public invoice recipient in XRechnung (KoSIT, Leitweg-ID-Formatspezifikation
 * 2.0): {@code Grobadressierung[-Feinadressierung]-Prüfziffer}, e.g. {@code 04011000-1234512345-06}.
 * <ul>
 *   <li>Grobadressierung: 2 to 12 digits. The first two are the Land (01–16) or 99 for the Bund. A Land's
 *       address continues like the regional key: Regierungsbezirk (1 digit), Kreis (2), then Gemeinde (3),
 *       Gemeindeverband (4) or both (7), so it has 2, 3, 5, 8, 9 or 12 digits. The Bund numbers its own
 *       addresses after the 99.</li>
 *   <li>Feinadressierung (optional): up to 30 digits and capital letters A–Z.</li>
 *   <li>Prüfziffer: two digits by ISO/IEC 7064 MOD 97-10 over Grob- and Feinadressierung without hyphens,
 *       each letter read as the two digits of its value (A = 10 … Z = 35): with {@code 00} appended, 98 minus
 *       the remainder by 97; equivalently, the whole number with the check digits is 1 modulo 97.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class LeitwegId {

    private static final Pattern SHAPE = Pattern.compile("(\\d{2,12})(?:-([0-9A-Z]{1,30}))?-(\\d{2})");
    private static final Set<Integer> LAND_LENGTHS = Set.of(2, 3, 5, 8, 9, 12);
    private static final String BUND = "99";
    private static final BigInteger MODULUS = BigInteger.valueOf(97);

    private LeitwegId() {
    }

    /**
     * The two check digits for a Leitweg-ID without them, e.g. {@code 06} for {@code 04011000-1234512345}.
     *
     * @throws IllegalArgumentException if {@code withoutCheckDigits} has other characters than digits, capital
     *                                  letters and hyphens
     */
    public static String checkDigits(String withoutCheckDigits) {
        StringBuilder digits = new StringBuilder();
        for (char c : withoutCheckDigits.toCharArray()) {
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c >= 'A' && c <= 'Z') {
                digits.append(c - 'A' + 10);
            } else if (c != '-') {
                throw new IllegalArgumentException("A Leitweg-ID has only digits, capital letters and hyphens, not '" + c + "'.");
            }
        }
        int remainder = new BigInteger(digits.append("00").toString()).mod(MODULUS).intValue();
        return String.format("%02d", 98 - remainder);
    }

    /** Whether {@code id} has the structure and the check digits of a Leitweg-ID (not whether it fits an agency). */
    public static boolean isValid(String id) {
        return id != null && structure(id).isEmpty();
    }

    /** Why {@code id} is no Leitweg-ID, or empty if it has the structure and check digits of one. */
    static Optional<Violation> structure(String id) {
        Matcher shape = SHAPE.matcher(id);
        if (!shape.matches()) {
            boolean lowerCase = SHAPE.matcher(id.toUpperCase(java.util.Locale.ROOT)).matches();
            return Optional.of(new Violation(Field.LEITWEG_ID, "leitweg_format", "The Leitweg-ID '" + id + "' "
                    + (lowerCase ? "has lower-case letters." : "does not have the form Grobadressierung-[Feinadressierung-]Prüfziffer."),
                    lowerCase ? "capital letters: " + id.toUpperCase(java.util.Locale.ROOT)
                            : "2 to 12 digits, optionally a hyphen and up to 30 digits or capital letters, a hyphen and "
                            + "2 check digits, e.g. 04011000-1234512345-06"));
        }
        String grob = shape.group(1);
        String land = grob.substring(0, 2);
        if (!BUND.equals(land) && Land.ofCode(land).isEmpty()) {
            return Optional.of(new Violation(Field.LEITWEG_ID, "leitweg_land_unknown", "The Leitweg-ID '" + id
                    + "' starts with " + land + ", which is neither a Land nor the Bund.", "01 to 16 (a Land) or 99 (the Bund)"));
        }
        if (!BUND.equals(land) && !LAND_LENGTHS.contains(grob.length())) {
            return Optional.of(new Violation(Field.LEITWEG_ID, "leitweg_structure", "The Grobadressierung '" + grob
                    + "' has " + grob.length() + " digits; a Land's has 2 (Land), 3 (+ Regierungsbezirk), 5 (+ Kreis), "
                    + "8 (+ Gemeinde), 9 (+ Gemeindeverband) or 12 (+ both).", "a Grobadressierung of 2, 3, 5, 8, 9 or 12 digits"));
        }
        String expected = checkDigits(id.substring(0, id.length() - 3));
        if (!expected.equals(shape.group(3))) {
            return Optional.of(new Violation(Field.LEITWEG_ID, "leitweg_check_digits", "The Leitweg-ID '" + id
                    + "' has the check digits " + shape.group(3) + ", but ISO 7064 MOD 97-10 gives " + expected
                    + " (a digit mistyped or two swapped?).", id.substring(0, id.length() - 2) + expected));
        }
        return Optional.empty();
    }

    /** Structure, check digits, and agreement with the agency's level, Land, AGS and ARS. */
    static void check(String id, AgencyLevel level, Optional<Land> land, Optional<String> ags, Optional<String> ars,
                      List<Violation> out) {
        Optional<Violation> structure = structure(id);
        if (structure.isPresent()) {
            out.add(structure.get());
            return;
        }
        String grob = id.substring(0, id.indexOf('-'));
        String code = grob.substring(0, 2);
        String wanted = level == AgencyLevel.FEDERAL ? BUND : land.map(Land::code).orElse(null);
        if (level == AgencyLevel.OTHER && BUND.equals(code)) {
            return; // public enterprises and institutions of the Bund (e.g. 992-… of Deutsche Bahn) may sit in a Land
        }
        if (wanted == null && level == AgencyLevel.OTHER) {
            out.add(new Violation(Field.LEITWEG_ID, "leitweg_state_mismatch", "The Leitweg-ID '" + id + "' is of "
                    + Land.ofCode(code).map(Land::label).orElse(code) + ", but the agency has no state.",
                    "state " + Land.ofCode(code).map(Land::state).orElse("?") + ", or a Leitweg-ID of the Bund (99)"));
        } else if (wanted != null && !wanted.equals(code)) {
            out.add(new Violation(Field.LEITWEG_ID, "leitweg_state_mismatch", "The Leitweg-ID '" + id + "' starts with "
                    + code + (BUND.equals(code) ? " (Bund)" : " (" + Land.ofCode(code).map(Land::label).orElse(code) + ")")
                    + ", but the agency is " + (level == AgencyLevel.FEDERAL ? "federal" : "in " + land.get().label()) + ".",
                    "a Leitweg-ID starting with " + wanted));
        } else if (!BUND.equals(code)) {
            regionalKey(id, grob, ags, ars).ifPresent(out::add);
        }
    }

    /** A Land's Grobadressierung is a regional key: where the agency's AGS or ARS say a digit, it must agree. */
    private static Optional<Violation> regionalKey(String id, String grob, Optional<String> ags, Optional<String> ars) {
        String known = ars.filter(a -> a.matches("\\d{12}")).orElseGet(() -> ags.filter(a -> a.matches("\\d{8}"))
                .map(a -> a.substring(0, 5) + "????" + a.substring(5))
                .orElseGet(() -> ags.filter(a -> a.matches("\\d{5}")).map(a -> a + "???????").orElse(null)));
        if (known == null) {
            return Optional.empty();
        }
        // positions of the Grobadressierung in the 12-digit regional key: 8 digits skip the Verbandsschlüssel
        String aligned = grob.length() == 8 ? grob.substring(0, 5) + "????" + grob.substring(5) : grob;
        for (int i = 0; i < aligned.length(); i++) {
            char k = known.charAt(i);
            if (aligned.charAt(i) != '?' && k != '?' && k != aligned.charAt(i)) {
                String key = ars.isPresent() ? "ARS '" + ars.get() + "'" : "AGS '" + ags.get() + "'";
                return Optional.of(new Violation(Field.LEITWEG_ID, "leitweg_key_mismatch", "The Grobadressierung '" + grob
                        + "' of the Leitweg-ID '" + id + "' does not agree with the agency's " + key + ".",
                        "a Grobadressierung taken from the agency's own keys, e.g. " + example(ags, ars)));
            }
        }
        return Optional.empty();
    }

    private static String example(Optional<String> ags, Optional<String> ars) {
        return ags.map(a -> a.length() == 8 ? a + " (its AGS)" : a + " (its district key)").orElseGet(() -> ars.get() + " (its ARS)");
    }
}
