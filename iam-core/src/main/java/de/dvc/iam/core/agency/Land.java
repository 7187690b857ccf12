package de.dvc.iam.core.agency;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The 16 Länder with the two-digit code that opens their AGS, ARS and Leitweg-IDs (Destatis
 * Gemeindeverzeichnis: 01 Schleswig-Holstein … 16 Thüringen) and their ISO 3166-2:DE code, the form of
 * an agency's {@code state}.
 */
public enum Land {
    SH("01", "DE-SH", "Schleswig-Holstein"),
    HH("02", "DE-HH", "Hamburg"),
    NI("03", "DE-NI", "Niedersachsen"),
    HB("04", "DE-HB", "Bremen"),
    NW("05", "DE-NW", "Nordrhein-Westfalen"),
    HE("06", "DE-HE", "Hessen"),
    RP("07", "DE-RP", "Rheinland-Pfalz"),
    BW("08", "DE-BW", "Baden-Württemberg"),
    BY("09", "DE-BY", "Bayern"),
    SL("10", "DE-SL", "Saarland"),
    BE("11", "DE-BE", "Berlin"),
    BB("12", "DE-BB", "Brandenburg"),
    MV("13", "DE-MV", "Mecklenburg-Vorpommern"),
    SN("14", "DE-SN", "Sachsen"),
    ST("15", "DE-ST", "Sachsen-Anhalt"),
    TH("16", "DE-TH", "Thüringen");

    private final String code;
    private final String state;
    private final String displayName;

    Land(String code, String state, String displayName) {
        this.code = code;
        this.state = state;
        this.displayName = displayName;
    }

    /** The two-digit code, e.g. {@code "01"}. */
    public String code() {
        return code;
    }

    /** The ISO 3166-2:DE code, e.g. {@code "DE-SH"}. */
    public String state() {
        return state;
    }

    public String displayName() {
        return displayName;
    }

    /** The Land of a two-digit code, e.g. {@code "11"} → Berlin. */
    public static Optional<Land> ofCode(String code) {
        return Arrays.stream(values()).filter(l -> l.code.equals(code)).findFirst();
    }

    /** The Land of an ISO 3166-2:DE code, e.g. {@code "DE-BE"} → Berlin. */
    public static Optional<Land> ofState(String state) {
        return Arrays.stream(values()).filter(l -> l.state.equals(state)).findFirst();
    }

    /** "01 DE-SH, 02 DE-HH, …" for messages. */
    static String codes() {
        return Arrays.stream(values()).map(l -> l.code + " " + l.state).collect(Collectors.joining(", "));
    }

    /** "Berlin (11, DE-BE)" for messages. */
    public String label() {
        return displayName + " (" + code + ", " + state + ")";
    }
}
