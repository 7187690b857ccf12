package de.dvc.iam.core.directory;

import com.unboundid.ldap.sdk.DereferencePolicy;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchScope;
import de.dvc.iam.core.profile.AttributeProfile;
import de.dvc.iam.core.registration.Finding;
import de.dvc.iam.core.registration.ValidationReport;

import javax.net.ssl.SSLException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a submitted directory the way a login will meet it and reports every finding with its fix, in the
 * registration's report format ({@link ValidationReport}): network (operator allow-list), TLS (chain to the
 * registered CA, host name, validity, BSI TR-02102-1 strength), the service account's bind, the base DN, and a
 * search for a test account named by the agency admin with a preview of the DVC identity contract it would give
 * ({@link ContractPreview}). The test account's password is not asked for: its login is the separate test login
 * of the registration lifecycle.
 *
 * <p>Opens one connection of its own, closed at the end; stateless and thread-safe.
 */
public final class DirectoryValidation {

    /**
     * @param report  the findings
     * @param preview the test account's contract, if it was found and mapped
     */
    public record Result(ValidationReport report, Optional<Map<String, Object>> preview) {
    }

    private DirectoryValidation() {
    }

    /**
     * @param testLogin a login name of a test account (e.g. its userPrincipalName); blank skips the search
     * @param contract  the contract profile with the directory's overrides ({@code settings.profile().contractProfile()} if none)
     */
    public static Result validate(String directory, DirectorySettings settings, DirectoryNetworkGuard guard, String testLogin,
                                  AttributeProfile contract, Instant now) {
        List<Finding> findings = new ArrayList<>();
        if (settings.transport() == Transport.PLAIN) {
            findings.add(Finding.warning("insecure_transport", "The directory is reached by plain LDAP: passwords travel in clear"
                    + " text. Allowed only for demos and tests.", "Use ldaps:// (port 636) or ldap:// with StartTLS."));
        }
        if (!network(settings, guard, findings)) {
            return new Result(ValidationReport.of(findings), Optional.empty());
        }
        RecordingTrust trust = new RecordingTrust(DirectoryTrust.trustManager(settings.trustAnchors()));
        DirectoryConnector connector = new DirectoryConnector(settings, guard, trust);
        Optional<Map<String, Object>> preview = Optional.empty();
        LDAPConnection connection;
        try {
            connection = connector.connect();
        } catch (LDAPException e) {
            findings.add(connectFailure(e, settings, trust));
            TlsFindings.check(trust.chain(), settings.trustAnchors(), now, findings::add);
            return new Result(ValidationReport.of(findings), preview);
        }
        try {
            TlsFindings.check(trust.chain(), settings.trustAnchors(), now, findings::add);
            connection.bind(connector.serviceBind());
            if (baseDnExists(connection, settings, findings) && testLogin != null && !testLogin.isBlank()) {
                preview = testAccount(connection, directory, settings, testLogin.strip(), contract, now, findings);
            }
        } catch (LDAPException e) {
            findings.add(e.getResultCode() == ResultCode.INVALID_CREDENTIALS
                    ? Finding.error("service_bind_refused", "The directory refused the bind DN '" + settings.bindDn() + "' with"
                    + " the given secret.", "Check the bind DN and its password, and that the account is enabled and not locked.")
                    : Finding.error("directory_failed", "The directory failed: result " + e.getResultCode().intValue() + " ("
                    + e.getResultCode().getName() + ").", "Check that the directory server is running and answers within "
                    + settings.bindTimeout().toMillis() + " ms."));
        } finally {
            connection.close();
        }
        return new Result(ValidationReport.of(findings), preview);
    }

