package de.dvc.iam.core.directory;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchResult;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSimpleBindResult;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.BindResult;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultReference;
import com.unboundid.ldap.sdk.Control;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;

/**
 * An Active Directory-like tree in UnboundID's in-memory directory, served over LDAPS and over LDAP with StartTLS
 * on 127.0.0.1, with users in every account state and a few hostile behaviours keyed by login name:
 * {@code flood@…} (thousands of entries, ignoring the size limit), {@code referral@…} (a search result reference
 * to {@link #referralTarget}), {@code refresult@…} (a referral as the search result), {@code ad533@…}/{@code ad775@…}
 * (a bind refused with Active Directory's diagnostic "data 533"/"data 775").
 */
final class TestDirectory implements AutoCloseable {

    static final String BASE = "DC=musterhausen,DC=example";
    static final String USERS = "OU=Benutzer," + BASE;
    static final String SERVICE_DN = "CN=svc-dvc,OU=Dienstkonten," + BASE;
    static final String SERVICE_SECRET = "svc-Geheim-1";
    static final String PASSWORD = "Sommer-2024!";
    static final String BAUAMT = "CN=GG-Bauamt,OU=Gruppen," + BASE;
    /** objectGUID {12345678-9abc-def0-1234-56789abcdef0} as AD stores it: first three fields little-endian. */
    static final byte[] PAUL_GUID = bytes("78563412bc9af0de123456789abcdef0");
    static final String PAUL_GUID_TEXT = "12345678-9abc-def0-1234-56789abcdef0";

    final TestCertificates certificates;
    final InMemoryDirectoryServer server;
    /** Where {@code referral@…} points: set by a test to a server that must never be contacted. */
    volatile String referralTarget = "ldap://127.0.0.1:1/DC=elsewhere";

    private TestDirectory(TestCertificates certificates) throws Exception {
        this.certificates = certificates;
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setSchema(null); // AD's attributes (objectGUID, userAccountControl, …) without loading AD's schema
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        config.setListenerConfigs(
                InMemoryListenerConfig.createLDAPSConfig("ldaps", loopback, 0, certificates.serverContext().getServerSocketFactory(), null),
                InMemoryListenerConfig.createLDAPConfig("starttls", loopback, 0, certificates.serverContext().getSocketFactory()));
        config.addInMemoryOperationInterceptor(new Hostile());
        server = new InMemoryDirectoryServer(config);
        load();
        server.startListening();
    }

    static TestDirectory start() throws Exception {
        return new TestDirectory(TestCertificates.create());
    }

    static TestDirectory start(TestCertificates certificates) throws Exception {
        return new TestDirectory(certificates);
    }

    int ldapsPort() {
        return server.getListenPort("ldaps");
    }

    int startTlsPort() {
        return server.getListenPort("starttls");
    }

    /** Settings for this directory over LDAPS by host name, Active Directory profile, UPN as login, GG-Bauamt → Sachbearbeitung. */
    DirectorySettingsReader settings() {
        return DirectorySettings.builder().url("ldaps://localhost:" + ldapsPort()).caCertificates(certificates.caPem())
                .bindDn(SERVICE_DN).bindSecret(BindSecret.of(SERVICE_SECRET)).baseDn(USERS).userFilter("(objectClass=user)")
                .loginAttribute("userPrincipalName").profile("active-directory")
                .groupRoles(Map.of(BAUAMT, "Sachbearbeitung"))
                .connectTimeout(Duration.ofMillis(1000)).bindTimeout(Duration.ofMillis(1000)).searchTimeout(Duration.ofMillis(1000));
    }

    static DirectoryNetworkGuard loopbackGuard() {
        return DirectoryNetworkGuard.allowing(java.util.List.of("127.0.0.1/32", "[::1/128]"));
    }

