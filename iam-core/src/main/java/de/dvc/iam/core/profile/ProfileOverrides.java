package de.dvc.iam.core.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adjusts a built-in profile for one IdP, from text an agency admin writes, one setting per line:
 * <pre>
 * org_unit.code = urn:oid:1.2.3.4, ouCode     # read these IdP attributes instead
 * required = given_name, family_name, email, org_unit.code
 * roles.syntax = pvp
 * </pre>
 * Blank lines and {@code #} comments are ignored. Any error names its line; nothing is applied then.
 */
public final class ProfileOverrides {

    private ProfileOverrides() {
    }

    /**
     * @throws IllegalArgumentException with the line number and what is wrong
     */
    public static AttributeProfile apply(AttributeProfile base, String text) {
        if (text == null || text.isBlank()) {
            return base;
        }
        Map<ContractAttribute, List<String>> sources = new EnumMap<>(ContractAttribute.class);
        sources.putAll(base.sources());
        Set<ContractAttribute> required = base.required().isEmpty()
                ? EnumSet.noneOf(ContractAttribute.class) : EnumSet.copyOf(base.required());
        RoleSyntax syntax = base.roleSyntax();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replaceFirst("#.*$", "").trim();
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw error(i, "expected 'attribute = idp-attribute, ...', got '" + line + "'");
            }
            String key = line.substring(0, eq).trim();
            List<String> values = Arrays.stream(line.substring(eq + 1).split(","))
                    .map(String::trim).filter(v -> !v.isEmpty()).toList();
            try {
                switch (key) {
                    case "required" -> {
                        required.clear();
                        values.forEach(v -> required.add(ContractAttribute.fromKey(v)));
                    }
                    case "roles.syntax" -> syntax = roleSyntax(values);
                    default -> sources.put(ContractAttribute.fromKey(key), new ArrayList<>(values));
                }
            } catch (IllegalArgumentException e) {
                throw error(i, e.getMessage());
            }
        }
        try {
            return new AttributeProfile(base.name(), sources, required, syntax, base.emailVerifiedClaim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Profile overrides: " + e.getMessage());
        }
    }

    private static RoleSyntax roleSyntax(List<String> values) {
        if (values.size() == 1) {
            switch (values.get(0)) {
                case "plain": return RoleSyntax.PLAIN;
                case "pvp": return RoleSyntax.PVP;
                case "ldap-dn": return RoleSyntax.LDAP_DN;
                default: break;
            }
        }
        throw new IllegalArgumentException("roles.syntax must be one of plain, pvp, ldap-dn.");
    }

    private static IllegalArgumentException error(int index, String message) {
        return new IllegalArgumentException("Profile overrides, line " + (index + 1) + ": " + message);
    }
}
