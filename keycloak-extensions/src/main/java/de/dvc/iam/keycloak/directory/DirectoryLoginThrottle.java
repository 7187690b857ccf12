package de.dvc.iam.keycloak.directory;

import org.keycloak.models.KeycloakSession;

import java.util.Locale;
import java.util.Map;

/**
 * Failed directory logins per (directory, login name), cluster-wide in Keycloak's single-use store: after
 * {@value #MAX_FAILURES} wrong passwords within {@value #WINDOW_SECONDS} s the name's next attempts are answered as
 * wrong without asking the directory, until the window has passed. So nobody locks an agency's accounts out through
 * DVC (an AD lockout threshold above this limit is never reached from here) and guessing stays slow. Unknown names
 * count exactly like known ones: the throttle tells nothing about which exist. The name is kept only as a hash.
 */
final class DirectoryLoginThrottle {

    static final int MAX_FAILURES = 5;
    static final long WINDOW_SECONDS = 15 * 60;

    private final KeycloakSession session;
    private final String key;

    DirectoryLoginThrottle(KeycloakSession session, String alias, String loginName) {
        this.session = session;
        this.key = "dvc.directory.failures." + alias + "." + de.dvc.iam.core.crypto.Sha256.hex(loginName.strip().toLowerCase(Locale.ROOT));
    }

    /** Whether the name has used up its attempts for now. */
    boolean exhausted() {
        return failures() >= MAX_FAILURES;
    }

    /** One more wrong password (or unknown name). */
    void failed() {
        int count = failures() + 1;
        session.singleUseObjects().put(key, WINDOW_SECONDS, Map.of("n", Integer.toString(count)));
    }

    /** A correct password: the name starts afresh. */
    void succeeded() {
        if (session.singleUseObjects().contains(key)) {
            session.singleUseObjects().remove(key);
        }
    }

    private int failures() {
        Map<String, String> notes = session.singleUseObjects().get(key);
        try {
            return notes == null ? 0 : Integer.parseInt(notes.getOrDefault("n", "0"));
        } catch (NumberFormatException e) {
            return MAX_FAILURES; // unreadable: fail closed
        }
    }
}
