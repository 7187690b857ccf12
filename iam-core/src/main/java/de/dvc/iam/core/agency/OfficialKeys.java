package de.dvc.iam.core.agency;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks an agency's official keys for what they say, not only for their format: the Amtlicher
 * Gemeindeschlüssel (AGS) and Amtlicher Regionalschlüssel (ARS) of Destatis' Gemeindeverzeichnis, and the
 * Leitweg-ID of e-invoicing (KoSIT, Leitweg-ID-Formatspezifikation 2.0), against each other and against the
 * agency's state and level:
 * <ul>
 *   <li>an AGS (8 digits: municipality, 5: district) starts with the code of its Land ({@link Land}), which
 *       must be the agency's state; AGS and ARS belong to municipalities and districts (level
 *       {@code municipal});</li>
 *   <li>the ARS of a municipality is the AGS's first 5 digits, the 4-digit Verbandsschlüssel, then the
 *       AGS's last 3 digits ({@code 01051001} → {@code 01051 5175 001});</li>
 *   <li>a Leitweg-ID ({@link LeitwegId}) has a valid structure and check digits, its Land code is the
 *       agency's state, or 99 for federal agencies, and its Grobadressierung agrees with AGS and ARS;</li>
 *   <li>federal agencies lie in no state; state and municipal agencies in one.</li>
 * </ul>
 * The checks are plain functions of the keys; the fixture import ({@link AgencyCsv}), the federation files
 * and the registration API run the same ones. Stateless and thread-safe.
 */
public final class OfficialKeys {

    /** The field a violation is about, for callers that point at it (a CSV column, a YAML key). */
    public enum Field { LEVEL, STATE, AGS, ARS, LEITWEG_ID }

    /**
     * One rule an agency's keys break.
     *
     * @param field    the field to point at
     * @param code     stable code, e.g. {@code ags_state_mismatch}
     * @param message  what is wrong
     * @param expected what would be right
     */
    public record Violation(Field field, String code, String message, String expected) {
        public Violation {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(expected, "expected");
        }

        /** "message Expected: expected" for one-line reports. */
        public String text() {
            return message + " Expected: " + expected + ".";
        }
    }

    private OfficialKeys() {
    }

    /** The keys of {@code agency} (it has no Leitweg-ID field). */
    public static List<Violation> check(Agency agency) {
        return check(agency.level(), agency.state(), agency.ags(), agency.ars(), Optional.empty());
    }

    /**
     * @param state ISO 3166-2:DE code such as {@code DE-BE}, or empty
     * @return every violation, in the order level/state, AGS, ARS, Leitweg-ID; empty if the keys agree
     */
    public static List<Violation> check(AgencyLevel level, Optional<String> state, Optional<String> ags,
                                        Optional<String> ars, Optional<String> leitwegId) {
        Objects.requireNonNull(level, "level");
        List<Violation> violations = new ArrayList<>();
        Optional<Land> land = state.flatMap(Land::ofState);
        placement(level, state, land, violations);
        ags.ifPresent(key -> AgsRules.ags(key, level, state, land, violations));
        ars.ifPresent(key -> AgsRules.ars(key, ags, level, state, land, violations));
        leitwegId.ifPresent(id -> LeitwegId.check(id, level, land, ags, ars, violations));
        return violations;
    }

    /** Federal agencies lie in no state; state and municipal agencies in one that exists. */
    private static void placement(AgencyLevel level, Optional<String> state, Optional<Land> land, List<Violation> out) {
        if (state.isPresent() && land.isEmpty()) {
            out.add(new Violation(Field.STATE, "state_unknown", "The state '" + state.get() + "' is no German Land.",
                    "an ISO 3166-2:DE code of a Land, e.g. DE-BE (" + Land.codes() + ")"));
        }
        if (level == AgencyLevel.FEDERAL && state.isPresent()) {
            out.add(new Violation(Field.STATE, "federal_with_state", "A federal agency lies in no state, but "
                    + "this one has state " + state.get() + ".", "no state for level federal, or level state or municipal"));
        }
        if ((level == AgencyLevel.STATE || level == AgencyLevel.MUNICIPAL) && state.isEmpty()) {
            out.add(new Violation(Field.STATE, "state_missing", "A " + level.code() + " agency lies in a Land, but "
                    + "this one has no state.", "the ISO 3166-2:DE code of its Land, e.g. DE-BE"));
        }
    }
}