    private static boolean network(DirectorySettings settings, DirectoryNetworkGuard guard, List<Finding> findings) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(settings.url().host());
        } catch (UnknownHostException e) {
            findings.add(Finding.error("host_not_found", "The host name '" + settings.url().host() + "' does not resolve.",
                    "Give a host name that DVC's name servers know, or ask the DVC operators how your network is reached."));
            return false;
        }
        boolean any = false;
        for (InetAddress address : addresses) {
            Optional<String> refusal = guard.refusal(address, settings.url().port());
            refusal.ifPresent(reason -> findings.add(Finding.error("network_not_allowed", "DVC may not connect there: " + reason + ".",
                    "Ask the DVC operators to add your directory's network to the LDAP allow-list, or use an address on an allowed network.")));
            any |= refusal.isEmpty();
        }
        return any;
    }

    private static Finding connectFailure(LDAPException e, DirectorySettings settings, RecordingTrust trust) {
        boolean tls = false;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            tls |= cause instanceof SSLException || cause instanceof CertificateException;
        }
        if (tls && trust.chain() != null && !trust.chainTrusted()) {
            return Finding.error("tls_not_trusted", "The directory's TLS certificate does not chain to the CA certificate(s) given.",
                    "Give the CA certificate that issued the directory's certificate (the root or issuing CA of your AD CS).");
        }
        if (tls && trust.chain() != null) {
            return Finding.error("tls_host_mismatch", "The directory's TLS certificate does not name the host '"
                    + settings.url().host() + "'.", "Use the host name the certificate names (its subject alternative names),"
                    + " or issue a certificate that names this host.");
        }
        if (tls) {
            return Finding.error("tls_failed", "No TLS connection could be made (no certificate received).",
                    "Check that the port speaks " + (settings.transport() == Transport.LDAPS ? "LDAPS" : "LDAP with StartTLS")
                    + " and offers TLS 1.2 or 1.3.");
        }
        return Finding.error("directory_unreachable", "No connection to " + settings.url() + " within "
                + settings.connectTimeout().toMillis() + " ms (result " + e.getResultCode().getName() + ").",
                "Check the host, the port and the firewall between DVC's network and the directory.");
    }

    private static boolean baseDnExists(LDAPConnection connection, DirectorySettings settings, List<Finding> findings)
            throws LDAPException {
        try {
            if (connection.getEntry(settings.baseDn(), "1.1") != null) {
                return true;
            }
        } catch (LDAPException e) {
            if (e.getResultCode() != ResultCode.NO_SUCH_OBJECT && e.getResultCode() != ResultCode.REFERRAL) {
                throw e;
            }
        }
        findings.add(Finding.error("base_dn_not_found", "The base DN '" + settings.baseDn() + "' does not exist on this directory"
                + " (or the service account may not read it).", "Give the DN of the OU (or domain) that holds your users."));
        return false;
    }

    private static Optional<Map<String, Object>> testAccount(LDAPConnection connection, String directory, DirectorySettings settings,
                                                             String login, AttributeProfile contract, Instant now,
                                                             List<Finding> findings) throws LDAPException {
        Filter filter = Filter.createANDFilter(Filter.create(settings.userFilter()),
                Filter.createEqualityFilter(settings.loginAttribute().ldapName(), login));
        SearchRequest request = new SearchRequest(settings.baseDn(), SearchScope.SUB, DereferencePolicy.NEVER, DirectoryClient.SIZE_LIMIT,
                (int) Math.max(1, settings.searchTimeout().toSeconds()), false, filter,
                settings.profile().requestedAttributes().toArray(String[]::new));
        request.setResponseTimeoutMillis(settings.searchTimeout().toMillis());
        SearchResult result;
        try {
            result = connection.search(request);
        } catch (LDAPSearchException e) {
            if (e.getResultCode() != ResultCode.SIZE_LIMIT_EXCEEDED) {
                throw e;
            }
            result = e.getSearchResult();
        }
        String where = "under '" + settings.baseDn() + "' with " + settings.userFilter() + " and " + settings.loginAttribute().ldapName() + "=" + login;
        if (result.getEntryCount() > 1 || result.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) {
            findings.add(Finding.error("test_account_ambiguous", "More than one entry matches " + where + ".",
                    "Choose a login attribute that is unique (userPrincipalName), or narrow the user filter."));
            return Optional.empty();
        }
        if (result.getEntryCount() == 0) {
            findings.add(Finding.error("test_account_not_found", "No entry matches " + where + ".",
                    "Check the base DN, the user filter, the login attribute and the test account's name."));
            return Optional.empty();
        }
        return ContractPreview.of(directory, settings, result.getSearchEntries().get(0), contract, now, findings::add);
    }
}
