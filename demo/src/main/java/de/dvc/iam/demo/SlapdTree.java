package de.dvc.iam.demo;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;

import java.util.List;

/**
 * The directory of the fictitious Gemeinde Musterhausen as {@link SlapdServer} serves it: laid out as a small
 * municipality's Active Directory is (users, groups and service accounts in OUs of their own), but with OpenLDAP's
 * inetOrgPerson schema, since the msuser schema Debian ships defines AD's attributes without matching rules and its
 * own {@code memberOf} would shadow the memberof overlay's. The DVC profile for it is {@code inet-org-person}:
 * {@code entryUUID} as subject, {@code memberOf} for roles.
 *
 * <p>Every user's password is {@value #PASSWORD}. Account states are those of OpenLDAP's password policy overlay
 * (draft-behera-ldap-password-policy-10), since OpenLDAP has no "disabled" flag:
 * <ul>
 *   <li>{@link #PAUL} — member of {@link #BAUAMT} (the role-giving group) and {@link #KANTINE} (no role), ou Bauamt;</li>
 *   <li>{@link #ERIKA} — no group, ou Kämmerei;</li>
 *   <li>{@link #ANNA} — locked by the administrator ({@code pwdAccountLockedTime: 000001010000Z}, the policy's way
 *       of disabling an account);</li>
 *   <li>{@link #NINA} — password reset by the administrator under a policy with {@code pwdMustChange}: she must
 *       set a new one first;</li>
 *   <li>{@link #LARS} — for lockout tests: {@value #MAX_FAILURES} wrong passwords lock him until an administrator
 *       unlocks him (no lockout duration);</li>
 *   <li>{@link #RITA} — for rename and move tests;</li>
 *   <li>two entries with the mail {@value #SHARED_MAIL} (a shared mailbox named on two accounts): ambiguous by mail.</li>
 * </ul>
 * The service account {@link #SERVICE_DN} may read every entry below {@link #BASE} except passwords, and nothing else
 * may: anonymous binds are refused, and a simple bind needs TLS (slapd {@code security simple_bind=128}), as an AD
 * with LDAP signing and channel binding enforced would have it.
 */
public final class SlapdTree {

    public static final String BASE = "dc=musterhausen,dc=example";
    public static final String USERS = "ou=Benutzer," + BASE;
    public static final String GROUPS = "ou=Gruppen," + BASE;
    public static final String SERVICE_ACCOUNTS = "ou=Dienstkonten," + BASE;
    /** Where a test moves accounts to (people who left keep their entry for a while in many agencies). */
    public static final String FORMER = "ou=Ehemalige," + BASE;
    public static final String POLICIES = "ou=Richtlinien," + BASE;
    public static final String DEFAULT_POLICY = "cn=Standard," + POLICIES;
    public static final String FIRST_LOGIN_POLICY = "cn=Erstanmeldung," + POLICIES;

    public static final String SERVICE_DN = "cn=svc-dvc," + SERVICE_ACCOUNTS;
    /** Demo and tests only: the service account's password. */
    public static final String SERVICE_PASSWORD = "svc-Geheim-1";
    /** Demo and tests only: every user's password (the demo user paul.becker logs in with "demo"). */
    public static final String PASSWORD = "demo";
    public static final int MAX_FAILURES = 3;

    public static final String PAUL = "uid=paul.becker," + USERS;
    public static final String ERIKA = "uid=erika.mustermann," + USERS;
    public static final String ANNA = "uid=anna.gesperrt," + USERS;
    public static final String NINA = "uid=nina.neu," + USERS;
    public static final String LARS = "uid=lars.sperre," + USERS;
    public static final String RITA = "uid=rita.rename," + USERS;
    public static final String SHARED_MAIL = "poststelle@musterhausen.example";
    /** The group whose members get the DVC role in the tests' settings. */
    public static final String BAUAMT = "cn=GG-Bauamt," + GROUPS;
    public static final String KANTINE = "cn=GG-Kantine," + GROUPS;
    /** ppolicy's value for "locked until an administrator unlocks" (draft-behera-ldap-password-policy-10, 5.3.3). */
    public static final String LOCKED_BY_ADMINISTRATOR = "000001010000Z";

    private SlapdTree() {
    }

