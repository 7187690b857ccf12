package de.dvc.iam.core.directory;

import java.util.Objects;

/**
 * Who a directory user is for DVC: the directory's registration and the entry's stable id — Active Directory's
 * {@code objectGUID} or the {@code entryUUID} of RFC 4530, both assigned once by the directory and kept across
 * renames and moves. Never the login name or email, which are reassigned (DESIGN.md: identities are keyed by IdP
 * and subject, never linked by email).
 *
 * @param directory the directory's registration alias in DVC
 * @param id        the entry's id as a lower-case canonical UUID string
 */
public record DirectorySubject(String directory, String id) {

    public DirectorySubject {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(id, "id");
    }
}
