package de.dvc.iam.core.directory;

import de.dvc.iam.core.profile.AttributeProfile;
import de.dvc.iam.core.profile.AttributeProfiles;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The kind of directory an agency runs: which attribute is the entry's stable id, which attributes a login reads,
 * which login attributes make sense, and which contract profile maps them (docs/claims.md).
 */
public enum DirectoryProfile {
    /**
     * Microsoft Active Directory: {@code objectGUID} (16 bytes, never changes, survives renames and moves between
     * OUs) is the subject; account state from {@code userAccountControl} and friends ([MS-ADTS] 2.2.16).
     */
    ACTIVE_DIRECTORY("active-directory", "objectGUID", AttributeProfiles.LDAP_AD,
            Set.of(LoginAttribute.USER_PRINCIPAL_NAME, LoginAttribute.MAIL, LoginAttribute.SAM_ACCOUNT_NAME),
            List.of("sAMAccountName", "userPrincipalName", "mail", "givenName", "sn", "displayName", "department",
                    "departmentNumber", "memberOf"),
            List.of("userAccountControl", "msDS-User-Account-Control-Computed", "lockoutTime", "pwdLastSet", "accountExpires")),
    /**
     * inetOrgPerson (RFC 2798), e.g. OpenLDAP: {@code entryUUID} (RFC 4530) is the subject; roles from
     * {@code memberOf} (OpenLDAP's memberof overlay); account state from the password policy control.
     */
    INET_ORG_PERSON("inet-org-person", "entryUUID", AttributeProfiles.LDAP_INET_ORG_PERSON,
            Set.of(LoginAttribute.MAIL, LoginAttribute.UID),
            List.of("uid", "mail", "givenName", "sn", "displayName", "ou", "departmentNumber", "memberOf"),
            List.of());

    private final String code;
    private final String subjectAttribute;
    private final AttributeProfile contract;
    private final Set<LoginAttribute> loginAttributes;
    private final List<String> personAttributes;
    private final List<String> stateAttributes;

    DirectoryProfile(String code, String subjectAttribute, AttributeProfile contract, Set<LoginAttribute> loginAttributes,
                     List<String> personAttributes, List<String> stateAttributes) {
        this.code = code;
        this.subjectAttribute = subjectAttribute;
        this.contract = contract;
        this.loginAttributes = loginAttributes;
        this.personAttributes = personAttributes;
        this.stateAttributes = stateAttributes;
    }

    /** The name in settings, e.g. {@code active-directory}. */
    public String code() {
        return code;
    }

    /** The attribute holding the entry's stable, never reassigned id. */
    public String subjectAttribute() {
        return subjectAttribute;
    }

    /** How the person's attributes become the DVC identity contract; adjust per directory with {@code ProfileOverrides}. */
    public AttributeProfile contractProfile() {
        return contract;
    }

    public boolean accepts(LoginAttribute attribute) {
        return loginAttributes.contains(attribute);
    }

    /** The attributes copied into the login's asserted attributes. */
    List<String> personAttributes() {
        return personAttributes;
    }

    /** Every attribute a login search asks for, by name: never "all attributes", so a directory cannot flood us. */
    List<String> requestedAttributes() {
        List<String> all = new java.util.ArrayList<>();
        all.add(subjectAttribute);
        all.addAll(personAttributes);
        all.addAll(stateAttributes);
        return List.copyOf(all);
    }

    /**
     * @throws IllegalArgumentException naming the known profiles
     */
    public static DirectoryProfile named(String code) {
        String wanted = code == null ? "" : code.trim().toLowerCase(Locale.ROOT);
        for (DirectoryProfile profile : values()) {
            if (profile.code.equals(wanted)) {
                return profile;
            }
        }
        throw new IllegalArgumentException("Unknown directory profile '" + code + "': use active-directory or inet-org-person.");
    }
}
