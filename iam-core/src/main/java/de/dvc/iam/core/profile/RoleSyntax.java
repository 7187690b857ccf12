package de.dvc.iam.core.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How an IdP writes roles into attribute values. A value that does not parse is dropped: an
 * unreadable role grants nothing.
 */
public enum RoleSyntax {
    /** Each value is one role name (OIDC {@code roles}, ADFS role claims, eduPersonEntitlement). */
    PLAIN,
    /**
     * PVP-ROLES (Portalverbundprotokoll 2.x): {@code Rolle1(Param=Wert,Param=Wert2);Rolle2}; a value
     * may hold several roles separated by {@code ;}, a parameter may repeat.
     */
    PVP,
    /** Group DNs (Active Directory {@code memberOf}): the role is the value of the first RDN, e.g. CN. */
    LDAP_DN;

    /**
     * At most this many roles per login, from all role attributes together: a token is no place for a
     * directory dump.
     */
    public static final int MAX_ROLES = 100;
    static final int MAX_ROLE_LENGTH = 200;

    List<Role> parse(List<String> values) {
        List<Role> roles = new ArrayList<>();
        for (String value : values) {
            for (String part : split(value)) {
                parseOne(part).filter(r -> r.name().length() <= MAX_ROLE_LENGTH)
                        .filter(r -> !roles.contains(r))
                        .ifPresent(roles::add);
                if (roles.size() == MAX_ROLES) {
                    return roles;
                }
            }
        }
        return roles;
    }

    private List<String> split(String value) {
        if (this != PVP) {
            return List.of(value);
        }
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ';' && depth == 0) {
                parts.add(value.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(value.substring(start));
        return parts;
    }

    private Optional<Role> parseOne(String raw) {
        String value = raw.trim();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return switch (this) {
            case PLAIN -> Optional.of(Role.named(value));
            case LDAP_DN -> firstRdnValue(value).map(Role::named);
            case PVP -> pvpRole(value);
        };
    }

    private static Optional<String> firstRdnValue(String dn) {
        int eq = dn.indexOf('=');
        if (eq <= 0) {
            return Optional.of(dn);
        }
        StringBuilder out = new StringBuilder();
        for (int i = eq + 1; i < dn.length(); i++) {
            char c = dn.charAt(i);
            if (c == '\\' && i + 1 < dn.length()) {
                out.append(dn.charAt(++i));
            } else if (c == ',' || c == '+') {
                break;
            } else {
                out.append(c);
            }
        }
        String name = out.toString().trim();
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }

    private static Optional<Role> pvpRole(String value) {
        int open = value.indexOf('(');
        if (open < 0) {
            return value.contains(")") ? Optional.empty() : Optional.of(Role.named(value));
        }
        if (!value.endsWith(")") || open == 0) {
            return Optional.empty();
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        String inner = value.substring(open + 1, value.length() - 1);
        for (String param : inner.split(",")) {
            if (param.isBlank()) {
                continue;
            }
            int eq = param.indexOf('=');
            if (eq <= 0) {
                return Optional.empty();
            }
            params.computeIfAbsent(param.substring(0, eq).trim(), k -> new ArrayList<>())
                    .add(param.substring(eq + 1).trim());
        }
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        params.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return Optional.of(new Role(value.substring(0, open).trim(), frozen));
    }
}
