package de.dvc.iam.keycloak.registration;

import de.dvc.iam.core.registration.MetadataChange;
import de.dvc.iam.core.registration.RefreshBackoff;
import de.dvc.iam.core.registration.RefreshOutcome;
import de.dvc.iam.core.registration.RefreshPolicy;
import de.dvc.iam.core.registration.RefreshSchedule;
import de.dvc.iam.keycloak.store.RegistrationEntity;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Refreshes one active registered IdP: its SAML metadata ({@link SamlRefresh}) or OIDC discovery ({@link OidcRefresh})
 * fetched again, validated like a new registration and applied in one update; then writes the outcome into the
 * registration's row, watches its certificate ({@link CertificateWatch}), logs the event ({@link RefreshEvents}) and
 * counts it ({@link RefreshMetrics}). A failed fetch or invalid document keeps the last good configuration and is
 * retried after {@link RefreshBackoff}. The rules (what is fetched, the signing key rule, when nothing is written) are
 * iam-core's {@link RefreshPolicy}, {@link MetadataChange} and {@link RefreshSchedule}; the queue, its parallelism and
 * its batches are {@link RefreshRound}'s. Thread-safe.
 */
final class MetadataRefresh {

    private final boolean keyChangeNeedsApproval;
    private final RefreshMetrics metrics;
    private final RefreshSchedule schedule;
    private final SamlMetadataUpdate samlMetadata;
    private final SamlRefresh saml;
    private final OidcRefresh oidc;
    private final CertificateWatch certificates;

    MetadataRefresh(RegistrationSettings settings, boolean keyChangeNeedsApproval, RefreshMetrics metrics, Duration interval) {
        this.keyChangeNeedsApproval = keyChangeNeedsApproval;
        this.metrics = metrics;
        this.schedule = new RefreshSchedule(interval);
        this.samlMetadata = new SamlMetadataUpdate(settings);
        this.saml = new SamlRefresh(settings, samlMetadata);
        this.oidc = new OidcRefresh(settings);
        this.certificates = new CertificateWatch(metrics);
    }

    /** When registrations are due again by the server option (the round takes due ones by it). */
    RefreshSchedule schedule() {
        return schedule;
    }

    RefreshMetrics metrics() {
        return metrics;
    }

    /** New SAML metadata's validation and application, shared with the agency's metadata update. */
    SamlMetadataUpdate samlMetadata() {
        return samlMetadata;
    }

    /**
     * How one realm's registrations are refreshed.
     *
     * @param schedule when they are due again
     * @param rules    what is fetched, and whether a signing key change waits for an operator
     */
    record Policy(RefreshSchedule schedule, RefreshPolicy.Effective rules) {
    }

    /**
     * The refresh of {@code realm}: the policy of its federation files (realm attribute {@value RefreshPolicy#REALM_ATTRIBUTE},
     * written by dvc-config apply) with the server options, by {@link RefreshPolicy#effective}; a value that does not
     * decode is named in the log.
     */
    Policy policy(RealmModel realm) {
        RefreshPolicy.Effective effective = RefreshPolicy.effective(realm == null ? null : realm.getAttribute(RefreshPolicy.REALM_ATTRIBUTE),
                schedule.interval(), keyChangeNeedsApproval);
        effective.unreadable().ifPresent(reason -> RefreshEvents.policyUnreadable(realm.getName(), reason));
        return new Policy(effective.interval().equals(schedule.interval()) ? schedule : new RefreshSchedule(effective.interval()), effective);
    }

    /**
     * What fetching a registration's document came to, before its row is written.
     *
     * @param outcome  unchanged, applied, key-changed, key-change-pending or failed
     * @param reason   a failure's code (a finding's), else null
     * @param hash     the applied document's hash, else null
     * @param same     the document is the one applied last time: the row is not written
     */
    record Step(RefreshOutcome outcome, String reason, String hash, boolean same) {
        static final Step SAME = new Step(RefreshOutcome.UNCHANGED, null, null, true);

