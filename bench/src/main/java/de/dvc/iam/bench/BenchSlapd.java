package de.dvc.iam.bench;

import de.dvc.iam.demo.SlapdRoot;
import de.dvc.iam.demo.SlapdServer;
import de.dvc.iam.demo.SlapdTree;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The directory benchmark's OpenLDAP slapd ({@link SlapdServer}, Musterhausen's tree): its users {@code bench-N} and how
 * DVC (a directory registration) and stock Keycloak (an LDAP provider) are pointed at it, alike: LDAPS with slapd's CA,
 * the tree's service account, users below {@link SlapdTree#USERS}, login by {@code uid}.
 */
final class BenchSlapd {

    private BenchSlapd() {
    }

    static String user(int index) {
        return "bench-" + index;
    }

    /** Users {@code bench-0} … beside the tree's own people: inetOrgPerson, mail in {@code domain}, password {@code password}. */
    static void addUsers(SlapdRoot root, int count, String domain, String password) throws Exception {
        for (int u = 0; u < count; u++) {
            root.add("dn: uid=" + user(u) + "," + SlapdTree.USERS, "objectClass: inetOrgPerson", "uid: " + user(u), "cn: Bench Nutzer " + u,
                    "givenName: Bench", "sn: Nutzer " + u, "mail: " + user(u) + "@" + domain, "ou: Referat " + u, "userPassword: " + password);
        }
    }

    /** The {@code directory} object of a registration of slapd: inetOrgPerson profile, login by uid, default pool and timeouts. */
    static Map<String, Object> dvcSettings(SlapdServer slapd) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("url", slapd.ldapsUrl());
        settings.put("caCertificates", slapd.caPem());
        settings.put("bindDn", SlapdTree.SERVICE_DN);
        settings.put("bindSecret", SlapdTree.SERVICE_PASSWORD);
        settings.put("baseDn", SlapdTree.USERS);
        settings.put("userFilter", "(objectClass=inetOrgPerson)");
        settings.put("loginAttribute", "uid");
        settings.put("profile", "inet-org-person");
        settings.put("groupRoles", Map.of(SlapdTree.BAUAMT, "Sachbearbeitung"));
        return settings;
    }

    /** Stock Keycloak's LDAP provider for slapd. */
    static StockLdapRealm.Provider stockProvider(SlapdServer slapd) {
        return new StockLdapRealm.Provider("slapd", slapd.ldapsUrl(), SlapdTree.SERVICE_DN, SlapdTree.SERVICE_PASSWORD, SlapdTree.USERS);
    }
}
