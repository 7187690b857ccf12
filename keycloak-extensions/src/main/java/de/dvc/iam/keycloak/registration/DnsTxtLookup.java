package de.dvc.iam.keycloak.registration;

import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

/**
 * Looks up DNS TXT records with the JDK's DNS provider (JNDI), at the configured resolver (option
 * {@code dns-server}, {@code host:port}; the system's resolvers when empty), 2 s per try, one retry.
 * Tests point it at a local DNS server.
 */
final class DnsTxtLookup {

    private final String providerUrl;

    DnsTxtLookup(String server) {
        this.providerUrl = server == null || server.isBlank() ? "dns:" : "dns://" + server.trim();
    }

    /** The TXT strings at {@code name}; empty if there are none or the name does not exist. */
    List<String> txt(String name) throws NamingException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        env.put("java.naming.provider.url", providerUrl);
        env.put("com.sun.jndi.dns.timeout.initial", "2000");
        env.put("com.sun.jndi.dns.timeout.retries", "1");
        DirContext context = new InitialDirContext(env);
        try {
            Attributes attributes = context.getAttributes(name, new String[] {"TXT"});
            Attribute txt = attributes.get("TXT");
            List<String> values = new ArrayList<>();
            if (txt != null) {
                NamingEnumeration<?> all = txt.getAll();
                while (all.hasMore()) {
                    values.add(String.valueOf(all.next()));
                }
            }
            return values;
        } catch (javax.naming.NameNotFoundException e) {
            return List.of();
        } finally {
            context.close();
        }
    }
}
