package de.dvc.iam.keycloak.registration;

import com.fasterxml.jackson.core.type.TypeReference;
import de.dvc.iam.core.registration.RegistrationState;
import de.dvc.iam.core.audit.AuditEvent;
import de.dvc.iam.keycloak.audit.AuditTrail;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A registration kept in its IdP's configuration (keys {@code dvc.registration.*}), so it is stored
 * in Keycloak's database in the same transaction as the IdP it created and goes wherever the IdP goes.
 * The history is a JSON list of transitions and events (refreshes, proofs, updates). Every transition is
 * kept; beyond {@value #MAX_HISTORY} entries the oldest events are dropped first.
 */
final class RegistrationRecord {

    static final String STATE = "dvc.registration.state";
    static final String AGENCY = "dvc.registration.agency";
    static final String SUBMITTER = "dvc.registration.submitter";
    static final String SOURCE = "dvc.registration.source";
    static final String DOMAINS = "dvc.registration.domains";
    static final String REPORT = "dvc.registration.report";
    static final String HISTORY = "dvc.registration.history";
    static final String DOMAIN_TOKEN = "dvc.registration.domain-token";
    static final String DOMAINS_PROVEN = "dvc.registration.domains-proven";
    static final String CHANGE = "dvc.registration.change";
    static final int MAX_HISTORY = 50;

    private final IdentityProviderModel idp;
    /** Where history entries also become audit rows (in the same transaction); null for records only read. */
    private final KeycloakSession session;

    RegistrationRecord(IdentityProviderModel idp) {
        this(idp, null);
    }

    private RegistrationRecord(IdentityProviderModel idp, KeycloakSession session) {
        this.idp = idp;
        this.session = session;
    }

    /** A record whose every history entry is also a row of the audit trail, written in {@code session}'s transaction. */
    static RegistrationRecord audited(KeycloakSession session, IdentityProviderModel idp) {
        return new RegistrationRecord(idp, session);
    }

    static boolean isRegistration(IdentityProviderModel idp) {
        return idp.getConfig().containsKey(STATE);
    }

    RegistrationState state() {
        return RegistrationState.fromCode(idp.getConfig().get(STATE));
    }

    String agency() {
        return idp.getConfig().get(AGENCY);
    }

    String submitter() {
        return idp.getConfig().get(SUBMITTER);
    }

    void start(String agency, String submitter, String source, List<String> domains, Map<String, Object> report) {
        idp.getConfig().put(AGENCY, agency);
        idp.getConfig().put(SUBMITTER, submitter);
        idp.getConfig().put(SOURCE, source);
        idp.getConfig().put(DOMAINS, String.join(",", domains));
        idp.getConfig().put(DOMAIN_TOKEN, de.dvc.iam.core.registration.DomainProof.newToken());
        idp.getConfig().put(DOMAINS_PROVEN, "");
        idp.getConfig().put(REPORT, json(report));
        idp.getConfig().put(STATE, RegistrationState.VALIDATED.code());
        Map<String, String> submitted = entry(null, RegistrationState.VALIDATED, "submit", submitter, "validation passed");
        idp.getConfig().put(HISTORY, json(List.of(submitted)));
        audit(submitted);
    }

    /** Records a transition; the caller saves the IdP. */
    void move(RegistrationState to, String action, String actor, String reason) {
        append(entry(state(), to, action, actor, reason));
        idp.getConfig().put(STATE, to.code());
    }

    List<String> domains() {
        String domains = idp.getConfig().getOrDefault(DOMAINS, "");
        return domains.isEmpty() ? List.of() : List.of(domains.split(","));
    }

    /** The requested, not yet approved change, if any. */
    java.util.Optional<de.dvc.iam.core.registration.TrustChange> pendingChange() {
        String value = idp.getConfig().get(CHANGE);
        if (value == null || value.isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            Map<String, Object> stored = JsonSerialization.readValue(value, new TypeReference<Map<String, Object>>() { });
            @SuppressWarnings("unchecked")
            List<String> domains = (List<String>) stored.get("domains");
            @SuppressWarnings("unchecked")
            Map<String, String> settings = (Map<String, String>) stored.getOrDefault("settings", Map.of());
            return java.util.Optional.of(new de.dvc.iam.core.registration.TrustChange(domains, settings,
                    String.valueOf(stored.get("requester")), String.valueOf(stored.get("time"))));
        } catch (IOException | ClassCastException e) {
            return java.util.Optional.empty();
        }
    }

    /** Stores ({@code change} non-null) or clears the pending change; the caller saves the IdP. */
    void pendingChange(de.dvc.iam.core.registration.TrustChange change) {
        if (change == null) {
            idp.getConfig().remove(CHANGE);
            return;
        }
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("domains", change.domains());
        stored.put("settings", change.settings());
        stored.put("requester", change.requester());
        stored.put("time", change.time());
        idp.getConfig().put(CHANGE, json(stored));
    }

    /** The domains whose proof the agency publishes: the registered ones and those a pending change adds. */
    List<String> domainsToProve() {
        List<String> all = new ArrayList<>(domains());
        pendingChange().ifPresent(change -> all.addAll(change.addedDomains(domains())));
        return all;
    }

    /** Replaces the domains (an approved change); proofs of removed domains go. The caller saves the IdP. */
    void domains(List<String> domains) {
        idp.getConfig().put(DOMAINS, String.join(",", domains));
        java.util.Set<String> proven = new java.util.TreeSet<>(provenDomains());
        proven.retainAll(domains);
        idp.getConfig().put(DOMAINS_PROVEN, String.join(",", proven));
    }

    /**
     * The proven domains among the registered ones: what approval may verify and logins may assert. A domain a
     * pending change adds can be proven ahead, but counts only once the change is approved.
     */
    java.util.Set<String> approvedProvenDomains() {
        java.util.Set<String> approved = new java.util.TreeSet<>(provenDomains());
        approved.retainAll(domains());
        return java.util.Collections.unmodifiableSet(approved);
    }

    java.util.Set<String> provenDomains() {
        String proven = idp.getConfig().getOrDefault(DOMAINS_PROVEN, "");
        return proven.isEmpty() ? java.util.Set.of() : java.util.Set.of(proven.split(","));
    }

    de.dvc.iam.core.registration.DomainProof proof(String domain) {
        return new de.dvc.iam.core.registration.DomainProof(domain, idp.getConfig().get(DOMAIN_TOKEN));
    }

    /** Records that {@code domain} is proven; the caller saves the IdP. */
    void proven(String domain, String actor, String provenBy) {
        java.util.Set<String> proven = new java.util.TreeSet<>(provenDomains());
        proven.add(domain);
        idp.getConfig().put(DOMAINS_PROVEN, String.join(",", proven));
        append(entry(null, null, "prove-domain", actor, domain + " proven by " + provenBy));
    }

    /** Records an event that does not change the state (e.g. a metadata refresh); the caller saves the IdP. */
    void note(String action, String actor, String reason) {
        append(entry(null, null, action, actor, reason));
    }

    List<Map<String, String>> history() {
        String value = idp.getConfig().get(HISTORY);
        if (value == null) {
            return List.of();
        }
        try {
            return JsonSerialization.readValue(value, new TypeReference<List<Map<String, String>>>() { });
        } catch (IOException e) {
            return List.of();
        }
    }

    /** What the API shows of a registration; {@code baseUrl} is the server's, e.g. {@code https://iam.dvc.example}. */
    Map<String, Object> view(String baseUrl) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("alias", idp.getAlias());
        view.put("agency", agency());
        view.put("protocol", idp.getProviderId());
        view.put("state", state().code());
        view.put("enabled", idp.isEnabled());
        view.put("source", idp.getConfig().get(SOURCE));
        String domains = idp.getConfig().getOrDefault(DOMAINS, "");
        view.put("domains", domains.isEmpty() ? List.of() : List.of(domains.split(",")));
        if (idp.getConfig().get(DOMAIN_TOKEN) != null) {
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
            de.dvc.iam.core.registration.TrustChange.SETTINGS.forEach((field, key) -> {
                if (change.settings().containsKey(key)) {
                    pending.put(field, change.settings().get(key));
                }
            });
            pending.put("requester", change.requester());
            pending.put("time", change.time());
            view.put("pendingChange", pending);
        });
        view.put("submitter", submitter());
        view.put("lastRefresh", idp.getConfig().get(MetadataRefresh.LAST));
        view.put("keyChangePending", "true".equals(idp.getConfig().get(MetadataRefresh.PENDING)));
        if (RegistrationGate.isSandbox(idp)) {
            // Open in a browser and log in at the agency: the login is checked like a production login,
            // creates nothing, and moves the registration to "tested".
            String done = baseUrl + "/realms/dvc/dvc-registrations/sandbox-done";
            view.put("testLogin", baseUrl + "/realms/dvc/protocol/openid-connect/auth?client_id=" + RegistrationGate.SANDBOX_CLIENT
                    + "&response_type=code&scope=openid&redirect_uri=" + java.net.URLEncoder.encode(done, java.nio.charset.StandardCharsets.UTF_8)
                    + "&kc_idp_hint=" + idp.getAlias());
        }
        try {
            view.put("report", JsonSerialization.readValue(idp.getConfig().getOrDefault(REPORT, "{}"), Map.class));
        } catch (IOException e) {
            view.put("report", Map.of());
        }
        view.put("history", history());
        return view;
    }

    private void audit(Map<String, String> entry) {
        if (session == null) {
            return;
        }
        String transition = entry.containsKey("to") ? entry.getOrDefault("from", "") + "→" + entry.get("to") : null;
        String reason = entry.get("reason");
        String detail = transition == null ? reason : reason == null ? transition : transition + ": " + reason;
        RealmModel realm = session.getContext().getRealm();
        if (realm != null) {
            // state, domains or agency may have changed: every node's discovery rebuilds
            de.dvc.iam.keycloak.discovery.DirectoryVersion.bump(session, realm.getId());
        }
        AuditTrail.of(session).ifPresent(trail -> trail.record(session, realm == null ? null : realm.getId(),
                AuditEvent.registration(Instant.parse(entry.get("time")), agency(), idp.getAlias(), entry.get("action"), entry.get("actor"),
                        detail == null ? null : detail.length() > 500 ? detail.substring(0, 500) : detail)));
    }

    private void append(Map<String, String> entry) {
        audit(entry);
        List<Map<String, String>> history = new ArrayList<>(history());
        history.add(entry);
        while (history.size() > MAX_HISTORY) {
            int oldestEvent = -1;
            for (int i = 0; i < history.size() && oldestEvent < 0; i++) {
                oldestEvent = history.get(i).containsKey("to") ? -1 : i;
            }
            if (oldestEvent < 0) {
                break; // only transitions left: all of them stay
            }
            history.remove(oldestEvent);
        }
        idp.getConfig().put(HISTORY, json(history));
    }

    /** A history entry; {@code from} and {@code to} are null for events that do not change the state. */
    private static Map<String, String> entry(RegistrationState from, RegistrationState to, String action, String actor, String reason) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("time", Instant.now().toString());
        entry.put("action", action);
        if (from != null) {
            entry.put("from", from.code());
        }
        if (to != null) {
            entry.put("to", to.code());
        }
        entry.put("actor", actor);
        if (reason != null && !reason.isBlank()) {
            entry.put("reason", reason.length() > 500 ? reason.substring(0, 500) : reason);
        }
        return entry;
    }

    private static String json(Object value) {
        try {
            return JsonSerialization.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write registration data", e);
        }
    }
}
