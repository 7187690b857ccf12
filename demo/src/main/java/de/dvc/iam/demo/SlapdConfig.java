package de.dvc.iam.demo;

import java.nio.file.Path;

/**
 * The {@code slapd.conf} of a {@link SlapdServer}: Debian's module and schema locations, TLS from files in the
 * instance's directory, one mdb database for {@link SlapdTree#BASE} with the memberof overlay (so users carry
 * {@code memberOf}, as in Active Directory) and the ppolicy overlay (lockout, administrative lock, must-change).
 *
 * <p>slapd.conf rather than cn=config: it is read once at start and never written back, which is all a throw-away
 * instance needs, and it reads as one file. OpenLDAP 2.5 still supports it (slapd.conf(5)).
 */
final class SlapdConfig {

    static final Path MODULES = Path.of("/usr/lib/ldap");
    static final Path SCHEMAS = Path.of("/etc/ldap/schema");
    static final String CA_FILE = "ca.pem";
    static final String CERTIFICATE_FILE = "server.pem";
    static final String KEY_FILE = "server.key";
    static final String DATA_DIR = "data";

    private SlapdConfig() {
    }

    /**
     * @param dir          the instance's directory: certificates, database, pid file
     * @param rootDn       the database's root DN (the harness's own account, never given to DVC)
     * @param rootPassword its password, in clear: the file is readable only by slapd's user
     */
    static String text(Path dir, String rootDn, String rootPassword) {
        return """
                # Written by SlapdServer (demo module) for one test or demo run; deleted with the instance.
                include %1$s/core.schema
                include %1$s/cosine.schema
                include %1$s/inetorgperson.schema
                include %1$s/nis.schema
                modulepath %2$s
                moduleload back_mdb
                moduleload memberof
                moduleload ppolicy
                pidfile %3$s/slapd.pid
                argsfile %3$s/slapd.args

                # TLS 1.2 or newer only (BSI TR-02102-2); the key is the harness's, made for this instance.
                TLSCACertificateFile %3$s/%4$s
                TLSCertificateFile %3$s/%5$s
                TLSCertificateKeyFile %3$s/%6$s
                TLSProtocolMin 3.3
                # No anonymous bind, and no password over an unencrypted connection (AD with LDAP signing enforced).
                disallow bind_anon
                security simple_bind=128

                database mdb
                suffix "%7$s"
                rootdn "%8$s"
                rootpw "%9$s"
                directory %3$s/%10$s
                maxsize 67108864
                index objectClass eq
                index uid,mail eq
                index member eq

                overlay memberof
                memberof-group-oc groupOfNames
                memberof-member-ad member
                memberof-memberof-ad memberOf
                memberof-refint TRUE

                overlay ppolicy
                ppolicy_default "%11$s"
                ppolicy_use_lockout
                ppolicy_hash_cleartext

                access to dn.base="" by * read
                access to dn.base="cn=Subschema" by * read
                access to attrs=userPassword
                  by self write
                  by anonymous auth
                  by * none
                access to dn.subtree="%7$s"
                  by dn.exact="%12$s" read
                  by self read
                  by * none
                """.formatted(SCHEMAS, MODULES, dir, CA_FILE, CERTIFICATE_FILE, KEY_FILE, SlapdTree.BASE, rootDn,
                rootPassword, DATA_DIR, SlapdTree.DEFAULT_POLICY, SlapdTree.SERVICE_DN);
    }
}
