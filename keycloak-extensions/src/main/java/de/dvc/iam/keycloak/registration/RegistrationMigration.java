package de.dvc.iam.keycloak.registration;

import com.fasterxml.jackson.core.type.TypeReference;
import de.dvc.iam.core.registration.RegistrationState;
import de.dvc.iam.keycloak.store.RegistrationEntity;
import de.dvc.iam.keycloak.store.RegistrationStore;
import org.jboss.logging.Logger;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.IdentityProviderQuery;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Moves registrations of the old format (everything in the IdP's configuration, keys {@code dvc.registration.*}) into
 * DVC's tables: once for all at start ({@link #migrateAll}, one transaction per IdP, on whichever node starts first),
 * and for a straggler when it is first read ({@link #row}). Nothing is lost: state, agency, submitter, source, domains
 * with their proofs, the report, a pending change, the refresh state and every history entry move; the IdP then keeps
 * only the login projection ({@link RegistrationRecord#project()}).
 */
final class RegistrationMigration {

    private static final Logger LOG = Logger.getLogger(RegistrationMigration.class);

    /** The old format's keys; {@value RegistrationRecord#STATE} and {@value RegistrationRecord#DOMAINS} stay as the projection. */
    static final String AGENCY = "dvc.registration.agency";
    static final String SUBMITTER = "dvc.registration.submitter";
    static final String SOURCE = "dvc.registration.source";
    static final String REPORT = "dvc.registration.report";
    static final String HISTORY = "dvc.registration.history";
    static final String DOMAIN_TOKEN = "dvc.registration.domain-token";
    static final String DOMAINS_PROVEN = "dvc.registration.domains-proven";
    /** Where an old history that cannot be read stays, as it was (not a key of the old format: not moved again). */
    static final String UNREADABLE_HISTORY = "dvc.registration.history-unreadable";
    static final String CHANGE = "dvc.registration.change";
    static final String FAILURES = "dvc.registration.refresh-failures";
    static final String NEXT = "dvc.registration.refresh-next";
    static final String LAST = "dvc.registration.refresh-last";
    static final String PENDING = "dvc.registration.key-change-pending";
    private static final List<String> OLD_KEYS = List.of(AGENCY, SUBMITTER, SOURCE, REPORT, HISTORY, DOMAIN_TOKEN, DOMAINS_PROVEN,
            CHANGE, FAILURES, NEXT, LAST, PENDING);

    private RegistrationMigration() {
    }

    /** The row of registration {@code idp}, moved from the old format first if it has none (in the caller's transaction). */
    static RegistrationEntity row(KeycloakSession session, String realmId, IdentityProviderModel idp) {
        RegistrationStore store = RegistrationStore.of(session);
        return store.find(realmId, idp.getAlias()).orElseGet(() -> migrate(session, realmId, idp));
    }

    /** Whether {@code idp}'s configuration still holds a registration of the old format. */
    static boolean oldFormat(IdentityProviderModel idp) {
        return idp.getConfig().containsKey(AGENCY) || idp.getConfig().containsKey(HISTORY);
    }

    private static RegistrationEntity migrate(KeycloakSession session, String realmId, IdentityProviderModel idp) {
        Map<String, String> config = idp.getConfig();
        if (!RegistrationRecord.isRegistration(idp)) {
            throw new IllegalStateException("IdP " + idp.getAlias() + " is no registration");
        }
        RegistrationEntity row = new RegistrationEntity();
        row.setId(KeycloakModelUtils.generateId());
        row.setRealmId(realmId);
        row.setAlias(idp.getAlias());
        row.setAgency(config.containsKey(AGENCY) ? config.get(AGENCY) : agencyOf(session, idp));
        row.setProtocol(idp.getProviderId());
        row.setState(RegistrationRecord.projectedState(idp).code());
        row.setSubmitter(config.get(SUBMITTER));
        row.setSource(truncate(config.get(SOURCE), 2000));
        row.setEntityId(RegistrationRecord.entityId(idp));
        String token = config.get(DOMAIN_TOKEN);
        boolean newToken = token == null || token.length() < 20;
        // A token the proofs cannot use (missing or too short) is replaced; the agency publishes the new one.
        row.setDomainToken(newToken ? de.dvc.iam.core.registration.DomainProof.newToken() : token);
        row.setPendingChange(blankToNull(config.get(CHANGE)));
        row.setReport(config.getOrDefault(REPORT, "{}"));
        long now = System.currentTimeMillis();
        row.setUpdated(now);
        row.setRefreshFailures(parseInt(config.get(FAILURES)));
        row.setNextRefresh(parseTime(config.get(NEXT)).orElse(0L));
        row.setKeyChangePending("true".equals(config.get(PENDING)));
        row.setCertificateExpiry(RegistrationRecord.certificateExpiry(idp));
        String last = config.get(LAST);
        if (last != null && last.contains(" ")) {
            parseTime(last.substring(0, last.indexOf(' '))).ifPresent(row::setLastRefresh);
            row.setLastOutcome(truncate(last.substring(last.indexOf(' ') + 1), 64));
        }
        java.util.Optional<List<Map<String, String>>> readable = history(config.get(HISTORY));
        List<Map<String, String>> history = readable.orElse(List.of());
        row.setCreated(history.isEmpty() ? now : parseTime(history.get(0).get("time")).orElse(now));
        RegistrationStore.of(session).create(row);
        RegistrationRecord record = RegistrationRecord.of(session, idp); // finds the row just created
        // In their declared order; lowercased, without repeats (an old value written by hand may have either).
        List<String> domains = RegistrationRecord.list(config.get(RegistrationRecord.DOMAINS));
        Set<String> proven = new TreeSet<>(RegistrationRecord.split(config.get(DOMAINS_PROVEN)));
        proven.retainAll(domains);
        record.writeDomains(domains, proven);
        for (Map<String, String> entry : history) {
            record.append(state(entry.get("from")), state(entry.get("to")), String.valueOf(entry.getOrDefault("action", "unknown")),
                    entry.get("actor"), entry.get("reason"), Instant.ofEpochMilli(parseTime(entry.get("time")).orElse(now)));
        }
        String rawHistory = config.get(HISTORY);
        boolean unreadable = readable.isEmpty();
        record.note("migrate", "DVC IAM", "moved from the IdP's configuration to DVC's registration tables"
                + (newToken ? "; a new domain proof token was issued (the stored one was unusable)" : "")
                + (unreadable ? "; the old history was unreadable and is kept as it was in " + UNREADABLE_HISTORY : ""));
        OLD_KEYS.forEach(config::remove);
        if (unreadable) {
            config.put(UNREADABLE_HISTORY, rawHistory); // nothing is lost: an operator can read it in the admin console
        }
        record.project();
        session.identityProviders().update(idp);
        LOG.infof("Registration %s (agency %s) moved to DVC's tables with %d history entries.", idp.getAlias(), row.getAgency(), history.size());
        return row;
    }

    /**
     * Moves every registration of the old format of every realm, each in its own transaction; one that fails (e.g. another
     * node moved it at the same time) is logged and left for its first read.
     */
    static void migrateAll(KeycloakSessionFactory factory) {
        List<String[]> old = new ArrayList<>();
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.realms().getRealmsStream().forEach(realm -> {
            session.getContext().setRealm(realm);
            for (RegistrationState state : RegistrationState.values()) {
                session.identityProviders().getAllStream(IdentityProviderQuery.any().with(RegistrationRecord.STATE, state.code()), null, null)
                        .filter(RegistrationMigration::oldFormat).forEach(idp -> old.add(new String[] {realm.getId(), idp.getAlias()}));
            }
        }));
        int moved = 0;
        int byOthers = 0;
        for (String[] entry : old) {
            boolean[] didMove = {false};
            try {
                KeycloakModelUtils.runJobInTransaction(factory, session -> {
                    RealmModel realm = session.realms().getRealm(entry[0]);
                    session.getContext().setRealm(realm);
                    IdentityProviderModel idp = session.identityProviders().getByAlias(entry[1]);
                    // A row already there: another node moved it (this node's cached IdP may still show the old keys).
                    if (idp != null && oldFormat(idp) && RegistrationStore.of(session).find(realm.getId(), idp.getAlias()).isEmpty()) {
                        migrate(session, realm.getId(), idp);
                        didMove[0] = true;
                    }
                });
                if (didMove[0]) {
                    moved++;
                } else {
                    byOthers++; // moved (or removed) since this node listed it
                }
            } catch (org.keycloak.models.ModelDuplicateException e) {
                // Nodes starting together on the old data: another node's transaction moved it first (the unique key).
                byOthers++;
            } catch (RuntimeException e) {
                LOG.warnf("Registration %s was not moved to DVC's tables now (%s); it is moved when it is first read.", entry[1], e);
            }
        }
        if (!old.isEmpty()) {
            LOG.infof("%d of %d registration(s) of the old format moved to DVC's tables%s.", moved, old.size(),
                    byOthers == 0 ? "" : "; " + byOthers + " moved by another node starting at the same time");
        }
    }

    private static String agencyOf(KeycloakSession session, IdentityProviderModel idp) {
        // an agency's id is its organization's alias
        return de.dvc.iam.keycloak.agency.AgencyOrganizations.ofIdp(session, idp).map(org.keycloak.models.OrganizationModel::getAlias)
                .orElse("unknown");
    }

    /** @return the old history, empty if it cannot be read (none at all reads as an empty list) */
    private static java.util.Optional<List<Map<String, String>>> history(String value) {
        if (value == null || value.isBlank()) {
            return java.util.Optional.of(List.of());
        }
        try {
            List<Map<String, String>> history = JsonSerialization.readValue(value, new TypeReference<List<Map<String, String>>>() { });
            return java.util.Optional.of(history == null ? List.of() : history);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("A registration's old history is unreadable; it stays as text in %s: %s", UNREADABLE_HISTORY, e.getMessage());
            return java.util.Optional.empty();
        }
    }

    private static RegistrationState state(String code) {
        try {
            return code == null ? null : RegistrationState.fromCode(code);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static java.util.Optional<Long> parseTime(String value) {
        try {
            return value == null ? java.util.Optional.empty() : java.util.Optional.of(Instant.parse(value.trim()).toEpochMilli());
        } catch (java.time.format.DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

    private static int parseInt(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
