package de.dvc.iam.core.directory;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import de.dvc.iam.core.profile.RoleSyntax;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which directory groups give which DVC role, as the agency registered it: only listed groups count, so a token
 * carries the roles the agency chose to assert, not its whole group structure. A group is named by its DN
 * ({@code CN=GG-Bauamt,OU=Gruppen,DC=musterhausen,DC=example}, compared as DNs are, RFC 4517 section 4.2.15) or by
 * its common name alone ({@code GG-Bauamt}, compared ignoring case, for directories whose OUs move).
 *
 * <p>Read from {@code memberOf} (Active Directory; OpenLDAP with the memberof overlay): direct memberships only,
 * no nested groups, so a login costs one search.
 *
 * <p>Immutable and thread-safe.
 */
public final class GroupRoles {

    private static final int MAX_ROLE_LENGTH = 200;

    private final Map<DN, String> byDn;
    private final Map<String, String> byCommonName;

    private GroupRoles(Map<DN, String> byDn, Map<String, String> byCommonName) {
        this.byDn = byDn;
        this.byCommonName = byCommonName;
    }

    /** No group gives a role. */
    public static GroupRoles none() {
        return new GroupRoles(Map.of(), Map.of());
    }

    /**
     * @param groupToRole group DN or common name → DVC role name
     * @throws IllegalArgumentException naming the entry that is wrong
     */
    public static GroupRoles of(Map<String, String> groupToRole) {
        Map<DN, String> byDn = new LinkedHashMap<>();
        Map<String, String> byName = new LinkedHashMap<>();
        groupToRole.forEach((group, role) -> {
            if (group == null || group.isBlank() || role == null || role.isBlank() || role.strip().length() > MAX_ROLE_LENGTH) {
                throw new IllegalArgumentException("Group '" + group + "': give a group DN or common name and a role name of 1 to "
                        + MAX_ROLE_LENGTH + " characters.");
            }
            if (group.contains("=")) {
                try {
                    byDn.put(new DN(group.strip()), role.strip());
                } catch (LDAPException e) {
                    throw new IllegalArgumentException("'" + group.strip() + "' is not a valid group DN (RFC 4514), e.g."
                            + " CN=GG-Bauamt,OU=Gruppen,DC=agency,DC=example; or give the group's common name alone.");
                }
            } else {
                byName.put(group.strip().toLowerCase(Locale.ROOT), role.strip());
            }
        });
        return new GroupRoles(Map.copyOf(byDn), Map.copyOf(byName));
    }

    public boolean isEmpty() {
        return byDn.isEmpty() && byCommonName.isEmpty();
    }

    /** The roles of a user who is a member of {@code groupDns}, in membership order, without repeats; unlisted groups give none. */
    public List<String> roles(List<String> groupDns) {
        List<String> roles = new ArrayList<>();
        for (String value : groupDns) {
            DN group;
            try {
                group = new DN(value);
            } catch (LDAPException e) {
                continue; // a value that is no DN names no group we can recognise
            }
            String role = byDn.get(group);
            if (role == null) {
                role = commonName(group).map(cn -> byCommonName.get(cn.toLowerCase(Locale.ROOT))).orElse(null);
            }
            if (role != null && !roles.contains(role)) {
                roles.add(role);
            }
            if (roles.size() == RoleSyntax.MAX_ROLES) {
                break;
            }
        }
        return roles;
    }

    private static java.util.Optional<String> commonName(DN group) {
        RDN first = group.getRDN();
        if (first == null || first.getAttributeNames().length != 1 || !first.hasAttribute("cn")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(first.getAttributeValues()[0]);
    }
}
