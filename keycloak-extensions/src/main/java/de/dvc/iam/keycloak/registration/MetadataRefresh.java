package de.dvc.iam.keycloak.registration;

import de.dvc.iam.core.outbound.OutboundRefusedException;
import de.dvc.iam.core.profile.AttributeProfiles;
import de.dvc.iam.core.registration.Finding;
import de.dvc.iam.core.registration.RefreshBackoff;
import de.dvc.iam.core.registration.RefreshPolicy;
import de.dvc.iam.core.registration.SamlMetadataValidator;
import org.jboss.logging.Logger;
import org.keycloak.broker.provider.IdentityProvider;
import org.keycloak.broker.provider.IdentityProviderFactory;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Keeps the SAML metadata (and the OIDC discovery endpoints) of active registered IdPs current: fetches it again through the guarded
 * client, validates it like a new registration, and applies it to the IdP in one update. A changed
 * signing key is applied only when the new metadata validates, and is flagged in the history (or held
 * for an operator's approval, option {@code key-change-needs-approval}). A failed fetch or invalid
 * metadata keeps the last good configuration and is retried after {@link RefreshBackoff}; repeated failures and certificates close to expiry are logged as JSON events on category
 * {@value #CATEGORY}, naming the agency, and counted in {@link RefreshMetrics}. One registration at a time: the
 * queue, its parallelism and its batches are {@link RefreshRound}'s.
 */
final class MetadataRefresh {

    static final String CATEGORY = "dvc.registration";
    private static final Logger EVENTS = Logger.getLogger(CATEGORY);

    private final RegistrationSettings settings;
    private final boolean keyChangeNeedsApproval;
    private final RefreshMetrics metrics;
    private final de.dvc.iam.core.registration.RefreshSchedule schedule;

    /** When registrations are due again (the round reschedules unchanged ones in batches by it). */
    de.dvc.iam.core.registration.RefreshSchedule schedule() {
        return schedule;
    }

    RefreshMetrics metrics() {
        return metrics;
    }

    MetadataRefresh(RegistrationSettings settings, boolean keyChangeNeedsApproval, RefreshMetrics metrics, Duration interval) {
        this.settings = settings;
        this.keyChangeNeedsApproval = keyChangeNeedsApproval;
        this.metrics = metrics;
        this.schedule = new de.dvc.iam.core.registration.RefreshSchedule(interval);
    }

    /**
     * How one realm's registrations are refreshed.
     *
     * @param schedule               when they are due again
     * @param off                    the files turned their refresh off ({@code intervalSeconds: 0}): none is fetched
     * @param keyChangeNeedsApproval a new signing key waits for an operator
     */
    record Policy(de.dvc.iam.core.registration.RefreshSchedule schedule, boolean off, boolean keyChangeNeedsApproval) {
    }

    /**
     * The refresh of {@code realm}: the policy of its federation files (realm attribute {@value RefreshPolicy#REALM_ATTRIBUTE},
     * written by dvc-config apply) with the server options, by {@link RefreshPolicy#effective}; a value that does not
     * decode is named in the log.
     */
    Policy policy(org.keycloak.models.RealmModel realm) {
        RefreshPolicy.Effective effective = RefreshPolicy.effective(realm == null ? null : realm.getAttribute(RefreshPolicy.REALM_ATTRIBUTE),
                schedule.interval(), keyChangeNeedsApproval);
        effective.unreadable().ifPresent(reason -> EVENTS.errorf(
                "{\"type\":\"metadata_refresh\",\"outcome\":\"policy_unreadable\",\"realm\":\"%s\",\"reason\":\"%s\"}", realm.getName(), reason));
        return new Policy(effective.interval().equals(schedule.interval()) ? schedule : new de.dvc.iam.core.registration.RefreshSchedule(
                effective.interval()), effective.off(), effective.keyChangeNeedsApproval());
    }

    /** A refresh's outcome, and whether it left the registration's row untouched (an unchanged document: no write). */
    record Done(String outcome, boolean untouched) {
    }

    /**
     * Refreshes one registered IdP now (the API; {@code force}) or for the queue.
     *
     * @param acceptKeyChange an operator accepts a held signing key change
     * @return the outcome: skipped, unchanged, applied, key-changed, key-change-pending or failed
     */
    String refresh(KeycloakSession session, IdentityProviderModel idp, boolean force, boolean acceptKeyChange) {
        return run(session, idp, force, acceptKeyChange).outcome();
    }

    /** One registration's refresh in the caller's transaction (the round's, or the API's). */
    Done run(KeycloakSession session, IdentityProviderModel idp, boolean force, boolean acceptKeyChange) {
        RegistrationRecord record = RegistrationRecord.audited(session, idp);
        de.dvc.iam.keycloak.store.RegistrationEntity row = record.row();
        String source = row.getSource() == null ? "" : row.getSource();
        Instant now = Instant.now();
        Policy policy = policy(session.getContext().getRealm());
        if (!source.startsWith("https://") || !("saml".equals(idp.getProviderId()) || "oidc".equals(idp.getProviderId()))
                || (policy.off() && !force)) {
            // Metadata registered as XML (or of a realm whose files turned the refresh off) is not fetched again, but its
            // certificates still expire.
            watchCertificates(row, now);
            row.setNextRefresh(policy.schedule().nextAfterCheck(now).toEpochMilli());
            metrics.wrote("registration", 1);
            return new Done("skipped", false);
        }
        // What the IdP holds before: an IdP is updated (a cluster-wide cache invalidation) only when its configuration changed.
        Map<String, String> before = new java.util.HashMap<>(idp.getConfig());
        if ("oidc".equals(idp.getProviderId())) {
            return refreshOidc(session, idp, record, source, now, force, before);
        }
        byte[] xml;
        try {
            xml = settings.http().get(URI.create(source)).body();
        } catch (OutboundRefusedException | IllegalArgumentException e) {
            return failed(record, "metadata_unreachable", now);
        }
        String hash = sha256(xml);
        if (de.dvc.iam.core.registration.RefreshSchedule.unchanged(hash, row.getDocumentHash(), force, row.isKeyChangePending())) {
            return unchanged(record, now); // the same bytes as last time: no parse, no validation, no write
        }
        SamlMetadataValidator.Result result = validate(session, idp, xml, now);
        // The same rules as an update: one entity, and it keeps the registered entityID.
        List<Finding> oneEntity = result.oneEntity(idp.getConfig().get("idpEntityId"));
        if (!result.report().valid() || !oneEntity.isEmpty()) {
            String code = java.util.stream.Stream.concat(result.report().findings().stream(), oneEntity.stream())
                    .filter(f -> f.severity() == Finding.Severity.ERROR).map(Finding::code).findFirst().orElse("invalid");
            return failed(record, code, now);
        }
        String outcome = apply(session, idp, record, xml, acceptKeyChange, "refresh", "metadata refresh");
        row.setDocumentHash(hash);
        return succeeded(session, idp, record, outcome, now, before);
    }

    /** New SAML metadata for a registered IdP, validated like a new registration (with the IdP's own profile). */
    SamlMetadataValidator.Result validate(KeycloakSession session, IdentityProviderModel idp, byte[] xml, Instant now) {
        return settings.saml().validate(xml, new SamlMetadataValidator.Context(now,
                // Through the registration table's index: a query over IdP configuration values scans every IdP's
                // config (12,000 registrations refreshed that way made a round quadratic). The entityID itself cannot
                // change here (oneEntity keeps the registered one), so registrations are all it must not collide with.
                entityId -> de.dvc.iam.keycloak.store.RegistrationStore.of(session)
                        .entityIdTaken(RegistrationRecord.realmId(session), entityId, idp.getAlias()),
                settings.anchor(), de.dvc.iam.keycloak.identity.AgencyProfileConfig.ofIdp(session, idp.getAlias())
                        .map(de.dvc.iam.keycloak.identity.AgencyProfileConfig::profile).orElse(AttributeProfiles.SAML_OID),
                settings.insecureHosts()));
    }

    /**
     * Puts validated metadata into the IdP's configuration in one step (the caller saves the IdP): the IdP never
     * sees half new metadata. A changed signing key is noted in the history, or held for an operator's approval
     * when the federation wants that ({@code key-change-needs-approval}) and {@code acceptKeyChange} is false.
     *
     * @param action the history's action ({@code refresh}, {@code update-metadata})
     * @param actor  who applies it, for the history
     * @return unchanged, applied, key-changed or key-change-pending
     */
    String apply(KeycloakSession session, IdentityProviderModel idp, RegistrationRecord record, byte[] xml, boolean acceptKeyChange,
                 String action, String actor) {
        IdentityProviderFactory<?> factory = (IdentityProviderFactory<?>) session.getKeycloakSessionFactory()
                .getProviderFactory(IdentityProvider.class, "saml");
        Map<String, String> parsed = new java.util.HashMap<>(factory.parseConfig(session, new String(xml, StandardCharsets.UTF_8)));
        // What DVC forces wins over what the parser took from the metadata (NameID format, bindings, artifact).
        parsed.putAll(de.dvc.iam.core.registration.BrokerSettings.saml());
        boolean keyChanged = !java.util.Objects.equals(parsed.get("signingCertificate"), idp.getConfig().get("signingCertificate"));
        if (keyChanged && policy(session.getContext().getRealm()).keyChangeNeedsApproval() && !acceptKeyChange) {
            if (!record.row().isKeyChangePending()) {
                record.note(action, actor, "signing key change held for an operator's approval");
            }
            record.row().setKeyChangePending(true);
            return "key-change-pending";
        }
        boolean changed = merge(idp.getConfig(), parsed);
        record.row().setKeyChangePending(false);
        record.row().setCertificateExpiry(RegistrationRecord.certificateExpiry(idp));
        if (changed) {
            record.note(action, actor, keyChanged ? "new metadata applied; the signing key changed" : "new metadata applied");
        }
        return keyChanged ? "key-changed" : changed ? "applied" : "unchanged";
    }

    /**
     * Puts {@code parsed} into {@code config}. A null or empty value removes the setting (the parser maps what the
     * metadata no longer has, e.g. a dropped logout endpoint, to null; Keycloak's admin API drops empty values, e.g.
     * BrokerSettings' {@code artifactResolutionServiceUrl=""}), so absent and empty are the same here and in
     * {@link #sameSettings}.
     *
     * @return whether a setting changed
     */
    static boolean merge(Map<String, String> config, Map<String, String> parsed) {
        boolean changed = false;
        for (Map.Entry<String, String> entry : parsed.entrySet()) {
            String value = entry.getValue() == null ? "" : entry.getValue();
            String held = config.get(entry.getKey()) == null ? "" : config.get(entry.getKey());
            if (value.equals(held)) {
                continue;
            }
            changed = true;
            if (value.isEmpty()) {
                config.remove(entry.getKey());
            } else {
                config.put(entry.getKey(), value);
            }
        }
        return changed;
    }

    /** Whether two configurations hold the same settings, an empty value counting as absent. */
    static boolean sameSettings(Map<String, String> a, Map<String, String> b) {
        java.util.Set<String> keys = new java.util.HashSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys.stream().allMatch(k -> java.util.Objects.requireNonNullElse(a.get(k), "")
                .equals(java.util.Objects.requireNonNullElse(b.get(k), "")));
    }

    /** Whether a signing key change waits for an operator by the server option {@code key-change-needs-approval}. */
    boolean keyChangeNeedsApproval() {
        return keyChangeNeedsApproval;
    }

    /**
     * The first signing certificate's expiry (kept in the row; no certificate parsed here): days left as a metric, and an
     * event when it expires within {@link SamlMetadataValidator#CERTIFICATE_EXPIRY_WARNING}.
     */
    private void watchCertificates(de.dvc.iam.keycloak.store.RegistrationEntity row, Instant now) {
        if (row.getCertificateExpiry() == null) {
            return;
        }
        Instant notAfter = Instant.ofEpochMilli(row.getCertificateExpiry());
        metrics.certificateExpires(row.getAgency(), row.getAlias(), notAfter, now);
        if (notAfter.isBefore(now.plus(SamlMetadataValidator.CERTIFICATE_EXPIRY_WARNING))) {
            EVENTS.warnf("{\"type\":\"certificate_expiring\",\"agency\":\"%s\",\"idp\":\"%s\",\"notAfter\":\"%s\"}",
                    row.getAgency(), row.getAlias(), notAfter);
        }
    }

    /** The document is the one fetched last time: the row is left as it is (the round reschedules it in a batch). */
    private Done unchanged(RegistrationRecord record, Instant now) {
        de.dvc.iam.keycloak.store.RegistrationEntity row = record.row();
        watchCertificates(row, now);
        EVENTS.debugf("{\"type\":\"metadata_refresh\",\"agency\":\"%s\",\"idp\":\"%s\",\"outcome\":\"unchanged\"}", row.getAgency(), row.getAlias());
        metrics.refreshed(row.getAgency(), row.getAlias(), "unchanged", 0);
        return new Done("unchanged", true);
    }

    private Done succeeded(KeycloakSession session, IdentityProviderModel idp, RegistrationRecord record, String outcome, Instant now,
                           Map<String, String> before) {
        de.dvc.iam.keycloak.store.RegistrationEntity row = record.row();
        row.setRefreshFailures(0);
        row.setNextRefresh(policy(session.getContext().getRealm()).schedule().nextAfterCheck(now).toEpochMilli());
        row.setLastRefresh(now.toEpochMilli());
        row.setLastOutcome(outcome);
        metrics.wrote("registration", 1);
        if (!sameSettings(before, idp.getConfig())) {
            session.identityProviders().update(idp);
            metrics.wrote("idp", 1);
        }
        watchCertificates(row, now);
        EVENTS.infof("{\"type\":\"metadata_refresh\",\"agency\":\"%s\",\"idp\":\"%s\",\"outcome\":\"%s\"}", record.agency(), idp.getAlias(), outcome);
        metrics.refreshed(record.agency(), idp.getAlias(), outcome, 0);
        return new Done(outcome, false);
    }

    /** The endpoints DVC takes over from a changed discovery document; client settings stay as registered. */
    private static final List<String> OIDC_ENDPOINTS = List.of("issuer", "authorizationUrl", "tokenUrl", "userInfoUrl",
            "jwksUrl", "logoutUrl");

    /**
     * OIDC: discovery and JWKS fetched through the guarded client and validated; changed endpoints are
     * applied in one update. Keycloak fetches the JWKS itself for signature checks (key rotation); this
     * refresh makes a weak or broken key set visible (failure events) rather than replacing that fetch.
     */
    private Done refreshOidc(KeycloakSession session, IdentityProviderModel idp, RegistrationRecord record, String issuer,
                             Instant now, boolean force, Map<String, String> before) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        byte[] documentBytes;
        byte[] jwksBytes = null;
        Map<String, Object> discovery;
        Map<String, Object> jwks = null;
        String jwksProblem = null;
        try {
            documentBytes = settings.http().get(URI.create(base + "/.well-known/openid-configuration")).body();
            discovery = org.keycloak.util.JsonSerialization.readValue(documentBytes,
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
        } catch (OutboundRefusedException | IllegalArgumentException | java.io.IOException e) {
            return failed(record, "discovery_unreachable", now);
        }
        if (discovery != null && discovery.get("jwks_uri") instanceof String jwksUri) {
            try {
                jwksBytes = settings.http().get(URI.create(jwksUri)).body();
                jwks = org.keycloak.util.JsonSerialization.readValue(jwksBytes,
                        new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
            } catch (OutboundRefusedException | IllegalArgumentException | java.io.IOException e) {
                jwksProblem = e.getMessage();
            }
        }
        String hash = jwksProblem != null ? null : sha256(documentBytes, jwksBytes == null ? new byte[0] : jwksBytes);
        if (de.dvc.iam.core.registration.RefreshSchedule.unchanged(hash, record.row().getDocumentHash(), force, false)) {
            return unchanged(record, now); // discovery and key set as last time: nothing to validate or write
        }
        de.dvc.iam.core.registration.ValidationReport report = new de.dvc.iam.core.registration.OidcDiscoveryValidator(settings.http()::refusal)
                .validate(issuer, discovery, jwks, jwksProblem);
        if (!report.valid()) {
            String code = report.findings().stream().filter(f -> f.severity() == Finding.Severity.ERROR)
                    .map(Finding::code).findFirst().orElse("invalid");
            return failed(record, code, now);
        }
        IdentityProviderFactory<?> factory = (IdentityProviderFactory<?>) session.getKeycloakSessionFactory()
                .getProviderFactory(IdentityProvider.class, "oidc");
        Map<String, String> parsed = factory.parseConfig(session, new String(documentBytes, StandardCharsets.UTF_8));
        boolean changed = false;
        for (String key : OIDC_ENDPOINTS) {
            String value = parsed.get(key);
            if (value != null && !value.equals(idp.getConfig().get(key))) {
                idp.getConfig().put(key, value);
                changed = true;
            }
        }
        String outcome = changed ? "applied" : "unchanged";
        if (changed) {
            record.note("refresh", "metadata refresh", "changed endpoints of the discovery document applied");
        }
        record.row().setDocumentHash(hash);
        return succeeded(session, idp, record, outcome, now, before);
    }

    private Done failed(RegistrationRecord record, String code, Instant now) {
        return failed(record.row(), code, now);
    }

    /** Records a failed refresh in the row: failure count, backoff, outcome, event and metric. */
    Done failed(de.dvc.iam.keycloak.store.RegistrationEntity row, String code, Instant now) {
        int failures = row.getRefreshFailures() + 1;
        row.setRefreshFailures(failures);
        row.setNextRefresh(schedule.nextAfterFailure(now, failures).toEpochMilli());
        row.setLastRefresh(now.toEpochMilli());
        row.setLastOutcome(("failed " + code).length() > 64 ? ("failed " + code).substring(0, 64) : "failed " + code);
        metrics.wrote("registration", 1);
        String event = String.format("{\"type\":\"metadata_refresh\",\"agency\":\"%s\",\"idp\":\"%s\",\"outcome\":\"failed\","
                + "\"reason\":\"%s\",\"failures\":%d}", row.getAgency(), row.getAlias(), code, failures);
        if (failures >= 3) {
            EVENTS.error(event); // repeated failure: someone must look at it
        } else {
            EVENTS.warn(event);
        }
        metrics.refreshed(row.getAgency(), row.getAlias(), "failed", failures);
        return new Done("failed", false);
    }

    /** SHA-256 of the documents, hex: what "unchanged" compares. */
    static String sha256(byte[]... documents) {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            for (byte[] document : documents) {
                digest.update(java.nio.ByteBuffer.allocate(4).putInt(document.length).array());
                digest.update(document);
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
