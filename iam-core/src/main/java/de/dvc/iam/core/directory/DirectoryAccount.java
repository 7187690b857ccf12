package de.dvc.iam.core.directory;

import de.dvc.iam.core.profile.AssertedAttributes;
import de.dvc.iam.core.profile.ProfileOutcome;

import java.util.Objects;

/**
 * A directory user whose password the directory accepted: the stable subject and what the directory says about the
 * person, named as the directory names it, with the registration's group mapping already applied under
 * {@link de.dvc.iam.core.profile.AttributeProfiles#DIRECTORY_ROLES}. The contract attributes come from applying the
 * directory's profile ({@link #contract(de.dvc.iam.core.profile.AttributeProfile)}), exactly as for a SAML or OIDC
 * login's assertion.
 *
 * @param subject    who the user is, stably
 * @param dn         the entry's DN at login time (changes on rename; for logs and support, never as a key)
 * @param attributes the person's attributes as read
 */
public record DirectoryAccount(DirectorySubject subject, String dn, AssertedAttributes attributes) {

    public DirectoryAccount {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(dn, "dn");
        Objects.requireNonNull(attributes, "attributes");
    }

    /** The attributes through {@code profile}: usually {@code settings.profile().contractProfile()} with the directory's overrides. */
    public ProfileOutcome contract(de.dvc.iam.core.profile.AttributeProfile profile) {
        return profile.apply(attributes);
    }

    /** Without personal data: the DN and attributes name the person. */
    @Override
    public String toString() {
        return "DirectoryAccount[" + subject + "]";
    }
}
