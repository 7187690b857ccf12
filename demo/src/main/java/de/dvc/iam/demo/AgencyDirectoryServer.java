package de.dvc.iam.demo;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An agency's Active Directory in the demo and the tests: UnboundID's in-memory directory with an AD-like tree
 * ({@code OU=Benutzer}, {@code OU=Gruppen}, {@code OU=Dienstkonten}; objectGUID, userPrincipalName, sAMAccountName,
 * userAccountControl, memberOf), served over LDAPS on the agencies' host {@value AgencyWebServer#ADDRESS} with the agency
 * web server's key pair, whose certificate is the CA DVC is given. Users: a clerk in group {@code GG-Bauamt}, a disabled
 * account, and one whose address belongs to an IT contractor (domain binding refuses her). Demo and tests only.
 */
public final class AgencyDirectoryServer implements AutoCloseable {

    /** The agency behind it. */
    public record Person(String login, String givenName, String familyName, String department, int userAccountControl, List<String> groups) {
    }

    public static final String PASSWORD = "demo";
    private static final String SERVICE_SECRET = "dvc-Lesekonto-2026";

    private final String domain;
    private final String base;
    private final InMemoryDirectoryServer server;
    private final String caPem;

    /**
     * @param domain the agency's email domain, e.g. musterhausen.example ({@code DC=musterhausen,DC=example})
     * @param people the directory's users ({@code login} is the part before the {@code @} unless it has one)
     */
    public AgencyDirectoryServer(AgencyWebServer web, String domain, List<Person> people) throws IOException {
        this(web, domain, 0, people);
    }

    /** As {@link #AgencyDirectoryServer(AgencyWebServer, String, List)} on a given port (the demo: the same at every start). */
    public AgencyDirectoryServer(AgencyWebServer web, String domain, int port, List<Person> people) throws IOException {
        this.domain = domain;
        this.base = "DC=" + String.join(",DC=", domain.split("\\."));
        try {
            InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(base);
            config.setSchema(null); // AD's attributes (objectGUID, userAccountControl, …) without loading AD's schema
            config.setListenerConfigs(InMemoryListenerConfig.createLDAPSConfig("ldaps", InetAddress.getByName(AgencyWebServer.ADDRESS), port,
                    web.serverContext().getServerSocketFactory(), null));
            server = new InMemoryDirectoryServer(config);
            server.add("dn: " + base, "objectClass: domain", "dc: " + domain.split("\\.")[0]);
            for (String ou : List.of("Benutzer", "Gruppen", "Dienstkonten")) {
                server.add("dn: OU=" + ou + "," + base, "objectClass: organizationalUnit", "ou: " + ou);
            }
            server.add("dn: " + serviceDn(), "objectClass: user", "cn: svc-dvc", "userPassword: " + SERVICE_SECRET);
            for (Person person : people) {
                add(person);
            }
            server.startListening();
        } catch (LDAPException | com.unboundid.ldif.LDIFException e) {
            throw new IOException("Cannot start the agency directory of " + domain + ": " + e.getMessage(), e);
        }
        caPem = Files.readString(web.certificate());
    }

    private void add(Person person) throws LDAPException, com.unboundid.ldif.LDIFException {
        String login = person.login().contains("@") ? person.login() : person.login() + "@" + domain;
        Entry entry = new Entry("CN=" + person.givenName() + " " + person.familyName() + "," + usersDn());
        entry.addAttribute("objectClass", "top", "person", "organizationalPerson", "user");
        entry.addAttribute("cn", person.givenName() + " " + person.familyName());
        String sam = login.substring(0, login.indexOf('@'));
        entry.addAttribute("sAMAccountName", sam.length() > 20 ? sam.substring(0, 20) : sam);
        entry.addAttribute("userPrincipalName", login);
        entry.addAttribute("mail", login);
        entry.addAttribute("givenName", person.givenName());
        entry.addAttribute("sn", person.familyName());
        entry.addAttribute("department", person.department());
        entry.addAttribute("userAccountControl", String.valueOf(person.userAccountControl()));
        entry.addAttribute("pwdLastSet", "133500000000000000");
        entry.addAttribute("accountExpires", "0");
        entry.addAttribute("userPassword", PASSWORD);
        entry.addAttribute("objectGUID", guid(login));
        if (!person.groups().isEmpty()) {
            entry.addAttribute("memberOf", person.groups().stream().map(this::groupDn).toList());
        }
        for (String group : person.groups()) {
            if (server.getEntry(groupDn(group)) == null) {
                server.add("dn: " + groupDn(group), "objectClass: group", "cn: " + group);
            }
        }
        server.add(entry);
    }

    /** A stable objectGUID per login (demo restarts keep the users' DVC identities). */
    private static byte[] guid(String login) {
        try {
            return java.util.Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(login.getBytes(StandardCharsets.UTF_8)), 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String groupDn(String group) {
        return "CN=" + group + ",OU=Gruppen," + base;
    }

    public String usersDn() {
        return "OU=Benutzer," + base;
    }

    public String serviceDn() {
        return "CN=svc-dvc,OU=Dienstkonten," + base;
    }

    public int port() {
        return server.getListenPort("ldaps");
    }

    /** The {@code directory} settings of a registration of this directory (AD profile, UPN as login name). */
    public Map<String, Object> settings(Map<String, String> groupRoles) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("url", "ldaps://" + AgencyWebServer.ADDRESS + ":" + port());
        settings.put("caCertificates", caPem);
        settings.put("bindDn", serviceDn());
        settings.put("bindSecret", SERVICE_SECRET);
        settings.put("baseDn", usersDn());
        settings.put("userFilter", "(objectClass=user)");
        settings.put("loginAttribute", "userPrincipalName");
        settings.put("profile", "active-directory");
        Map<String, String> roles = new LinkedHashMap<>();
        groupRoles.forEach((group, role) -> roles.put(groupDn(group), role));
        settings.put("groupRoles", roles);
        return settings;
    }

    /** The service account's new password, as an agency's IT would rotate it. */
    public void changeServiceSecret(String secret) throws LDAPException {
        server.modify(serviceDn(), new com.unboundid.ldap.sdk.Modification(com.unboundid.ldap.sdk.ModificationType.REPLACE, "userPassword", secret));
    }

    /** Renames a user (a new DN, same objectGUID): the DVC identity must stay the same. */
    public void rename(String login, String newGivenName) throws LDAPException {
        Entry entry = server.searchForEntry(usersDn(), com.unboundid.ldap.sdk.SearchScope.SUB,
                com.unboundid.ldap.sdk.Filter.createEqualityFilter("userPrincipalName", login));
        String family = entry.getAttributeValue("sn");
        server.modifyDN(entry.getDN(), "CN=" + newGivenName + " " + family, true);
    }

    @Override
    public void close() {
        server.shutDown(true);
    }
}
