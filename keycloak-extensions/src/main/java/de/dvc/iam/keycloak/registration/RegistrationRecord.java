package de.dvc.iam.keycloak.registration;

import com.fasterxml.jackson.core.type.TypeReference;
import de.dvc.iam.core.audit.AuditEvent;
import de.dvc.iam.core.registration.DomainProof;
import de.dvc.iam.core.registration.RegistrationState;
import de.dvc.iam.core.registration.TrustChange;
import de.dvc.iam.keycloak.audit.AuditTrail;
import de.dvc.iam.keycloak.store.RegistrationDomainEntity;
import de.dvc.iam.keycloak.store.RegistrationEntity;
import de.dvc.iam.keycloak.store.RegistrationEventEntity;
import de.dvc.iam.keycloak.store.RegistrationStore;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A registration: its row in {@code DVC_REGISTRATION} with history and domains in their own tables, written in the
 * request's transaction. The IdP's configuration keeps only what a login reads, projected from the row whenever it
 * changes: the state ({@value #STATE}, for {@link RegistrationGate}), the declared domains ({@value #DOMAINS}, for the
 * sandbox) and the assertable ones ({@value #ASSERTABLE}, for domain binding). Callers save the IdP after a change
 * that moves the projection (they did so before; a note alone leaves the IdP untouched).
 */
final class RegistrationRecord {

    static final String STATE = "dvc.registration.state";
    static final String DOMAINS = "dvc.registration.domains";
    static final String ASSERTABLE = "dvc.registration.assertable-domains";
    /** How many history entries a view shows (the newest); all of them stay in the table. */
    static final int HISTORY_SHOWN = 100;

    private final KeycloakSession session;
    private final IdentityProviderModel idp;
    private final RegistrationEntity row;
    private final RegistrationStore store;
    /** Whether history entries also become audit rows (in the same transaction). */
    private final boolean audited;
    private List<RegistrationDomainEntity> domainRows;

    private RegistrationRecord(KeycloakSession session, IdentityProviderModel idp, RegistrationEntity row, boolean audited) {
        this.session = session;
        this.idp = idp;
        this.row = row;
        this.store = RegistrationStore.of(session);
        this.audited = audited;
    }

    /** The registration of {@code idp} (one still in the old IdP-config format is moved to the tables first). */
    static RegistrationRecord of(KeycloakSession session, IdentityProviderModel idp) {
        return new RegistrationRecord(session, idp, RegistrationMigration.row(session, realmId(session), idp), false);
    }

    /** A record whose every history entry is also a row of the audit trail, written in {@code session}'s transaction. */
    static RegistrationRecord audited(KeycloakSession session, IdentityProviderModel idp) {
        return new RegistrationRecord(session, idp, RegistrationMigration.row(session, realmId(session), idp), true);
    }

    /** A new registration of {@code idp} (not yet created), validated; its first history entry is audited. */
    static RegistrationRecord start(KeycloakSession session, IdentityProviderModel idp, String agency, String submitter, String source,
                                    List<String> domains, Map<String, Object> report) {
        RegistrationEntity row = new RegistrationEntity();
        row.setId(org.keycloak.models.utils.KeycloakModelUtils.generateId());
        row.setRealmId(realmId(session));
        row.setAlias(idp.getAlias());
        row.setAgency(agency);
        row.setProtocol(de.dvc.iam.keycloak.directory.DirectoryIdentityProviderFactory.PROVIDER_ID.equals(idp.getProviderId()) ? "ldap" : idp.getProviderId());
        row.setState(RegistrationState.VALIDATED.code());
        row.setSubmitter(submitter);
        row.setSource(source);
        row.setEntityId(entityId(idp));
        row.setDomainToken(DomainProof.newToken());
        row.setReport(json(report));
        long now = System.currentTimeMillis();
        row.setCreated(now);
        row.setUpdated(now);
        row.setCertificateExpiry(certificateExpiry(idp));
        RegistrationStore store = RegistrationStore.of(session);
        store.create(row);
        RegistrationRecord record = new RegistrationRecord(session, idp, row, true);
        record.writeDomains(domains, Set.of());
        record.append(null, RegistrationState.VALIDATED, "submit", submitter, "validation passed");
        record.project();
        return record;
    }

    /** Whether {@code idp} was registered through the API (its configuration carries the projected state). */
    static boolean isRegistration(IdentityProviderModel idp) {
        return idp.getConfig().containsKey(STATE);
    }

    /** Whether {@code idp} was a registration that the federation files adopted (its row stays, in state adopted). */
    static boolean adopted(KeycloakSession session, IdentityProviderModel idp) {
        return RegistrationStore.of(session).find(realmId(session), idp.getAlias())
                .map(row -> RegistrationState.ADOPTED.code().equals(row.getState())).orElse(false);
    }

    /** The state as the IdP's projection holds it (no database read; for the login path and filters over IdPs). */
    static RegistrationState projectedState(IdentityProviderModel idp) {
        return RegistrationState.fromCode(idp.getConfig().get(STATE));
    }

    /** The proven, approved domains as the IdP's projection holds them (no database read; the login path). */
    static Set<String> projectedAssertable(IdentityProviderModel idp) {
        return split(idp.getConfig().get(ASSERTABLE));
    }

    RegistrationEntity row() {
        return row;
    }

    RegistrationState state() {
        return RegistrationState.fromCode(row.getState());
    }

    String agency() {
        return row.getAgency();
    }

    String submitter() {
        return row.getSubmitter();
    }

    String source() {
        return row.getSource();
    }

    /** A new metadata source (an update); the caller saves nothing else for it. */
    void source(String source) {
        row.setSource(source);
    }

    /** Records a transition and projects the new state; the caller saves the IdP. */
    void move(RegistrationState to, String action, String actor, String reason) {
        RegistrationState from = state();
        row.setState(to.code());
        append(from, to, action, actor, reason);
        project();
    }

    List<String> domains() {
        return domainRows().stream().filter(d -> d.getPosition() >= 0).map(RegistrationDomainEntity::getDomain).toList();
    }

    /** The requested, not yet approved change, if any. */
    Optional<TrustChange> pendingChange() {
        String value = row.getPendingChange();
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            Map<String, Object> stored = JsonSerialization.readValue(value, new TypeReference<Map<String, Object>>() { });
            @SuppressWarnings("unchecked")
            List<String> domains = (List<String>) stored.get("domains");
            @SuppressWarnings("unchecked")
            Map<String, String> settings = (Map<String, String>) stored.getOrDefault("settings", Map.of());
            return Optional.of(new TrustChange(domains, settings, String.valueOf(stored.get("requester")), String.valueOf(stored.get("time"))));
        } catch (IOException | ClassCastException e) {
            return Optional.empty();
        }
    }

    /** Stores ({@code change} non-null) or clears the pending change. */
    void pendingChange(TrustChange change) {
        if (change == null) {
            row.setPendingChange(null);
            return;
        }
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("domains", change.domains());
        stored.put("settings", change.settings());
        stored.put("requester", change.requester());
        stored.put("time", change.time());
        row.setPendingChange(json(stored));
    }

    /** The domains whose proof the agency publishes: the registered ones and those a pending change adds. */
    List<String> domainsToProve() {
        List<String> all = new ArrayList<>(domains());
        pendingChange().ifPresent(change -> all.addAll(change.addedDomains(domains())));
        return all;
    }

    /** Replaces the domains (an approved change); proofs of removed domains go. The caller saves the IdP. */
    void domains(List<String> domains) {
        Set<String> proven = new TreeSet<>(provenDomains());
        proven.retainAll(domains);
        writeDomains(domains, proven);
        project();
    }

    /**
     * The proven domains among the registered ones: what approval may verify and logins may assert. A domain a
     * pending change adds can be proven ahead, but counts only once the change is approved.
     */
    Set<String> approvedProvenDomains() {
        Set<String> approved = new TreeSet<>();
        domainRows().stream().filter(d -> d.getPosition() >= 0 && d.getProvenTime() != null).forEach(d -> approved.add(d.getDomain()));
        return Collections.unmodifiableSet(approved);
    }

    Set<String> provenDomains() {
        Set<String> proven = new TreeSet<>();
        domainRows().stream().filter(d -> d.getProvenTime() != null).forEach(d -> proven.add(d.getDomain()));
        return Collections.unmodifiableSet(proven);
    }

    DomainProof proof(String domain) {
        return new DomainProof(domain, row.getDomainToken());
    }

    /** Records that {@code domain} is proven; the caller saves the IdP. */
    void proven(String domain, String actor, String provenBy) {
        RegistrationDomainEntity entry = domainRows().stream().filter(d -> d.getDomain().equals(domain)).findFirst().orElseGet(() -> {
            RegistrationDomainEntity ahead = domainRow(domain, -1);
            store.persist(ahead);
            domainRows.add(ahead);
            return ahead;
        });
        entry.setProvenTime(System.currentTimeMillis());
        entry.setProvenBy(provenBy.length() > 255 ? provenBy.substring(0, 255) : provenBy);
        append(null, null, "prove-domain", actor, domain + " proven by " + provenBy);
        project();
    }

    /** Records an event that does not change the state (e.g. a metadata refresh). */
    void note(String action, String actor, String reason) {
        append(null, null, action, actor, reason);
    }

    /** The newest {@value #HISTORY_SHOWN} history entries, oldest first, as the API shows them. */
    List<Map<String, String>> history() {
        PersonNames names = new PersonNames(session);
        return store.events(row.getId(), HISTORY_SHOWN).stream().map(event -> entry(event, names)).toList();
    }

    /** What the API shows of a registration; {@code baseUrl} is the server's, e.g. {@code https://iam.dvc.example}. */
    Map<String, Object> view(String baseUrl) {
        Map<String, Object> view = summary(row);
        view.put("submitterName", new PersonNames(session).of(row.getSubmitter()));
        view.put("enabled", idp.isEnabled());
        view.put("configureAtYourIdp", DvcAsPeer.of(baseUrl, session.getContext().getRealm().getName(), idp,
                de.dvc.iam.keycloak.identity.AgencyProfileConfig.ofIdp(session, idp.getAlias())));
        view.put("domains", domains());
        if (row.getDomainToken() != null) {
            List<Map<String, Object>> proofs = new ArrayList<>();
            for (String domain : domainsToProve()) {
                Map<String, Object> proof = new LinkedHashMap<>();
                proof.put("domain", domain);
                proof.put("txtRecord", proof(domain).recordName());
                proof.put("txtValue", proof(domain).recordValue());
                proof.put("wellKnownUrl", proof(domain).wellKnownUri(443).toString());
                proof.put("wellKnownContent", proof(domain).recordValue());
                proof.put("proven", provenDomains().contains(domain));
                proofs.add(proof);
            }
            view.put("domainProofs", proofs);
        }
        pendingChange().ifPresent(change -> {
            Map<String, Object> pending = new LinkedHashMap<>();
            if (change.domains() != null) {
                pending.put("domains", change.domains());
            }
            TrustChange.SETTINGS.forEach((field, key) -> {
                if (change.settings().containsKey(key)) {
                    pending.put(field, change.settings().get(key));
                }
            });
            pending.put("requester", change.requester());
            pending.put("time", change.time());
            view.put("pendingChange", pending);
        });
        if (RegistrationGate.isSandbox(idp)) {
            // Open in a browser and log in at the agency: the login is checked like a production login,
            // creates nothing, and moves the registration to "tested".
            String done = baseUrl + "/realms/dvc/dvc-registrations/sandbox-done";
            view.put("testLogin", baseUrl + "/realms/dvc/protocol/openid-connect/auth?client_id=" + RegistrationGate.SANDBOX_CLIENT
                    + "&response_type=code&scope=openid&redirect_uri=" + java.net.URLEncoder.encode(done, java.nio.charset.StandardCharsets.UTF_8)
                    + "&kc_idp_hint=" + idp.getAlias());
        }
        try {
            view.put("report", JsonSerialization.readValue(row.getReport() == null ? "{}" : row.getReport(), Map.class));
        } catch (IOException e) {
            view.put("report", Map.of());
        }
        view.put("historyCount", row.getEventCount());
        view.put("history", history());
        return view;
    }

    /** What a list shows of a registration: the summary columns only (no IdP, history or report read). */
    static Map<String, Object> summary(de.dvc.iam.keycloak.store.RegistrationSummaryRow row) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("alias", row.alias());
        view.put("agency", row.agency());
        view.put("protocol", row.protocol());
        view.put("state", row.state());
        view.put("entityId", row.entityId());
        view.put("source", row.source());
        view.put("submitter", row.submitter());
        view.put("created", Instant.ofEpochMilli(row.created()).toString());
        view.put("lastRefresh", row.lastRefresh() == null ? null : Instant.ofEpochMilli(row.lastRefresh()) + " " + row.lastOutcome());
        view.put("refreshFailures", row.refreshFailures());
        view.put("keyChangePending", row.keyChangePending());
        view.put("certificateExpiry", row.certificateExpiry() == null ? null : Instant.ofEpochMilli(row.certificateExpiry()).toString());
        return view;
    }

    /** The summary of a full row (the single registration's view starts from it). */
    static Map<String, Object> summary(RegistrationEntity row) {
        return summary(new de.dvc.iam.keycloak.store.RegistrationSummaryRow(row.getAlias(), row.getAgency(), row.getProtocol(),
                row.getState(), row.getEntityId(), row.getSource(), row.getSubmitter(), row.getCreated(), row.getLastRefresh(),
                row.getLastOutcome(), row.getRefreshFailures(), row.isKeyChangePending(), row.getCertificateExpiry()));
    }

    /**
     * Writes what a login reads into the IdP's configuration: state, declared and assertable domains.
     *
     * @return whether the projection changed (then the caller must save the IdP)
     */
    boolean project() {
        Map<String, String> config = idp.getConfig();
        Map<String, String> before = new LinkedHashMap<>();
        for (String key : List.of(STATE, DOMAINS, ASSERTABLE)) {
            before.put(key, config.get(key));
        }
        config.put(STATE, row.getState());
        config.put(DOMAINS, String.join(",", domains()));
        config.put(ASSERTABLE, String.join(",", approvedProvenDomains()));
        return before.entrySet().stream().anyMatch(e -> !java.util.Objects.equals(e.getValue(), config.get(e.getKey())));
    }

    /** The entityID (SAML), issuer (OIDC) or directory URL (LDAP) an IdP's configuration names. */
    static String entityId(IdentityProviderModel idp) {
        String value = switch (idp.getProviderId()) {
            case "saml" -> idp.getConfig().get("idpEntityId");
            case de.dvc.iam.keycloak.directory.DirectoryIdentityProviderFactory.PROVIDER_ID ->
                    String.valueOf(de.dvc.iam.keycloak.directory.DirectoryConfig.submitted(idp).get("url"));
            default -> idp.getConfig().get("issuer");
        };
        return value == null || value.length() > 1024 ? null : value;
    }

    /** When the first of the IdP's signing certificates expires (epoch millis), or null. */
    static Long certificateExpiry(IdentityProviderModel idp) {
        return de.dvc.iam.core.registration.SigningCertificates.firstExpiry(idp.getConfig().get("signingCertificate"))
                .map(Instant::toEpochMilli).orElse(null);
    }

    private List<RegistrationDomainEntity> domainRows() {
        if (domainRows == null) {
            domainRows = new ArrayList<>(store.domains(row.getId()));
        }
        return domainRows;
    }

    /**
     * Makes {@code domains} the registered domains, in order, of which exactly {@code proven} count as proven (kept
     * with their proof, or marked as proven earlier); every other domain row goes, proofs made ahead included.
     */
    void writeDomains(List<String> domains, Set<String> proven) {
        List<String> distinct = domains.stream().distinct().toList();
        for (RegistrationDomainEntity old : List.copyOf(domainRows())) {
            if (!distinct.contains(old.getDomain())) {
                store.remove(old);
                domainRows.remove(old);
            }
        }
        for (int i = 0; i < distinct.size(); i++) {
            String domain = distinct.get(i);
            RegistrationDomainEntity entry = domainRows.stream().filter(d -> d.getDomain().equals(domain)).findFirst().orElse(null);
            if (entry == null) {
                entry = domainRow(domain, i);
                store.persist(entry);
                domainRows.add(entry);
            }
            entry.setPosition(i);
            if (!proven.contains(domain)) {
                entry.setProvenTime(null);
                entry.setProvenBy(null);
            } else if (entry.getProvenTime() == null) {
                entry.setProvenTime(System.currentTimeMillis());
                entry.setProvenBy("proven before the registration moved to its own tables");
            }
        }
    }

    private RegistrationDomainEntity domainRow(String domain, int position) {
        RegistrationDomainEntity entry = new RegistrationDomainEntity();
        entry.setId(RegistrationDomainEntity.id(row.getId(), domain));
        entry.setRegistrationId(row.getId());
        entry.setDomain(domain);
        entry.setPosition(position);
        return entry;
    }

    /** Appends a history entry (audited when this record is) with the current time. */
    private void append(RegistrationState from, RegistrationState to, String action, String actor, String reason) {
        append(from, to, action, actor, reason, Instant.now());
    }

    void append(RegistrationState from, RegistrationState to, String action, String actor, String reason, Instant time) {
        RegistrationEventEntity event = new RegistrationEventEntity();
        event.setEventTime(time.toEpochMilli());
        event.setAction(action.length() > 64 ? action.substring(0, 64) : action);
        event.setFromState(from == null ? null : from.code());
        event.setToState(to == null ? null : to.code());
        event.setActor(actor == null ? null : actor.length() > 255 ? actor.substring(0, 255) : actor);
        event.setReason(reason == null || reason.isBlank() ? null : reason.length() > 500 ? reason.substring(0, 500) : reason);
        store.addEvent(row, event);
        if (audited) {
            audit(event);
        }
    }

    private void audit(RegistrationEventEntity event) {
        String transition = event.getToState() != null ? (event.getFromState() == null ? "" : event.getFromState()) + "→" + event.getToState() : null;
        String reason = event.getReason();
        String detail = transition == null ? reason : reason == null ? transition : transition + ": " + reason;
        RealmModel realm = session.getContext().getRealm();
        if (realm != null && !"refresh".equals(event.getAction())) {
            // state or domains may have changed: every node's discovery updates this IdP's agency. A metadata refresh
            // changes neither (only broker settings): at 12,000 registrations its notes would otherwise push the
            // directory past its incremental limit into full rebuilds.
            de.dvc.iam.keycloak.discovery.DirectoryVersion.changed(session, realm.getId(), de.dvc.iam.keycloak.discovery.DirectoryVersion.IDP,
                    idp.getAlias());
        }
        AuditTrail.of(session).ifPresent(trail -> trail.record(session, realm == null ? null : realm.getId(),
                AuditEvent.registration(Instant.ofEpochMilli(event.getEventTime()), agency(), idp.getAlias(), event.getAction(), event.getActor(),
                        detail == null ? null : detail.length() > 500 ? detail.substring(0, 500) : detail)));
    }

    private static Map<String, String> entry(RegistrationEventEntity event, PersonNames names) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("time", Instant.ofEpochMilli(event.getEventTime()).toString());
        entry.put("action", event.getAction());
        if (event.getFromState() != null) {
            entry.put("from", event.getFromState());
        }
        if (event.getToState() != null) {
            entry.put("to", event.getToState());
        }
        entry.put("actor", event.getActor());
        entry.put("actorName", names.of(event.getActor()));
        if (event.getReason() != null) {
            entry.put("reason", event.getReason());
        }
        return entry;
    }

    static String realmId(KeycloakSession session) {
        RealmModel realm = session.getContext().getRealm();
        if (realm == null) {
            throw new IllegalStateException("A registration is read within a realm.");
        }
        return realm.getId();
    }

    static Set<String> split(String value) {
        return Set.copyOf(list(value));
    }

    /**
     * A comma-separated domain list in its order, trimmed, lowercased, each once: values written by hand or by an older
     * version may repeat an entry or differ in case, and neither may break a read.
     */
    static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty())
                .map(v -> v.toLowerCase(java.util.Locale.ROOT)).distinct().toList();
    }

    static String json(Object value) {
        try {
            return JsonSerialization.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write registration data", e);
        }
    }
}
