package de.dvc.iam.core.agency;

import de.dvc.iam.core.agency.OfficialKeys.Field;
import de.dvc.iam.core.agency.OfficialKeys.Violation;

import java.util.List;
import java.util.Optional;

/**
 * AGS and ARS (Destatis, Gemeindeverzeichnis GV100AD): the AGS is Land (2) + Regierungsbezirk (1) + Kreis (2)
 * + Gemeinde (3) digits, a district's key its first 5; the ARS of a municipality puts the 4-digit key of its
 * Gemeindeverband between Kreis and Gemeinde. Stateless.
 */
final class AgsRules {

    private AgsRules() {
    }

    static void ags(String ags, AgencyLevel level, Optional<String> state, Optional<Land> land, List<Violation> out) {
        if (!ags.matches("\\d{5}|\\d{8}")) {
            out.add(new Violation(Field.AGS, "ags_format", "The AGS '" + ags + "' is not 8 digits (municipality) "
                    + "or 5 digits (district).", "e.g. 01001000 (Flensburg) or 01051 (Kreis Dithmarschen)"));
            return;
        }
        keyOfMunicipality(Field.AGS, "AGS", level, out);
        inLand(Field.AGS, "AGS", ags, state, land, out);
    }

    static void ars(String ars, Optional<String> ags, AgencyLevel level, Optional<String> state, Optional<Land> land,
                    List<Violation> out) {
        if (!ars.matches("\\d{12}")) {
            out.add(new Violation(Field.ARS, "ars_format", "The ARS '" + ars + "' is not 12 digits.",
                    "e.g. 010515175001 (Albersdorf)"));
            return;
        }
        if (ags.isEmpty()) {
            out.add(new Violation(Field.ARS, "ars_without_ags", "The agency has an ARS but no AGS.",
                    "also the AGS, which is the ARS without its Verbandsschlüssel (digits 6 to 9): "
                            + ars.substring(0, 5) + ars.substring(9)));
        } else if (ags.get().length() == 5 && ags.get().matches("\\d{5}")) {
            out.add(new Violation(Field.ARS, "ars_of_district", "A 12-digit ARS names a municipality, but the AGS '"
                    + ags.get() + "' is a district's.", "no ARS for a district, or the 8-digit AGS of the municipality"));
        } else if (ags.get().matches("\\d{8}") && !agrees(ars, ags.get())) {
            String a = ags.get();
            out.add(new Violation(Field.ARS, "ars_ags_mismatch", "The ARS '" + ars + "' does not belong to the AGS '" + a
                    + "': an ARS is the AGS's first 5 digits, the 4-digit Verbandsschlüssel and the AGS's last 3 digits.",
                    "an ARS of the form " + a.substring(0, 5) + "vvvv" + a.substring(5) + ", e.g. " + a.substring(0, 5)
                            + "0000" + a.substring(5) + " for a municipality outside a Gemeindeverband"));
        }
        if (ags.isEmpty()) {
            keyOfMunicipality(Field.ARS, "ARS", level, out); // with an AGS, its check says it once
        }
        if (ags.isEmpty() || !ags.get().startsWith(ars.substring(0, 2))) {
            inLand(Field.ARS, "ARS", ars, state, land, out); // with an agreeing AGS, its message says it all
        }
    }

    /** ARS = AGS[0..5] + Verbandsschlüssel + AGS[5..8]. */
    static boolean agrees(String ars, String ags) {
        return ars.substring(0, 5).equals(ags.substring(0, 5)) && ars.substring(9).equals(ags.substring(5));
    }

    private static void keyOfMunicipality(Field field, String name, AgencyLevel level, List<Violation> out) {
        if (level != AgencyLevel.MUNICIPAL) {
            out.add(new Violation(Field.LEVEL, field == Field.AGS ? "ags_level_mismatch" : "ars_level_mismatch",
                    "An " + name + " identifies a municipality or district, but the agency's level is " + level.code() + ".",
                    "level municipal, or no " + name));
        }
    }

    private static void inLand(Field field, String name, String key, Optional<String> state, Optional<Land> land,
                               List<Violation> out) {
        Optional<Land> keyLand = Land.ofCode(key.substring(0, 2));
        String prefix = field == Field.AGS ? "ags" : "ars";
        if (keyLand.isEmpty()) {
            out.add(new Violation(field, prefix + "_land_unknown", "The " + name + " '" + key + "' starts with "
                    + key.substring(0, 2) + ", which is no Land.", "a key starting with a Land code: " + Land.codes()));
        } else if (state.isEmpty()) {
            out.add(new Violation(Field.STATE, prefix + "_state_missing", "The " + name + " '" + key + "' lies in "
                    + keyLand.get().label() + ", but the agency has no state.", "state " + keyLand.get().state()));
        } else if (land.isPresent() && keyLand.get() != land.get()) {
            out.add(new Violation(field, prefix + "_state_mismatch", "The " + name + " '" + key + "' lies in "
                    + keyLand.get().label() + ", but the agency's state is " + land.get().label() + ".",
                    "a key starting with " + land.get().code() + " for " + land.get().state() + ", or state "
                            + keyLand.get().state()));
        }
    }
}
