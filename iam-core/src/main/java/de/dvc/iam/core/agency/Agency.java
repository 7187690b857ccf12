package de.dvc.iam.core.agency;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An agency (Behörde/Organisation) of the federation.
 *
 * <p>Immutable. {@code id}, {@code name} and {@code level} are never null; {@code state},
 * {@code ags} and {@code ars} are optional and never empty strings.
 *
 * @param id    stable identifier, lower-case letters, digits and hyphens, e.g. {@code berlin-senfin}
 * @param name  official name, e.g. "Senatsverwaltung für Finanzen Berlin"
 * @param level administrative level
 * @param state ISO 3166-2:DE code such as {@code DE-BE}; absent for federal agencies
 * @param ags   Amtlicher Gemeindeschlüssel (8 digits) of a municipality
 * @param ars   Amtlicher Regionalschlüssel (12 digits) of a municipality
 */
public record Agency(String id, String name, AgencyLevel level, Optional<String> state,
                     Optional<String> ags, Optional<String> ars) {

    private static final Pattern ID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");
    private static final Pattern STATE = Pattern.compile("DE-(BW|BY|BE|BB|HB|HH|HE|MV|NI|NW|RP|SL|SN|ST|SH|TH)");
    private static final Pattern AGS = Pattern.compile("\\d{8}");
    private static final Pattern ARS = Pattern.compile("\\d{12}");

    public Agency {
        Objects.requireNonNull(level, "level");
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Agency id '" + id + "' is invalid: use 1 to 64 lower-case"
                    + " letters, digits and inner hyphens, e.g. 'berlin-senfin'.");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Agency '" + id + "' has no name.");
        }
        state = checked(state, STATE, id, "state", "an ISO 3166-2:DE code such as DE-BE");
        ags = checked(ags, AGS, id, "AGS", "8 digits");
        ars = checked(ars, ARS, id, "ARS", "12 digits");
    }

    /** An agency without official keys. */
    public static Agency of(String id, String name, AgencyLevel level, String state) {
        return new Agency(id, name, level, Optional.ofNullable(state), Optional.empty(), Optional.empty());
    }

    private static Optional<String> checked(Optional<String> value, Pattern pattern, String id,
                                            String what, String expected) {
        Optional<String> present = Objects.requireNonNullElse(value, Optional.<String>empty())
                .map(String::trim).filter(v -> !v.isEmpty());
        present.ifPresent(v -> {
            if (!pattern.matcher(v).matches()) {
                throw new IllegalArgumentException(
                        "Agency '" + id + "' has " + what + " '" + v + "': expected " + expected + ".");
            }
        });
        return present;
    }
}
