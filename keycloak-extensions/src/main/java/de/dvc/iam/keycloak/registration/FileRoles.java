package de.dvc.iam.keycloak.registration;

import de.dvc.iam.core.roles.RoleHolders;
import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;

/**
 * The role holders the federation files name for a realm (realm attribute {@value RoleHolders#REALM_ATTRIBUTE}, written
 * by {@code dvc-config apply}), decoded once per distinct text. A text that does not decode gives nobody a role (fail
 * closed) and is logged. Thread-safe.
 */
final class FileRoles {

    private static final Logger LOG = Logger.getLogger(FileRoles.class);

    /** The last text decoded and its holders: the attribute changes only with an apply. */
    private record Decoded(String text, RoleHolders holders) {
    }

    private static volatile Decoded last = new Decoded("", RoleHolders.NONE);

    private FileRoles() {
    }

    static RoleHolders of(RealmModel realm) {
        String text = realm.getAttribute(RoleHolders.REALM_ATTRIBUTE);
        if (text == null || text.isBlank()) {
            return RoleHolders.NONE;
        }
        Decoded decoded = last;
        if (text.equals(decoded.text())) {
            return decoded.holders();
        }
        RoleHolders holders;
        try {
            holders = RoleHolders.decode(text);
        } catch (IllegalArgumentException e) {
            LOG.warnf("Realm %s: the role holders of the federation files (attribute %s) cannot be read (%s): nobody holds a role "
                    + "through them until dvc-config apply writes them again.", realm.getName(), RoleHolders.REALM_ATTRIBUTE, e.getMessage());
            holders = RoleHolders.NONE;
        }
        last = new Decoded(text, holders);
        return holders;
    }
}
