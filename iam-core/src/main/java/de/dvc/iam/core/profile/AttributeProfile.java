package de.dvc.iam.core.profile;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How one kind of agency IdP (ADFS, Entra ID, Shibboleth, PVP, plain OIDC, Active Directory)
 * writes a person into its assertion, and which of it the federation requires. For each contract
 * attribute the profile lists the IdP attribute names to look at, in order; the first one present
 * wins.
 *
 * <p>Immutable and thread-safe. Built-in profiles are in {@link AttributeProfiles}; a profile is
 * adjusted per IdP with {@link ProfileOverrides}.
 *
 * @param name                the profile name as configured on an IdP, e.g. {@code "adfs"}
 * @param sources             contract attribute to IdP attribute names, in priority order
 * @param required            attributes without which a login is refused
 * @param roleSyntax          how role values are written
 * @param emailVerifiedClaim  if not null, an email counts only if this attribute is {@code true}
 *                            (OIDC {@code email_verified}); SAML and directory profiles leave it null
 *                            because the agency's signed assertion is its statement
 */
public record AttributeProfile(String name, Map<ContractAttribute, List<String>> sources,
                               Set<ContractAttribute> required, RoleSyntax roleSyntax, String emailVerifiedClaim) {

    public AttributeProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(roleSyntax, "roleSyntax");
        EnumMap<ContractAttribute, List<String>> copy = new EnumMap<>(ContractAttribute.class);
        sources.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        sources = java.util.Collections.unmodifiableMap(copy);
        required = required.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(EnumSet.copyOf(required));
        for (ContractAttribute attribute : required) {
            if (sources.getOrDefault(attribute, List.of()).isEmpty()) {
                throw new IllegalArgumentException("Profile '" + name + "' requires " + attribute.key()
                        + " but names no IdP attribute for it.");
            }
        }
    }

    /** The IdP attribute names read for {@code attribute}, in order. */
    public List<String> sourcesOf(ContractAttribute attribute) {
        return sources.getOrDefault(attribute, List.of());
    }

    /** Applies the profile to one login's assertion. */
    public ProfileOutcome apply(AssertedAttributes asserted) {
        String email = first(asserted, ContractAttribute.EMAIL).map(AttributeProfile::lower).orElse(null);
        boolean emailUnverified = email != null && emailVerifiedClaim != null
                && !asserted.first(emailVerifiedClaim).map("true"::equalsIgnoreCase).orElse(false);
        if (emailUnverified) {
            email = null;
        }
        String upn = first(asserted, ContractAttribute.UPN).map(AttributeProfile::lower).orElse(null);
        String unitName = first(asserted, ContractAttribute.ORG_UNIT_NAME).orElse(null);
        String unitCode = first(asserted, ContractAttribute.ORG_UNIT_CODE).orElse(null);
        // One parse over the values of all sources, so the cap (RoleSyntax.MAX_ROLES) is per login, not per source.
        List<String> roleValues = new ArrayList<>();
        sourcesOf(ContractAttribute.ROLES).forEach(source -> roleValues.addAll(asserted.all(source)));
        List<Role> roles = roleSyntax.parse(roleValues);
        Map<ContractAttribute, Boolean> present = new EnumMap<>(ContractAttribute.class);
        present.put(ContractAttribute.GIVEN_NAME, first(asserted, ContractAttribute.GIVEN_NAME).isPresent());
        present.put(ContractAttribute.FAMILY_NAME, first(asserted, ContractAttribute.FAMILY_NAME).isPresent());
        present.put(ContractAttribute.EMAIL, email != null);
        present.put(ContractAttribute.UPN, upn != null);
        present.put(ContractAttribute.ORG_UNIT_NAME, unitName != null);
        present.put(ContractAttribute.ORG_UNIT_CODE, unitCode != null);
        present.put(ContractAttribute.ROLES, !roles.isEmpty());

        List<ContractAttribute> missing = new ArrayList<>();
        List<String> hints = new ArrayList<>();
        for (ContractAttribute attribute : ContractAttribute.values()) {
            if (required.contains(attribute) && !present.get(attribute)) {
                missing.add(attribute);
                String hint = attribute.key() + " (" + String.join(" or ", sourcesOf(attribute)) + ")";
                if (attribute == ContractAttribute.EMAIL && emailUnverified) {
                    hint += " with " + emailVerifiedClaim + "=true";
                }
                hints.add(hint);
            }
        }
        if (!missing.isEmpty()) {
            return new ProfileOutcome.Missing(missing, hints);
        }
        OrgUnit unit = unitName == null && unitCode == null ? null : new OrgUnit(unitName, unitCode);
        return new ProfileOutcome.Accepted(new AssertedIdentity(
                first(asserted, ContractAttribute.GIVEN_NAME).orElse(""),
                first(asserted, ContractAttribute.FAMILY_NAME).orElse(""),
                email, upn, unit, roles));
    }

    private Optional<String> first(AssertedAttributes asserted, ContractAttribute attribute) {
        for (String source : sourcesOf(attribute)) {
            Optional<String> value = asserted.first(source);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    private static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
