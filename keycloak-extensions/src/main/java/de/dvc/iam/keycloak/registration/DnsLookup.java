package de.dvc.iam.keycloak.registration;

import de.dvc.iam.core.outbound.GuardedHttpClient;

import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.regex.Pattern;

/**
 * DNS for the registration API: TXT records of domain proofs and the addresses the guarded client
 * connects to, both asked at the configured resolver (option {@code dns-server}, {@code host:port}; the
 * system's resolvers when empty) with the JDK's DNS provider (JNDI), 2 s per try, one retry. Tests
 * point it at a local DNS server, so names like {@code registeramt.example} reach their test web server.
 */
public final class DnsLookup {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final String server;
    private final String providerUrl;

    public DnsLookup(String server) {
        this.server = server == null ? "" : server.trim();
        this.providerUrl = this.server.isEmpty() ? "dns:" : "dns://" + this.server;
    }

    /** The TXT strings at {@code name}; empty if there are none or the name does not exist. */
    List<String> txt(String name) throws NamingException {
        return values(name, "TXT");
    }

    /**
     * The guarded client's resolver: IP literals as they are, names through the configured resolver
     * (A and AAAA), or the system's when none is configured.
     */
    public GuardedHttpClient.Resolver resolver() {
        if (server.isEmpty()) {
            return GuardedHttpClient.Resolver.SYSTEM;
        }
        return host -> {
            if (IPV4.matcher(host).matches() || host.contains(":")) {
                return List.of(InetAddress.getByName(host)); // a literal: parsed, never looked up
            }
            if (host.equalsIgnoreCase("localhost")) {
                // RFC 6761: never asked of DNS; the guard still refuses it unless allowed
                return List.of(InetAddress.getAllByName("localhost"));
            }
            List<InetAddress> addresses = new ArrayList<>();
            try {
                for (String type : List.of("A", "AAAA")) {
                    for (String value : values(host, type)) {
                        addresses.add(InetAddress.getByAddress(host, InetAddress.getByName(value).getAddress()));
                    }
                }
            } catch (NamingException e) {
                throw new UnknownHostException(host);
            }
            if (addresses.isEmpty()) {
                throw new UnknownHostException(host);
            }
            return addresses;
        };
    }

    private List<String> values(String name, String type) throws NamingException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        env.put("java.naming.provider.url", providerUrl);
        env.put("com.sun.jndi.dns.timeout.initial", "2000");
        env.put("com.sun.jndi.dns.timeout.retries", "1");
        DirContext context = new InitialDirContext(env);
        try {
            Attributes attributes = context.getAttributes(name, new String[] {type});
            Attribute values = attributes.get(type);
            List<String> result = new ArrayList<>();
            if (values != null) {
                NamingEnumeration<?> all = values.getAll();
                while (all.hasMore()) {
                    result.add(String.valueOf(all.next()));
                }
            }
            return result;
        } catch (javax.naming.NameNotFoundException e) {
            return List.of();
        } finally {
            context.close();
        }
    }
}
