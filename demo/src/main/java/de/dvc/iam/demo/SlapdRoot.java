package de.dvc.iam.demo;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldif.LDIFException;
import com.unboundid.util.ssl.SSLUtil;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * The harness's own account at a {@link SlapdServer}: the database's root DN, with a password made for this instance,
 * over LDAPS trusting only the instance's CA. Tests use it to change the directory while DVC looks at it (lock an
 * account, rename or move an entry); DVC itself only ever gets the service account {@link SlapdTree#SERVICE_DN}.
 * Every call opens and closes its own connection, so it is thread-safe and holds nothing between calls.
 */
public final class SlapdRoot {

    public static final String DN = "cn=admin," + SlapdTree.BASE;

    private final String address;
    private final int ldapsPort;
    private final X509Certificate ca;
    private final String password;

    SlapdRoot(String address, int ldapsPort, X509Certificate ca, String password) {
        this.address = address;
        this.ldapsPort = ldapsPort;
        this.ca = ca;
        this.password = password;
    }

    /** This instance's root password (for {@code ldapsearch -D} {@value #DN} while debugging). */
    public String password() {
        return password;
    }

    /** A new LDAPS connection bound as {@value #DN}; the caller closes it. */
    public LDAPConnection connect() throws LDAPException {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(2000);
        options.setResponseTimeoutMillis(5000);
        try {
            return new LDAPConnection(new SSLUtil(trustingCa()).createSSLSocketFactory(), options, address, ldapsPort, DN, password);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this JVM", e);
        }
    }

    /** Changes an entry, e.g. {@code new Modification(ModificationType.REPLACE, "sn", "Neu")}. */
    public void modify(String dn, Modification... modifications) throws LDAPException {
        try (LDAPConnection root = connect()) {
            root.modify(dn, modifications);
        }
    }

    /**
     * Renames or moves an entry (modify DN, RFC 4511 section 4.9), deleting the old RDN value.
     *
     * @param newSuperior the new parent's DN, or null to stay in place
     */
    public void rename(String dn, String newRdn, String newSuperior) throws LDAPException {
        try (LDAPConnection root = connect()) {
            root.modifyDN(dn, newRdn, true, newSuperior);
        }
    }

    /**
     * Adds an entry given as LDIF lines ({@code "dn: …", "objectClass: …", …}).
     *
     * @throws IllegalArgumentException if the lines are not one LDIF entry
     */
    public void add(String... ldifLines) throws LDAPException {
        try (LDAPConnection root = connect()) {
            root.add(ldifLines);
        } catch (LDIFException e) {
            throw new IllegalArgumentException("Not an LDIF entry: " + e.getMessage(), e);
        }
    }

    public void delete(String dn) throws LDAPException {
        try (LDAPConnection root = connect()) {
            root.delete(dn);
        }
    }

    private X509TrustManager trustingCa() throws GeneralSecurityException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("ca", ca);
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(store);
            return (X509TrustManager) Arrays.stream(factory.getTrustManagers()).filter(X509TrustManager.class::isInstance)
                    .findFirst().orElseThrow();
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
    }
}