    private void load() throws Exception {
        server.add("dn: " + BASE, "objectClass: domain", "dc: musterhausen");
        for (String ou : new String[] {"Benutzer", "Gruppen", "Dienstkonten", "Ehemalige", "Personen"}) {
            server.add("dn: OU=" + ou + "," + BASE, "objectClass: organizationalUnit", "ou: " + ou);
        }
        server.add("dn: " + SERVICE_DN, "objectClass: user", "cn: svc-dvc", "userPassword: " + SERVICE_SECRET);
        server.add("dn: " + BAUAMT, "objectClass: group", "cn: GG-Bauamt");
        Entry paul = user("Paul Becker", "paul.becker", "Paul", "Becker", 512, "133500000000000000", "0");
        paul.setAttribute("objectGUID", PAUL_GUID);
        paul.addAttribute("department", "Bauamt");
        paul.addAttribute("memberOf", BAUAMT, "CN=GG-Kantine,OU=Gruppen," + BASE);
        server.add(paul);
        server.add(user("Anna Aus", "anna.disabled", "Anna", "Aus", 514, "133500000000000000", "0"));
        Entry locked = user("Lars Lock", "lars.locked", "Lars", "Lock", 512, "133500000000000000", "0");
        locked.addAttribute("lockoutTime", "133600000000000000");
        server.add(locked);
        server.add(user("Nina Neu", "nina.mustchange", "Nina", "Neu", 512, "0", "0"));
        server.add(user("Ede Ende", "ede.expired", "Ede", "Ende", 512, "133500000000000000", "130000000000000000"));
        server.add(user("Rita Rename", "rita.rename", "Rita", "Rename", 512, "133500000000000000", "0"));
        Entry twinA = user("Zwilling A", "twin", "Zora", "Zwilling", 512, "133500000000000000", "0");
        Entry twinB = user("Zwilling B", "twin", "Zeno", "Zwilling", 512, "133500000000000000", "0");
        server.add(twinA);
        server.add(twinB);
        for (String name : new String[] {"ad533", "ad775", "flood", "referral", "refresult"}) {
            server.add(user("Test " + name, name, "Test", name, 512, "133500000000000000", "0"));
        }
        server.add("dn: uid=ines.ldap,OU=Personen," + BASE, "objectClass: inetOrgPerson", "uid: ines.ldap", "cn: Ines Ldap",
                "givenName: Ines", "sn: Ldap", "mail: ines.ldap@musterhausen.example", "ou: Kämmerei",
                "memberOf: " + BAUAMT, "userPassword: " + PASSWORD);
    }

    private static int counter;

    private static Entry user(String cn, String login, String given, String family, int control, String pwdLastSet,
                              String accountExpires) {
        Entry entry = new Entry("CN=" + cn + "," + USERS);
        entry.addAttribute("objectClass", "top", "person", "organizationalPerson", "user");
        entry.addAttribute("cn", cn);
        entry.addAttribute("sAMAccountName", login.length() > 20 ? login.substring(0, 20) : login);
        entry.addAttribute("userPrincipalName", login + "@musterhausen.example");
        entry.addAttribute("mail", login + "@musterhausen.example");
        entry.addAttribute("givenName", given);
        entry.addAttribute("sn", family);
        entry.addAttribute("userAccountControl", String.valueOf(control));
        entry.addAttribute("pwdLastSet", pwdLastSet);
        entry.addAttribute("accountExpires", accountExpires);
        entry.addAttribute("userPassword", PASSWORD);
        byte[] guid = new byte[16];
        guid[15] = (byte) ++counter;
        guid[0] = (byte) 0xaa;
        entry.addAttribute("objectGUID", guid);
        return entry;
    }

    static byte[] bytes(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    @Override
    public void close() {
        server.shutDown(true);
    }

    /** The hostile behaviours, keyed by the login name in the search filter or the bind DN. */
    private final class Hostile extends InMemoryOperationInterceptor {
        @Override
        public void processSearchRequest(InMemoryInterceptedSearchRequest request) throws LDAPException {
            String filter = request.getRequest().getFilter().toString();
            if (filter.contains("flood@")) {
                for (int i = 0; i < 5000; i++) {
                    request.sendSearchEntry(new Entry("CN=Flood " + i + "," + USERS, new com.unboundid.ldap.sdk.Attribute("cn", "Flood " + i)));
                }
            } else if (filter.contains("referral@")) {
                request.sendSearchReference(new SearchResultReference(new String[] {referralTarget}, new Control[0]));
            }
        }

        @Override
        public void processSearchResult(InMemoryInterceptedSearchResult result) {
            if (result.getRequest().getFilter().toString().contains("refresult@")) {
                result.setResult(new LDAPResult(result.getMessageID(), ResultCode.REFERRAL, null, null,
                        new String[] {referralTarget}, null));
            }
        }

        @Override
        public void processSimpleBindResult(InMemoryInterceptedSimpleBindResult result) {
            String dn = result.getRequest().getBindDN();
            for (String code : new String[] {"533", "775"}) {
                if (dn.contains("ad" + code)) {
                    result.setResult(new BindResult(result.getMessageID(), ResultCode.INVALID_CREDENTIALS,
                            "80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data " + code + ", v4563",
                            null, null, null));
                }
            }
        }
    }
}
