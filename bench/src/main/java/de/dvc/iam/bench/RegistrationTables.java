package de.dvc.iam.bench;

import de.dvc.iam.demo.ServerDatabase;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * What DVC's registration tables of a stopped server hold (its H2 file, opened with the benchmark's own database
 * credentials), and the one change the benchmark makes behind the server's back: every registration due again.
 *
 * @param idps          IdPs of all realms
 * @param oldKeys       IdP configuration values under a key of the old format still present (0 once all moved)
 * @param registrations rows of {@code DVC_REGISTRATION}
 * @param events        history rows
 * @param domains       domain rows
 * @param hashed        registrations with a document hash (fetched and parsed at least once)
 * @param lastOutcomes  registrations by their last refresh's outcome
 */
record RegistrationTables(long idps, long oldKeys, long registrations, long events, long domains, long hashed,
                          Map<String, Long> lastOutcomes) {

    /** The keys the IdP keeps after the move (the login projection). */
    private static final String PROJECTION = "('dvc.registration.state', 'dvc.registration.domains', 'dvc.registration.assertable-domains')";

    static RegistrationTables read(Path home, Path state, String user, String password) throws Exception {
        try (Connection db = ServerDatabase.open(home, state, user, password); Statement sql = db.createStatement()) {
            Map<String, Long> outcomes = new TreeMap<>();
            try (ResultSet rows = sql.executeQuery("SELECT COALESCE(LAST_OUTCOME, '(none)') AS O, COUNT(*) FROM DVC_REGISTRATION GROUP BY COALESCE(LAST_OUTCOME, '(none)')")) {
                while (rows.next()) {
                    outcomes.put(rows.getString(1), rows.getLong(2));
                }
            }
            return new RegistrationTables(count(sql, "SELECT COUNT(*) FROM IDENTITY_PROVIDER"),
                    count(sql, "SELECT COUNT(*) FROM IDENTITY_PROVIDER_CONFIG WHERE NAME LIKE 'dvc.registration.%' AND NAME NOT IN " + PROJECTION),
                    count(sql, "SELECT COUNT(*) FROM DVC_REGISTRATION"), count(sql, "SELECT COUNT(*) FROM DVC_REGISTRATION_EVENT"),
                    count(sql, "SELECT COUNT(*) FROM DVC_REGISTRATION_DOMAIN"),
                    count(sql, "SELECT COUNT(*) FROM DVC_REGISTRATION WHERE DOCUMENT_HASH IS NOT NULL"), outcomes);
        }
    }

    /**
     * Stores the empty broker settings ({@code BrokerSettings.saml()}, e.g. {@code artifactResolutionServiceUrl=""}) in the
     * benchmark's SAML IdPs, as DVC's registration API stores them: Keycloak's admin REST API, through which the benchmark
     * created them, drops empty configuration values.
     *
     * @return configuration rows added
     */
    static int storeEmptyBrokerSettings(Path home, Path state, String user, String password) throws Exception {
        int added = 0;
        try (Connection db = ServerDatabase.open(home, state, user, password)) {
            for (Map.Entry<String, String> setting : de.dvc.iam.core.registration.BrokerSettings.saml().entrySet()) {
                if (!setting.getValue().isEmpty()) {
                    continue;
                }
                try (java.sql.PreparedStatement insert = db.prepareStatement("INSERT INTO IDENTITY_PROVIDER_CONFIG (IDENTITY_PROVIDER_ID, NAME, VALUE) "
                        + "SELECT p.INTERNAL_ID, ?, '' FROM IDENTITY_PROVIDER p WHERE p.PROVIDER_ID = 'saml' AND p.PROVIDER_ALIAS LIKE 'bench-%' "
                        + "AND NOT EXISTS (SELECT 1 FROM IDENTITY_PROVIDER_CONFIG c WHERE c.IDENTITY_PROVIDER_ID = p.INTERNAL_ID AND c.NAME = ?)")) {
                    insert.setString(1, setting.getKey());
                    insert.setString(2, setting.getKey());
                    added += insert.executeUpdate();
                }
            }
        }
        return added;
    }

    /** Makes every registration due now: the next round is a full one. */
    static int allDue(Path home, Path state, String user, String password) throws Exception {
        try (Connection db = ServerDatabase.open(home, state, user, password); Statement sql = db.createStatement()) {
            return sql.executeUpdate("UPDATE DVC_REGISTRATION SET NEXT_REFRESH = 0");
        }
    }

    private static long count(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