    /** The mail address of a user of this tree, e.g. {@code paul.becker@musterhausen.example} for {@link #PAUL}. */
    public static String mail(String userDn) {
        return uid(userDn) + "@musterhausen.example";
    }

    /** The uid of a user DN of this tree. */
    public static String uid(String userDn) {
        return userDn.substring("uid=".length(), userDn.indexOf(','));
    }

    /**
     * Adds the tree through {@code root}, bound as the rootDN, over the protocol rather than with {@code slapadd}:
     * only then do the overlays run, so {@code memberOf} is maintained by the memberof overlay and passwords are
     * hashed by the ppolicy overlay ({@code ppolicy_hash_cleartext}), as in a live directory.
     */
    static void load(LDAPConnection root) throws LDAPException {
        add(root, "dn: " + BASE, "objectClass: dcObject", "objectClass: organization", "dc: musterhausen",
                "o: Gemeinde Musterhausen");
        for (String ou : List.of(USERS, GROUPS, SERVICE_ACCOUNTS, FORMER, POLICIES)) {
            add(root, "dn: " + ou, "objectClass: organizationalUnit", "ou: " + ou.substring(3, ou.indexOf(',')));
        }
        add(root, "dn: " + DEFAULT_POLICY, "objectClass: applicationProcess", "objectClass: pwdPolicy", "cn: Standard",
                "pwdAttribute: userPassword", "pwdLockout: TRUE", "pwdMaxFailure: " + MAX_FAILURES, "pwdLockoutDuration: 0",
                "pwdFailureCountInterval: 0", "pwdMustChange: FALSE");
        add(root, "dn: " + FIRST_LOGIN_POLICY, "objectClass: applicationProcess", "objectClass: pwdPolicy", "cn: Erstanmeldung",
                "pwdAttribute: userPassword", "pwdMustChange: TRUE");
        add(root, "dn: " + SERVICE_DN, "objectClass: applicationProcess", "objectClass: simpleSecurityObject", "cn: svc-dvc",
                "description: DVC IAM: sucht Benutzer bei der Anmeldung", "userPassword: " + SERVICE_PASSWORD);
        person(root, PAUL, "Paul", "Becker", mail(PAUL), "Bauamt");
        person(root, ERIKA, "Erika", "Mustermann", mail(ERIKA), "Kämmerei");
        person(root, ANNA, "Anna", "Gesperrt", mail(ANNA), "Bürgerbüro");
        person(root, NINA, "Nina", "Neu", mail(NINA), "Bürgerbüro");
        person(root, LARS, "Lars", "Sperre", mail(LARS), "Ordnungsamt");
        person(root, RITA, "Rita", "Rename", mail(RITA), "Standesamt");
        person(root, "uid=poststelle.eins," + USERS, "Post", "Stelle Eins", SHARED_MAIL, "Hauptamt");
        person(root, "uid=poststelle.zwei," + USERS, "Post", "Stelle Zwei", SHARED_MAIL, "Hauptamt");
        add(root, "dn: " + BAUAMT, "objectClass: groupOfNames", "cn: GG-Bauamt", "member: " + PAUL);
        add(root, "dn: " + KANTINE, "objectClass: groupOfNames", "cn: GG-Kantine", "member: " + PAUL, "member: " + ERIKA);
        root.modify(ANNA, new Modification(ModificationType.REPLACE, "pwdAccountLockedTime", LOCKED_BY_ADMINISTRATOR));
        root.modify(NINA, new Modification(ModificationType.REPLACE, "pwdPolicySubentry", FIRST_LOGIN_POLICY),
                new Modification(ModificationType.REPLACE, "pwdReset", "TRUE"));
    }

    private static void add(LDAPConnection root, String... ldifLines) throws LDAPException {
        try {
            root.add(ldifLines);
        } catch (com.unboundid.ldif.LDIFException e) {
            throw new IllegalStateException("SlapdTree has an entry that is not LDIF: " + e.getMessage(), e);
        }
    }

    private static void person(LDAPConnection root, String dn, String given, String family, String mail, String department)
            throws LDAPException {
        add(root, "dn: " + dn, "objectClass: inetOrgPerson", "uid: " + uid(dn), "cn: " + given + " " + family,
                "givenName: " + given, "sn: " + family, "displayName: " + given + " " + family, "mail: " + mail,
                "ou: " + department, "userPassword: " + PASSWORD);
    }
}
