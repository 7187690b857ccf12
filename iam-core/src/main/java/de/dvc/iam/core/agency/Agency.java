package de.dvc.iam.core.agency;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An agency (Behörde/Organisation) of the federation.
 *
 * <p>Immutable. {@code id}, {@code name} and {@code level} are never null; the optional fields
 * are never null and never hold blank strings. Build one with {@link #builder(String, String, AgencyLevel)}.
 *
 * @param id        stable identifier, lower-case letters, digits and hyphens, e.g. {@code berlin-senfin}
 * @param name      official name, e.g. "Senatsverwaltung für Finanzen Berlin"
 * @param shortName usual short name (Kurzbezeichnung), e.g. "BMI"
 * @param level     administrative level
 * @param state     ISO 3166-2:DE code such as {@code DE-BE}; absent for federal agencies
 * @param ags       Amtlicher Gemeindeschlüssel: 8 digits for a municipality, 5 digits (Kreisschlüssel) for a district
 * @param ars       Amtlicher Regionalschlüssel (12 digits) of a municipality
 */
public record Agency(String id, String name, Optional<String> shortName, AgencyLevel level, Optional<String> state,
                     Optional<String> ags, Optional<String> ars) {

    private static final Pattern ID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");
    private static final Pattern STATE = Pattern.compile("DE-(BW|BY|BE|BB|HB|HH|HE|MV|NI|NW|RP|SL|SN|ST|SH|TH)");
    private static final Pattern AGS = Pattern.compile("\\d{5}|\\d{8}");
    private static final Pattern ARS = Pattern.compile("\\d{12}");
    private static final Pattern SHORT_NAME = Pattern.compile("\\S.{0,31}");

    public Agency {
        Objects.requireNonNull(level, "level");
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Agency id '" + id + "' is invalid: use 1 to 64 lower-case"
                    + " letters, digits and inner hyphens, e.g. 'berlin-senfin'.");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Agency '" + id + "' has no name.");
        }
        name = name.trim();
        shortName = checked(shortName, SHORT_NAME, id, "short name", "at most 32 characters");
        state = checked(state, STATE, id, "state", "an ISO 3166-2:DE code such as DE-BE");
        ags = checked(ags, AGS, id, "AGS", "8 digits (municipality) or 5 digits (district)");
        ars = checked(ars, ARS, id, "ARS", "12 digits");
    }

    /** An agency without short name and official keys. */
    public static Agency of(String id, String name, AgencyLevel level, String state) {
        return builder(id, name, level).state(state).build();
    }

    public static Builder builder(String id, String name, AgencyLevel level) {
        return new Builder(id, name, level);
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

    /** Builds an {@link Agency}; null or blank optional values mean "absent". Not thread-safe. */
    public static final class Builder {
        private final String id;
        private final String name;
        private final AgencyLevel level;
        private String shortName;
        private String state;
        private String ags;
        private String ars;

        private Builder(String id, String name, AgencyLevel level) {
            this.id = id;
            this.name = name;
            this.level = level;
        }

        public Builder shortName(String value) {
            this.shortName = value;
            return this;
        }

        public Builder state(String value) {
            this.state = value;
            return this;
        }

        public Builder ags(String value) {
            this.ags = value;
            return this;
        }

        public Builder ars(String value) {
            this.ars = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the field that is invalid */
        public Agency build() {
            return new Agency(id, name, Optional.ofNullable(shortName), level, Optional.ofNullable(state),
                    Optional.ofNullable(ags), Optional.ofNullable(ars));
        }
    }
}
