package de.dvc.iam.core.registration;

import java.time.Duration;
import java.util.Optional;

/**
 * The metadata refresh of one realm as the federation files set it ({@code refresh} of settings.yaml):
 * {@code dvc-config apply} writes it, {@linkplain #encode() encoded}, into the realm attribute {@value #REALM_ATTRIBUTE};
 * the server reads it at each refresh of a registration of that realm. Without it the server options rule
 * ({@code refresh-seconds}, {@code key-change-needs-approval} of the dvc-registrations resource). The two combine so
 * that the stricter holds: a signing key change waits for an operator if either says so, and rounds run at the server's
 * interval, so a realm's registration is refreshed at most once a round. Immutable.
 *
 * @param intervalSeconds        time between two refreshes of one registration; 0: none of the realm's are fetched
 * @param keyChangeNeedsApproval a new signing key waits for an operator's approval
 */
public record RefreshPolicy(long intervalSeconds, boolean keyChangeNeedsApproval) {

    /** The realm attribute that holds it. */
    public static final String REALM_ATTRIBUTE = "dvc.refresh";
    /** The longest interval: a week. */
    public static final long MAX_SECONDS = 604_800;

    private static final String INTERVAL = "interval-seconds=";
    private static final String APPROVAL = "key-change-needs-approval=";

    public RefreshPolicy {
        if (intervalSeconds < 0 || intervalSeconds > MAX_SECONDS) {
            throw new IllegalArgumentException("The refresh interval is 0 (off) to " + MAX_SECONDS + " seconds, not " + intervalSeconds);
        }
    }

    /** Whether the realm's registrations are not fetched at all. */
    public boolean off() {
        return intervalSeconds == 0;
    }

    /** The interval; empty when the refresh is off. */
    public Optional<Duration> interval() {
        return off() ? Optional.empty() : Optional.of(Duration.ofSeconds(intervalSeconds));
    }

    /**
     * How a realm's registrations are refreshed, the files' policy and the server's options taken together.
     *
     * @param interval               time between two refreshes of one registration
     * @param off                    the scheduled rounds fetch none of the realm's registrations
     * @param keyChangeNeedsApproval a new signing key waits for an operator
     * @param unreadable             why the realm's policy text did not decode (then key changes are held), if it did not
     */
    public record Effective(Duration interval, boolean off, boolean keyChangeNeedsApproval, Optional<String> unreadable) {

        /**
         * Whether a registration's document is fetched again: only from an https:// source, only SAML metadata and OIDC
         * discovery (a directory has none), and while the realm's refresh is off only when someone asks for it
         * ({@code forced}, the API). What is not fetched still has its certificates watched.
         *
         * @param protocol the IdP's provider id ({@code saml}, {@code oidc}, {@code dvc-ldap})
         */
        public boolean fetches(String source, String protocol, boolean forced) {
            return source != null && source.startsWith("https://") && ("saml".equals(protocol) || "oidc".equals(protocol))
                    && (forced || !off);
        }

        /** Whether a signing key change found now is held: the federation wants approval and no operator accepted it. */
        public boolean holdsKeyChange(boolean accepted) {
            return keyChangeNeedsApproval && !accepted;
        }
    }

    /**
     * The refresh of a realm whose attribute {@value #REALM_ATTRIBUTE} holds {@code text} (null or blank: none), under
     * the server options {@code serverInterval} and {@code serverApproval}: the stricter holds (a key change waits if
     * either says so); the files' interval replaces the server's; a text that does not decode holds key changes (fail
     * closed) at the server's interval.
     */
    public static Effective effective(String text, Duration serverInterval, boolean serverApproval) {
        if (text == null || text.isBlank()) {
            return new Effective(serverInterval, false, serverApproval, Optional.empty());
        }
        try {
            RefreshPolicy files = decode(text);
            return new Effective(files.interval().orElse(serverInterval), files.off(), serverApproval || files.keyChangeNeedsApproval(),
                    Optional.empty());
        } catch (IllegalArgumentException e) {
            return new Effective(serverInterval, false, true, Optional.of(e.getMessage()));
        }
    }

    /** {@code interval-seconds=N;key-change-needs-approval=true|false}: the same policy always gives the same text. */
    public String encode() {
        return INTERVAL + intervalSeconds + ";" + APPROVAL + keyChangeNeedsApproval;
    }

    /**
     * @throws IllegalArgumentException if {@code text} is not what {@link #encode()} writes
     */
    public static RefreshPolicy decode(String text) {
        String[] parts = text == null ? new String[0] : text.strip().split(";", -1);
        if (parts.length != 2 || !parts[0].startsWith(INTERVAL) || !parts[1].startsWith(APPROVAL)) {
            throw new IllegalArgumentException("not a refresh policy (interval-seconds=N;key-change-needs-approval=true|false)");
        }
        String approval = parts[1].substring(APPROVAL.length());
        if (!approval.equals("true") && !approval.equals("false")) {
            throw new IllegalArgumentException("key-change-needs-approval is true or false, not '" + approval + "'");
        }
        long seconds;
        try {
            seconds = Long.parseLong(parts[0].substring(INTERVAL.length()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("interval-seconds is a whole number");
        }
        return new RefreshPolicy(seconds, Boolean.parseBoolean(approval));
    }
}