        static Step failed(String reason) {
            return new Step(RefreshOutcome.FAILED, reason, null, false);
        }

        static Step applied(RefreshOutcome outcome, String hash) {
            return new Step(outcome, null, hash, false);
        }
    }

    /** A refresh's outcome, and whether it left the registration's row untouched (an unchanged document: no write). */
    record Done(RefreshOutcome outcome, boolean untouched) {
    }

    /**
     * Refreshes one registered IdP now, for the API ({@code force}).
     *
     * @param acceptKeyChange an operator accepts a held signing key change
     * @return skipped, unchanged, applied, key-changed, key-change-pending or failed
     */
    String refresh(KeycloakSession session, IdentityProviderModel idp, boolean force, boolean acceptKeyChange) {
        return run(session, idp, force, acceptKeyChange).outcome().code();
    }

    /** One registration's refresh in the caller's transaction (the round's, or the API's). */
    Done run(KeycloakSession session, IdentityProviderModel idp, boolean force, boolean acceptKeyChange) {
        RegistrationRecord record = RegistrationRecord.audited(session, idp);
        RegistrationEntity row = record.row();
        Instant now = Instant.now();
        Policy policy = policy(session.getContext().getRealm());
        if (!policy.rules().fetches(row.getSource(), idp.getProviderId(), force)) {
            // Metadata registered as XML (or of a realm whose files turned the refresh off) is not fetched again, but its
            // certificates still expire.
            certificates.watch(row, now);
            row.setNextRefresh(policy.schedule().nextAfterCheck(now).toEpochMilli());
            metrics.wrote("registration", 1);
            return new Done(RefreshOutcome.SKIPPED, false);
        }
        // What the IdP holds before: an IdP is updated (a cluster-wide cache invalidation) only when its configuration changed.
        Map<String, String> before = new HashMap<>(idp.getConfig());
        Step step = "oidc".equals(idp.getProviderId()) ? oidc.refresh(session, idp, record, force)
                : saml.refresh(session, idp, record, force, policy.rules().holdsKeyChange(acceptKeyChange), now);
        if (step.same()) {
            certificates.watch(row, now);
            RefreshEvents.sameDocument(row.getAgency(), row.getAlias());
            metrics.refreshed(row.getAgency(), row.getAlias(), RefreshOutcome.UNCHANGED.code(), 0);
            return new Done(RefreshOutcome.UNCHANGED, true); // the round reschedules it in a batch
        }
        if (step.outcome() == RefreshOutcome.FAILED) {
            return failed(row, step.reason(), now);
        }
        row.setDocumentHash(step.hash());
        row.setRefreshFailures(0);
        row.setNextRefresh(policy.schedule().nextAfterCheck(now).toEpochMilli());
        row.setLastRefresh(now.toEpochMilli());
        row.setLastOutcome(step.outcome().code());
        metrics.wrote("registration", 1);
        if (!MetadataChange.sameSettings(before, idp.getConfig())) {
            session.identityProviders().update(idp);
            metrics.wrote("idp", 1);
        }
        certificates.watch(row, now);
        RefreshEvents.refreshed(record.agency(), idp.getAlias(), step.outcome());
        metrics.refreshed(record.agency(), idp.getAlias(), step.outcome().code(), 0);
        return new Done(step.outcome(), false);
    }

    /** Records a failed refresh in the row: failure count, backoff, outcome, event and metric. */
    Done failed(RegistrationEntity row, String reason, Instant now) {
        int failures = row.getRefreshFailures() + 1;
        row.setRefreshFailures(failures);
        row.setNextRefresh(schedule.nextAfterFailure(now, failures).toEpochMilli());
        row.setLastRefresh(now.toEpochMilli());
        row.setLastOutcome(RefreshOutcome.failedText(reason));
        metrics.wrote("registration", 1);
        RefreshEvents.failed(row.getAgency(), row.getAlias(), reason, failures);
        metrics.refreshed(row.getAgency(), row.getAlias(), RefreshOutcome.FAILED.code(), failures);
        return new Done(RefreshOutcome.FAILED, false);
    }
}
