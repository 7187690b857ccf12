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
                Arrays.stream(values).forEach(value -> attributes.add(name, value));
            }
        }
        String[] groups = entry.getAttributeValues("memberOf");
        groupRoles.roles(groups == null ? List.of() : List.of(groups))
                .forEach(role -> attributes.add(AttributeProfiles.DIRECTORY_ROLES, role));
        return new DirectoryAccount(new DirectorySubject(directory, subject(profile, entry)), entry.getDN(), attributes.build());
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
