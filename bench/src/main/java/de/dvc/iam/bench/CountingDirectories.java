package de.dvc.iam.bench;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSimpleBindRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.LDAPException;
import de.dvc.iam.demo.AgencyWebServer;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Small agency directories for the scale case: {@code count} UnboundID in-memory directories over LDAPS on the agencies'
 * host {@value AgencyWebServer#ADDRESS} (the agency web server's key pair, whose certificate DVC and stock Keycloak
 * trust), each with a service account and a few inetOrgPerson users, and one interceptor that counts every search and
 * bind reaching any of them. Many registered directories or LDAP providers share one of these: what is counted is what
 * reached a directory, whichever it was.
 */
final class CountingDirectories implements AutoCloseable {

    static final String SERVICE_SECRET = "klein-Lesekonto-1";
    private static final int USERS = 3;

    /** One of the directories: where it listens and its tree. */
    record Directory(int port, String base) {
        String url() {
            return "ldaps://" + AgencyWebServer.ADDRESS + ":" + port;
        }

        String usersDn() {
            return "ou=Benutzer," + base;
        }

        String serviceDn() {
            return "cn=svc-dvc," + base;
        }
    }

    private final List<InMemoryDirectoryServer> servers = new ArrayList<>();
    private final List<Directory> directories = new ArrayList<>();
    private final LongAdder searches = new LongAdder();
    private final LongAdder binds = new LongAdder();
    private final String caPem;

    CountingDirectories(AgencyWebServer web, int count) throws IOException {
        caPem = Files.readString(web.certificate());
        InMemoryOperationInterceptor counter = new InMemoryOperationInterceptor() {
            @Override
            public void processSearchRequest(InMemoryInterceptedSearchRequest request) {
                searches.increment();
            }

            @Override
            public void processSimpleBindRequest(InMemoryInterceptedSimpleBindRequest request) {
                binds.increment();
            }
        };
        try {
            for (int i = 0; i < count; i++) {
                String base = "dc=klein-" + i + ",dc=example";
                InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(base);
                config.setSchema(null); // entries as given; entryUUID is still generated
                config.addInMemoryOperationInterceptor(counter);
                config.setListenerConfigs(InMemoryListenerConfig.createLDAPSConfig("ldaps", InetAddress.getByName(AgencyWebServer.ADDRESS), 0,
                        web.serverContext().getServerSocketFactory(), null));
                InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
                servers.add(server);
                server.add("dn: " + base, "objectClass: domain", "dc: klein-" + i);
                server.add("dn: ou=Benutzer," + base, "objectClass: organizationalUnit", "ou: Benutzer");
                server.add("dn: cn=svc-dvc," + base, "objectClass: applicationProcess", "objectClass: simpleSecurityObject",
                        "cn: svc-dvc", "userPassword: " + SERVICE_SECRET);
                for (int u = 0; u < USERS; u++) {
                    String uid = "klein" + i + "-" + u;
                    server.add("dn: uid=" + uid + ",ou=Benutzer," + base, "objectClass: inetOrgPerson", "uid: " + uid, "cn: Klein " + u,
                            "sn: Klein", "givenName: Person " + u, "mail: " + uid + "@klein-" + i + ".example", "userPassword: klein");
                }
                server.startListening();
                directories.add(new Directory(server.getListenPort("ldaps"), base));
            }
        } catch (LDAPException | com.unboundid.ldif.LDIFException e) {
            close();
            throw new IOException("Cannot start the small in-memory directories: " + e.getMessage(), e);
        }
    }

    List<Directory> directories() {
        return directories;
    }

    long searches() {
        return searches.sum();
    }

    long binds() {
        return binds.sum();
    }

    /** DVC registration settings ({@code directory} object) of directory {@code index}, inetOrgPerson profile, login by uid. */
    Map<String, Object> dvcSettings(int index) {
        Directory directory = directories.get(index);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("url", directory.url());
        settings.put("caCertificates", caPem);
        settings.put("bindDn", directory.serviceDn());
        settings.put("bindSecret", SERVICE_SECRET);
        settings.put("baseDn", directory.usersDn());
        settings.put("userFilter", "(objectClass=inetOrgPerson)");
        settings.put("loginAttribute", "uid");
        settings.put("profile", "inet-org-person");
        settings.put("groupRoles", Map.of());
        return settings;
    }

    @Override
    public void close() {
        servers.forEach(server -> server.shutDown(true));
    }
}
