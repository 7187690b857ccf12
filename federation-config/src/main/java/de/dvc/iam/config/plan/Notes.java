package de.dvc.iam.config.plan;

import de.dvc.iam.config.state.Desired;
import de.dvc.iam.config.state.ObjectKind;

import java.util.ArrayList;
import java.util.List;

/** What a reviewer should know about a change beyond its fields: consequences for users and services. Stateless. */
final class Notes {

    private Notes() {
    }

    static List<String> update(Desired desired, List<FieldChange> fields) {
        List<String> notes = new ArrayList<>();
        for (FieldChange field : fields) {
            switch (field.field()) {
                case "agency" -> notes.add("moves to agency '" + field.after() + "': its link to '" + field.before() + "' ends");
                case "sector" -> notes.add("a new sector changes the pairwise sub of every user of this service");
                case "lifecycle" -> {
                    if (!"active".equals(field.after())) {
                        notes.add("no longer active: it is disabled, logins through it are refused and its users' sessions end "
                                + "(listener dvc-sessions-ending)");
                    }
                }
                case "domains" -> {
                    if (desired.kind() == ObjectKind.IDP) {
                        notes.add("users of other domains can no longer log in through it (domain binding)");
                    }
                }
                case "directory.url", "directory.baseDn" -> notes.add("logins are checked by what " + field.field().substring(10)
                        + " names now: users are keyed by their objectGUID / entryUUID, so people of another directory are new DVC users");
                case "directory.profile" -> notes.add("another kind of directory: the stable subject is read from another attribute, "
                        + "so its users log in as new DVC users");
                default -> {
                    // no consequence beyond the field itself
                }
            }
        }
        return notes;
    }

    /** Keycloak deletes more than the object (JpaOrganizationProvider.remove, IdentityProvider removal). */
    static List<String> delete(ObjectKind kind) {
        return switch (kind) {
            case AGENCY -> List.of("Keycloak removes the organization's members with it (managed members are deleted) and unlinks its IdPs");
            case IDP -> List.of("Keycloak removes its users' links to it: they cannot log in through it again, another IdP makes new users");
            case SERVICE -> List.of("its sessions and consents end");
            case SETTINGS -> List.of("nobody holds a role through the files any more (at their next call of the registration API); "
                    + "the server options decide the metadata refresh again");
        };
    }

    static List<String> rename(ObjectKind kind, String from, String to) {
        return switch (kind) {
            case AGENCY -> List.of("an agency id cannot change in place: '" + from + "' is deleted (Keycloak removes its members "
                    + "with it) and '" + to + "' created");
            case IDP -> List.of("an IdP alias cannot change in place: users who logged in through '" + from
                    + "' are keyed by it and log in through '" + to + "' as new users");
            case SERVICE -> List.of("a client id cannot change in place: sessions of '" + from + "' end; the pairwise sub "
                    + "stays (same sector)");
            case SETTINGS -> List.of();
        };
    }
}
