package de.dvc.iam.core.directory;

import com.unboundid.ldap.sdk.Entry;
import de.dvc.iam.core.profile.AssertedAttributes;
import de.dvc.iam.core.profile.AttributeProfiles;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Reads a directory entry into a {@link DirectoryAccount}: the stable subject, the person's attributes, the mapped roles. */
final class EntryMapping {

    private EntryMapping() {
    }

    /**
     * @throws IllegalArgumentException if the entry has no readable stable id (the service account may lack read
     *                                  access to it); the message names the attribute
     */
    static DirectoryAccount account(String directory, DirectoryProfile profile, GroupRoles groupRoles, Entry entry) {
        AssertedAttributes.Builder attributes = AssertedAttributes.builder();
        for (String name : profile.personAttributes()) {
            String[] values = entry.getAttributeValues(name);
            if (values != null) {
                // A hostile directory's values are bounded before they reach sessions and tokens: a few, short, printable.
                Arrays.stream(values).filter(EntryMapping::acceptable).limit(MAX_VALUES).forEach(value -> attributes.add(name, value));
            }
        }
        String[] groups = entry.getAttributeValues("memberOf");
        groupRoles.roles(groups == null ? List.of() : List.of(groups))
                .forEach(role -> attributes.add(AttributeProfiles.DIRECTORY_ROLES, role));
        return new DirectoryAccount(new DirectorySubject(directory, subject(profile, entry)), entry.getDN(), attributes.build());
    }

    /** Values per person attribute that DVC reads (memberOf is only matched against the group mapping, not copied). */
    static final int MAX_VALUES = 10;
    /** Characters of one value: names, mail (RFC 5321: 254) and department names fit. */
    static final int MAX_VALUE_LENGTH = 256;

    static boolean acceptable(String value) {
        return value != null && value.length() <= MAX_VALUE_LENGTH && value.codePoints().noneMatch(c -> Character.isISOControl(c)
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069));
    }

    static String subject(DirectoryProfile profile, Entry entry) {
        String attribute = profile.subjectAttribute();
        if (profile == DirectoryProfile.ACTIVE_DIRECTORY) {
            byte[] guid = entry.getAttributeValueBytes(attribute);
            if (guid == null) {
                throw new IllegalArgumentException("the entry has no objectGUID readable by the service account");
            }
            return ObjectGuid.canonical(guid);
        }
        String uuid = entry.getAttributeValue(attribute);
        if (uuid == null) {
            throw new IllegalArgumentException("the entry has no entryUUID (RFC 4530) readable by the service account");
        }
        try {
            return UUID.fromString(uuid.strip()).toString().toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the entry's entryUUID is not a UUID");
        }
    }
}
