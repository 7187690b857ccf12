package de.dvc.iam.config.keycloak;

import de.dvc.iam.config.model.IdpSpec;
import de.dvc.iam.core.assurance.AssuranceLevel;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An IdP's attribute profile, overrides, maximum assurance and acr table as the settings of its
 * {@code dvc-agency-profile} mapper (keycloak-extensions {@code AgencyProfileConfig}: {@code profile},
 * {@code profile.overrides}, {@code assurance.max}, {@code assurance.table}, the last two as text, one
 * {@code key = value} per line). Stateless.
 */
final class ProfileMapping {

    static final String PROFILE = "profile";
    static final String OVERRIDES = "profile.overrides";
    static final String MAX = "assurance.max";
    static final String TABLE = "assurance.table";

    /** What the mapper says; defaults as the server reads a missing setting (AgencyProfileConfig, IdpAssurance). */
    record Profile(String profile, Map<String, List<String>> overrides, AssuranceLevel max, Map<String, AssuranceLevel> table) {
        /** An IdP without the mapper: no profile (the server refuses its logins); an update adds it. */
        static final Profile MISSING = new Profile("", Map.of(), AssuranceLevel.NORMAL, Map.of());
    }

    private ProfileMapping() {
    }

    /** The mapper for {@code spec} (maximum and table explicit), with {@code id} for an update. */
    static IdentityProviderMapperRepresentation mapper(IdpSpec spec, Optional<String> id) {
        IdentityProviderMapperRepresentation mapper = new IdentityProviderMapperRepresentation();
        id.ifPresent(mapper::setId);
        mapper.setName(Managed.PROFILE_MAPPER_NAME);
        mapper.setIdentityProviderAlias(spec.alias());
        mapper.setIdentityProviderMapper(Managed.PROFILE_MAPPER);
        Map<String, String> config = new HashMap<>();
        config.put(PROFILE, spec.profile());
        config.put(OVERRIDES, spec.profileOverridesText().strip());
        config.put(MAX, spec.maxAssurance().orElse(AssuranceLevel.NORMAL).code());
        config.put(TABLE, spec.acrTable().orElse(Map.of()).entrySet().stream()
                .map(e -> e.getKey() + " = " + e.getValue().code()).collect(Collectors.joining("\n")));
        config.put("syncMode", "FORCE");
        mapper.setConfig(config);
        return mapper;
    }

    /** The profile mapper among an IdP's mappers. */
    static Optional<IdentityProviderMapperRepresentation> find(List<IdentityProviderMapperRepresentation> mappers) {
        return mappers.stream().filter(m -> Managed.PROFILE_MAPPER.equals(m.getIdentityProviderMapper())).findFirst();
    }

    /** @throws IllegalArgumentException if a setting cannot be read (the server would refuse logins too) */
    static Profile read(Optional<IdentityProviderMapperRepresentation> mapper) {
        if (mapper.isEmpty()) {
            return Profile.MISSING;
        }
        Map<String, String> config = mapper.get().getConfig() == null ? Map.of() : mapper.get().getConfig();
        String max = config.get(MAX);
        return new Profile(config.getOrDefault(PROFILE, "oidc"), overrides(config.get(OVERRIDES)),
                max == null || max.isBlank() ? AssuranceLevel.NORMAL : AssuranceLevel.parse(max), table(config.get(TABLE)));
    }

    private static Map<String, List<String>> overrides(String text) {
        Map<String, List<String>> overrides = new LinkedHashMap<>();
        for (String line : lines(text, true)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                overrides.put(line.substring(0, eq).strip(), Arrays.stream(line.substring(eq + 1).split(","))
                        .map(String::strip).filter(v -> !v.isEmpty()).toList());
            }
        }
        return overrides;
    }

    private static Map<String, AssuranceLevel> table(String text) {
        Map<String, AssuranceLevel> table = new LinkedHashMap<>();
        for (String line : lines(text, false)) {
            int eq = line.lastIndexOf('=');
            if (eq > 0) {
                table.put(line.substring(0, eq).strip(), AssuranceLevel.parse(line.substring(eq + 1)));
            }
        }
        return table;
    }

    /** @param comments whether {@code #} starts a comment anywhere (overrides) or only a whole line (acr table) */
    private static List<String> lines(String text, boolean comments) {
        return text == null ? List.of() : Arrays.stream(text.split("\\R"))
                .map(l -> comments ? l.replaceFirst("#.*$", "").strip() : l.strip())
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }
}
