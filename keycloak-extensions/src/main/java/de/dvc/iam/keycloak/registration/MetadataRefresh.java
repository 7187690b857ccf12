package de.dvc.iam.keycloak.registration;

import de.dvc.iam.core.outbound.OutboundRefusedException;
import de.dvc.iam.core.profile.AttributeProfiles;
import de.dvc.iam.core.registration.Finding;
import de.dvc.iam.core.registration.RefreshBackoff;
import de.dvc.iam.core.registration.RegistrationState;
import de.dvc.iam.core.registration.SamlMetadataValidator;
import org.jboss.logging.Logger;
import org.keycloak.broker.provider.IdentityProvider;
import org.keycloak.broker.provider.IdentityProviderFactory;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.IdentityProviderQuery;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeps the SAML metadata (and the OIDC discovery endpoints) of active registered IdPs current: fetches it again through the guarded
 * client, validates it like a new registration, and applies it to the IdP in one update. A changed
 * signing key is applied only when the new metadata validates, and is flagged in the history (or held
 * for an operator's approval, option {@code key-change-needs-approval}). A failed fetch or invalid
 * metadata keeps the last good configuration and is retried after {@link RefreshBackoff}; repeated failures and certificates close to expiry are logged as JSON events on category
 * {@value #CATEGORY}, naming the agency, and counted in {@link RefreshMetrics}.
 */
final class MetadataRefresh {

    static final String CATEGORY = "dvc.registration";
    static final String FAILURES = "dvc.registration.refresh-failures";
    static final String NEXT = "dvc.registration.refresh-next";
    static final String LAST = "dvc.registration.refresh-last";
    static final String PENDING = "dvc.registration.key-change-pending";
    private static final Logger EVENTS = Logger.getLogger(CATEGORY);

    private final RegistrationSettings settings;
    private final boolean keyChangeNeedsApproval;
    private final RefreshMetrics metrics;

    MetadataRefresh(RegistrationSettings settings, boolean keyChangeNeedsApproval, RefreshMetrics metrics) {
        this.settings = settings;
        this.keyChangeNeedsApproval = keyChangeNeedsApproval;
        this.metrics = metrics;
    }

    /**
     * Refreshes every due registration of every realm, each in its own transaction, {@code parallel} at a
     * time (fetches wait on agency servers, not on this node). Registrations not started within {@code budget}
     * wait for the next round, so a round ends before the cluster lock of the next one. Run by one node at a time.
     */
    /**
     * When this node last started a refresh of each registration (realm id / alias). Kept in memory: rounds usually
     * run on the same node; a node that takes over starts in key order and is fair from its second round on.
     */
    private final Map<String, Instant> lastAttempt = new java.util.concurrent.ConcurrentHashMap<>();

    void refreshAll(KeycloakSessionFactory factory, int parallel, Duration budget) {
        List<String[]> due = new ArrayList<>();
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.realms().getRealmsStream().forEach(realm -> {
            session.getContext().setRealm(realm);
            session.identityProviders().getAllStream(IdentityProviderQuery.any().with(RegistrationRecord.STATE,
                            RegistrationState.ACTIVE.code()), null, null)
                    .filter(idp -> "saml".equals(idp.getProviderId()) || "oidc".equals(idp.getProviderId()))
                    .forEach(idp -> due.add(new String[] {realm.getId(), idp.getAlias()}));
        }));
        // Never tried on this node first, then the longest unchecked: a round cut short resumes where it stopped.
        List<String[]> ordered = de.dvc.iam.core.registration.RefreshOrder.order(due, entry -> entry[0] + "/" + entry[1], lastAttempt);
        lastAttempt.keySet().retainAll(due.stream().map(entry -> entry[0] + "/" + entry[1]).collect(java.util.stream.Collectors.toSet()));
        Instant start = Instant.now();
        Instant deadline = start.plus(budget);
        java.util.concurrent.atomic.AtomicInteger postponed = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, parallel), job -> {
            Thread thread = new Thread(job, "dvc-metadata-refresh-worker");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (String[] entry : ordered) {
                pool.execute(() -> {
                    if (Instant.now().isAfter(deadline)) {
                        postponed.incrementAndGet();
                        return;
                    }
                    lastAttempt.put(entry[0] + "/" + entry[1], Instant.now());
                    refreshOne(factory, entry);
                });
            }
            pool.shutdown();
            // Each fetch is capped (GuardedHttpClient.Limits), so the started ones end soon after the deadline.
            if (!pool.awaitTermination(budget.plusMinutes(1).toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
                EVENTS.errorf("{\"type\":\"metadata_refresh_round\",\"outcome\":\"overran\"}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdownNow();
        }
        EVENTS.infof("{\"type\":\"metadata_refresh_round\",\"registrations\":%d,\"postponed\":%d,\"seconds\":%d}",
                due.size(), postponed.get(), Duration.between(start, Instant.now()).toSeconds());
    }

    private void refreshOne(KeycloakSessionFactory factory, String[] entry) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                RealmModel realm = session.realms().getRealm(entry[0]);
                session.getContext().setRealm(realm);
                IdentityProviderModel idp = session.identityProviders().getByAlias(entry[1]);
                if (idp != null) {
                    refresh(session, idp, false, false);
                }
            });
        } catch (RuntimeException e) {
            EVENTS.errorf("{\"type\":\"metadata_refresh\",\"idp\":\"%s\",\"outcome\":\"error\"}", entry[1]);
        }
    }

    /**
     * Refreshes one registered SAML IdP now ({@code force}) or when due.
     *
     * @param acceptKeyChange an operator accepts a held signing key change
     * @return the outcome: skipped, unchanged, applied, key-changed, key-change-pending or failed
     */
    String refresh(KeycloakSession session, IdentityProviderModel idp, boolean force, boolean acceptKeyChange) {
        String source = idp.getConfig().getOrDefault(RegistrationRecord.SOURCE, "");
        Instant now = Instant.now();
        if (!source.startsWith("https://") || !("saml".equals(idp.getProviderId()) || "oidc".equals(idp.getProviderId()))) {
            // Metadata registered as XML is not fetched again, but its certificates still expire.
            watchCertificates(RegistrationRecord.audited(session, idp), idp, now);
            return "skipped";
        }
        String next = idp.getConfig().get(NEXT);
        if (!force && next != null && Instant.parse(next).isAfter(now)) {
            return "skipped";
        }
        RegistrationRecord record = RegistrationRecord.audited(session, idp);
        // What the IdP holds before: a scheduled round that changes nothing writes nothing (no update, no cluster-wide
        // cache invalidation); at 12,000 registrations almost every round is such a round.
        configBefore.set(force ? null : new java.util.HashMap<>(idp.getConfig()));
        if ("oidc".equals(idp.getProviderId())) {
            return refreshOidc(session, idp, record, source, now);
        }
        byte[] xml;
        try {
            xml = settings.http().get(URI.create(source)).body();
        } catch (OutboundRefusedException | IllegalArgumentException e) {
            return failed(session, idp, record, "metadata_unreachable", now);
        }
        SamlMetadataValidator.Result result = validate(session, idp, xml, now);
        // The same rules as an update: one entity, and it keeps the registered entityID.
        List<Finding> oneEntity = result.oneEntity(idp.getConfig().get("idpEntityId"));
        if (!result.report().valid() || !oneEntity.isEmpty()) {
            String code = java.util.stream.Stream.concat(result.report().findings().stream(), oneEntity.stream())
                    .filter(f -> f.severity() == Finding.Severity.ERROR).map(Finding::code).findFirst().orElse("invalid");
            return failed(session, idp, record, code, now);
        }
        String outcome = apply(session, idp, record, xml, acceptKeyChange, "refresh", "metadata refresh");
        succeeded(session, idp, record, outcome, now);
        watchCertificates(record, idp, now);
        return outcome;
    }

    /** New SAML metadata for a registered IdP, validated like a new registration (with the IdP's own profile). */
    SamlMetadataValidator.Result validate(KeycloakSession session, IdentityProviderModel idp, byte[] xml, Instant now) {
        return settings.saml().validate(xml, new SamlMetadataValidator.Context(now,
                entityId -> session.identityProviders().getAllStream(IdentityProviderQuery.userAuthentication()
                        .with("idpEntityId", entityId), 0, 2).anyMatch(other -> !other.getAlias().equals(idp.getAlias())),
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
        if (keyChanged && keyChangeNeedsApproval && !acceptKeyChange) {
            if (idp.getConfig().get(PENDING) == null) {
                record.note(action, actor, "signing key change held for an operator's approval");
            }
            idp.getConfig().put(PENDING, "true");
            return "key-change-pending";
        }
        boolean changed = parsed.entrySet().stream().anyMatch(e -> !e.getValue().equals(idp.getConfig().get(e.getKey())));
        idp.getConfig().putAll(parsed);
        idp.getConfig().remove(PENDING);
        if (changed) {
            record.note(action, actor, keyChanged ? "new metadata applied; the signing key changed" : "new metadata applied");
        }
        return keyChanged ? "key-changed" : changed ? "applied" : "unchanged";
    }

    /** Whether a signing key change waits for an operator (option {@code key-change-needs-approval}). */
    boolean keyChangeNeedsApproval() {
        return keyChangeNeedsApproval;
    }

    /**
     * The signing certificates in use: days left as a metric, and an event when the first expires
     * within {@link SamlMetadataValidator#CERTIFICATE_EXPIRY_WARNING}.
     */
    private void watchCertificates(RegistrationRecord record, IdentityProviderModel idp, Instant now) {
        de.dvc.iam.core.registration.SigningCertificates.firstExpiry(idp.getConfig().get("signingCertificate")).ifPresent(notAfter -> {
            metrics.certificateExpires(record.agency(), idp.getAlias(), notAfter, now);
            if (notAfter.isBefore(now.plus(SamlMetadataValidator.CERTIFICATE_EXPIRY_WARNING))) {
                EVENTS.warnf("{\"type\":\"certificate_expiring\",\"agency\":\"%s\",\"idp\":\"%s\",\"notAfter\":\"%s\"}",
                        record.agency(), idp.getAlias(), notAfter);
            }
        });
    }

    /** The IdP's configuration when this thread's scheduled refresh began; null for a forced one (always written). */
    private final ThreadLocal<Map<String, String>> configBefore = new ThreadLocal<>();

    private void succeeded(KeycloakSession session, IdentityProviderModel idp, RegistrationRecord record, String outcome, Instant now) {
        idp.getConfig().put(FAILURES, "0");
        idp.getConfig().remove(NEXT);
        Map<String, String> before = configBefore.get();
        configBefore.remove();
        boolean nothingChanged = before != null && "unchanged".equals(outcome) && before.equals(idp.getConfig());
        if (!nothingChanged) {
            idp.getConfig().put(LAST, now + " " + outcome);
            session.identityProviders().update(idp);
        }
        EVENTS.infof("{\"type\":\"metadata_refresh\",\"agency\":\"%s\",\"idp\":\"%s\",\"outcome\":\"%s\"}", record.agency(), idp.getAlias(), outcome);
        metrics.refreshed(record.agency(), idp.getAlias(), outcome, 0);
    }

    /** The endpoints DVC takes over from a changed discovery document; client settings stay as registered. */
    private static final List<String> OIDC_ENDPOINTS = List.of("issuer", "authorizationUrl", "tokenUrl", "userInfoUrl",
            "jwksUrl", "logoutUrl");

    /**
     * OIDC: discovery and JWKS fetched through the guarded client and validated; changed endpoints are
     * applied in one update. Keycloak fetches the JWKS itself for signature checks (key rotation); this
     * refresh makes a weak or broken key set visible (failure events) rather than replacing that fetch.
     */
    private String refreshOidc(KeycloakSession session, IdentityProviderModel idp, RegistrationRecord record, String issuer,
                               Instant now) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        String document;
        Map<String, Object> discovery;
        Map<String, Object> jwks = null;
        String jwksProblem = null;
        try {
            document = new String(settings.http().get(URI.create(base + "/.well-known/openid-configuration")).body(), StandardCharsets.UTF_8);
            discovery = org.keycloak.util.JsonSerialization.readValue(document,
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
        } catch (OutboundRefusedException | IllegalArgumentException | java.io.IOException e) {
            return failed(session, idp, record, "discovery_unreachable", now);
        }
        if (discovery.get("jwks_uri") instanceof String jwksUri) {
            try {
                jwks = org.keycloak.util.JsonSerialization.readValue(settings.http().get(URI.create(jwksUri)).body(),
                        new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
            } catch (OutboundRefusedException | IllegalArgumentException | java.io.IOException e) {
                jwksProblem = e.getMessage();
            }
        }
        de.dvc.iam.core.registration.ValidationReport report = new de.dvc.iam.core.registration.OidcDiscoveryValidator(settings.http()::refusal)
                .validate(issuer, discovery, jwks, jwksProblem);
        if (!report.valid()) {
            String code = report.findings().stream().filter(f -> f.severity() == Finding.Severity.ERROR)
                    .map(Finding::code).findFirst().orElse("invalid");
            return failed(session, idp, record, code, now);
        }
        IdentityProviderFactory<?> factory = (IdentityProviderFactory<?>) session.getKeycloakSessionFactory()
                .getProviderFactory(IdentityProvider.class, "oidc");
        Map<String, String> parsed = factory.parseConfig(session, document);
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
        succeeded(session, idp, record, outcome, now);
        return outcome;
    }

    private String failed(KeycloakSession session, IdentityProviderModel idp, RegistrationRecord record, String code, Instant now) {
        int failures = Integer.parseInt(idp.getConfig().getOrDefault(FAILURES, "0")) + 1;
        Duration backoff = RefreshBackoff.after(failures);
        idp.getConfig().put(FAILURES, String.valueOf(failures));
        idp.getConfig().put(NEXT, now.plus(backoff).toString());
        idp.getConfig().put(LAST, now + " failed " + code);
        session.identityProviders().update(idp);
        String event = String.format("{\"type\":\"metadata_refresh\",\"agency\":\"%s\",\"idp\":\"%s\",\"outcome\":\"failed\","
                + "\"reason\":\"%s\",\"failures\":%d}", record.agency(), idp.getAlias(), code, failures);
        if (failures >= 3) {
            EVENTS.error(event); // repeated failure: someone must look at it
        } else {
            EVENTS.warn(event);
        }
        metrics.refreshed(record.agency(), idp.getAlias(), "failed", failures);
        return "failed";
    }
}
