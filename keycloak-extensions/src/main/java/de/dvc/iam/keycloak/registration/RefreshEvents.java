package de.dvc.iam.keycloak.registration;

import org.jboss.logging.Logger;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metadata refresh's events: one JSON object a line on log category {@value #CATEGORY} (docs/federation-operators.md),
 * {@code metadata_refresh} for one registration (naming its agency), {@code certificate_expiring}, and
 * {@code metadata_refresh_round} for a round. Written by Jackson (Keycloak's {@link JsonSerialization}), so a value
 * with a quote or a line break cannot break the line's JSON or forge another line. Thread-safe.
 */
final class RefreshEvents {

    static final String CATEGORY = "dvc.registration";
    private static final Logger LOG = Logger.getLogger(CATEGORY);

    private RefreshEvents() {
    }

    /** The realm's refresh policy (written by dvc-config apply) does not decode: key changes are held meanwhile. */
    static void policyUnreadable(String realm, String reason) {
        LOG.error(json("type", "metadata_refresh", "outcome", "policy_unreadable", "realm", realm, "reason", reason));
    }

    /** The first signing certificate expires within the warning time (or has expired). */
    static void certificateExpiring(String agency, String idp, Instant notAfter) {
        LOG.warn(json("type", "certificate_expiring", "agency", agency, "idp", idp, "notAfter", notAfter.toString()));
    }

    /** The same bytes as the document applied last time (12,000 of them a round): only at DEBUG. */
    static void sameDocument(String agency, String idp) {
        if (LOG.isDebugEnabled()) {
            LOG.debug(json("type", "metadata_refresh", "agency", agency, "idp", idp, "outcome",
                    de.dvc.iam.core.registration.RefreshOutcome.UNCHANGED.code()));
        }
    }

    /** A fetched and parsed document that came to {@code outcome} (unchanged settings included). */
    static void refreshed(String agency, String idp, de.dvc.iam.core.registration.RefreshOutcome outcome) {
        LOG.info(json("type", "metadata_refresh", "agency", agency, "idp", idp, "outcome", outcome.code()));
    }

    /** A failed refresh; from {@link de.dvc.iam.core.registration.RefreshOutcome#ALARM_AFTER} in a row an ERROR: someone must look at it. */
    static void failed(String agency, String idp, String reason, int failures) {
        String event = json("type", "metadata_refresh", "agency", agency, "idp", idp, "outcome", "failed", "reason", reason,
                "failures", failures);
        if (de.dvc.iam.core.registration.RefreshOutcome.alarming(failures)) {
            LOG.error(event);
        } else {
            LOG.warn(event);
        }
    }

    /** An unexpected failure, by the exception's class only: its message may quote what the agency's server sent. */
    static void unexpected(String idp, Throwable error) {
        LOG.error(json("type", "metadata_refresh", "idp", idp, "outcome", "error", "error", error.getClass().getSimpleName()));
    }

    /** The backoff after an unexpected failure could not be written either: the registration stays due. */
    static void backoffNotRecorded(String idp) {
        LOG.error(json("type", "metadata_refresh", "idp", idp, "outcome", "backoff_not_recorded"));
    }

    static void round(long registrations, long postponed, long seconds, long backlog) {
        LOG.info(json("type", "metadata_refresh_round", "registrations", registrations, "postponed", postponed, "seconds", seconds,
                "backlog", backlog));
    }

    /** The round's refreshes did not end within its budget and a minute. */
    static void roundOverran() {
        LOG.error(json("type", "metadata_refresh_round", "outcome", "overran"));
    }

    /** Unchanged registrations could not be rescheduled: they stay due and are checked again next round. */
    static void rescheduleFailed(int registrations) {
        LOG.warn(json("type", "metadata_refresh_round", "outcome", "reschedule_failed", "registrations", registrations));
    }

    /** @param pairs name, value, name, value … in the order the line shows them */
    static String json(Object... pairs) {
        Map<String, Object> event = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            event.put((String) pairs[i], pairs[i + 1]);
        }
        try {
            return JsonSerialization.writeValueAsString(event);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write a refresh event", e);
        }
    }
}
