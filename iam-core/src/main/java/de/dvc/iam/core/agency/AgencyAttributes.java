package de.dvc.iam.core.agency;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How an {@link Agency} is kept as the attributes of a Keycloak organization: the organization's
 * alias is the agency id, its name the agency name, and the remaining fields are multi-valued
 * attributes under the {@code dvc.} prefix (Keycloak organizations store {@code Map<String, List<String>>}).
 */
public final class AgencyAttributes {

    /**
     * The official name. Keycloak requires organization names to be unique in a realm, agency names
     * are not (eleven municipalities are called Neuenkirchen): the organization name may carry the
     * agency id to tell them apart ({@link #organizationName}), this attribute keeps the official name.
     */
    public static final String NAME = "dvc.name";
    public static final String SHORT_NAME = "dvc.short-name";
    public static final String LEVEL = "dvc.level";
    public static final String STATE = "dvc.state";
    public static final String AGS = "dvc.ags";
    public static final String ARS = "dvc.ars";
    /** The Leitweg-ID (XRechnung address) of the agency, where known. */
    public static final String LEITWEG_ID = "dvc.leitweg-id";

    private AgencyAttributes() {
    }

    /** The attributes that describe {@code agency}, besides alias and name. */
    public static Map<String, List<String>> toAttributes(Agency agency) {
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        attributes.put(NAME, List.of(agency.name()));
        attributes.put(LEVEL, List.of(agency.level().code()));
        agency.shortName().ifPresent(v -> attributes.put(SHORT_NAME, List.of(v)));
        agency.state().ifPresent(v -> attributes.put(STATE, List.of(v)));
        agency.ags().ifPresent(v -> attributes.put(AGS, List.of(v)));
        agency.ars().ifPresent(v -> attributes.put(ARS, List.of(v)));
        return attributes;
    }

    /**
     * The name of the agency's organization: its official name, or, where another agency of the
     * realm already has that name, the official name followed by the agency id in parentheses.
     */
    public static String organizationName(Agency agency, boolean nameTaken) {
        return nameTaken ? agency.name() + " (" + agency.id() + ")" : agency.name();
    }

    /**
     * Reads an agency back from an organization's alias, name and attributes.
     *
     * @throws IllegalArgumentException if the organization does not describe a valid agency,
     *                                  with a message that names the field
     */
    public static Agency fromAttributes(String alias, String name, Map<String, List<String>> attributes) {
        Map<String, List<String>> attrs = attributes == null ? Map.of() : attributes;
        String level = first(attrs, LEVEL).orElseThrow(() -> new IllegalArgumentException(
                "Organization '" + alias + "' is not a DVC agency: attribute " + LEVEL + " is missing."));
        return new Agency(alias, first(attrs, NAME).orElse(name), first(attrs, SHORT_NAME), AgencyLevel.fromCode(level),
                first(attrs, STATE), first(attrs, AGS), first(attrs, ARS));
    }

    private static Optional<String> first(Map<String, List<String>> attrs, String key) {
        List<String> values = attrs.get(key);
        return values == null ? Optional.empty() : values.stream().filter(v -> v != null && !v.isBlank()).findFirst();
    }
}
