package de.dvc.iam.it;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import de.dvc.iam.core.directory.BindSecret;
import de.dvc.iam.core.directory.DirectoryAccount;
import de.dvc.iam.core.directory.DirectoryClient;
import de.dvc.iam.core.directory.DirectoryNetworkGuard;
import de.dvc.iam.core.directory.DirectoryProfile;
import de.dvc.iam.core.directory.DirectorySettings;
import de.dvc.iam.core.directory.DirectorySettingsReader;
import de.dvc.iam.core.directory.DirectorySubject;
import de.dvc.iam.core.directory.DirectoryValidation;
import de.dvc.iam.core.directory.LoginOutcome;
import de.dvc.iam.core.directory.LoginRefusal;
import de.dvc.iam.core.profile.AssertedIdentity;
import de.dvc.iam.core.profile.ProfileOutcome;
import de.dvc.iam.core.profile.Role;
import de.dvc.iam.core.registration.Finding;
import de.dvc.iam.demo.SlapdCertificates;
import de.dvc.iam.demo.SlapdServer;
import de.dvc.iam.demo.SlapdTree;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * iam-core's directory client and validation against a real OpenLDAP {@code slapd} from Debian ({@link SlapdServer}:
 * unprivileged, 127.0.0.1, LDAPS with a CA of its own, StartTLS, memberof and ppolicy overlays), with the inetOrgPerson
 * profile. The in-memory directory of iam-core's unit tests stands in for Active Directory; this test proves the
 * client against a server whose TLS stack (GnuTLS), password policy and operational attributes ({@code entryUUID},
 * {@code memberOf}) are the real ones. No Keycloak server is needed.
 */
class SlapdDirectoryIT {

    private static final String DIRECTORY = "musterhausen-ldap";
    /** ::1 too, for "localhost" where it resolves to both: slapd listens on 127.0.0.1 only. */
    private static final DirectoryNetworkGuard LOOPBACK = DirectoryNetworkGuard.allowing(List.of("127.0.0.1/32", "[::1/128]"));

    private static SlapdServer slapd;
    private static DirectoryClient client;

    @BeforeAll
    static void start() throws Exception {
        slapd = SlapdServer.start(Duration.ofSeconds(30));
        client = new DirectoryClient(DIRECTORY, settings().build(), LOOPBACK);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (slapd != null) {
            slapd.close();
        }
    }

    /** What Musterhausen would register: LDAPS by address, its CA, the service account, mail as login name, GG-Bauamt → role. */
    private static DirectorySettingsReader settings() {
        return DirectorySettings.builder().url(slapd.ldapsUrl()).caCertificates(slapd.caPem())
                .bindDn(SlapdTree.SERVICE_DN).bindSecret(BindSecret.of(SlapdTree.SERVICE_PASSWORD))
                .baseDn(SlapdTree.USERS).userFilter("(objectClass=inetOrgPerson)").loginAttribute("mail")
                .profile(DirectoryProfile.INET_ORG_PERSON.code()).groupRoles(Map.of(SlapdTree.BAUAMT, "Sachbearbeitung"))
                .connectTimeout(Duration.ofSeconds(3)).bindTimeout(Duration.ofSeconds(3)).searchTimeout(Duration.ofSeconds(3));
    }

    private static LoginOutcome login(String loginName, String password) {
        return client.login(loginName, password.toCharArray());
    }

    private static LoginOutcome.Refused refused(LoginOutcome outcome) {
        assertThat(outcome).isInstanceOf(LoginOutcome.Refused.class);
        return (LoginOutcome.Refused) outcome;
    }

    private static DirectoryAccount account(LoginOutcome outcome) {
        assertThat(outcome).as("%s", outcome).isInstanceOf(LoginOutcome.Success.class);
        return ((LoginOutcome.Success) outcome).account();
    }

    /** The entryUUID slapd assigned, read as the root DN: what the subject must be. */
    private static String entryUuid(String dn) throws Exception {
        try (LDAPConnection root = slapd.root().connect()) {
            return root.getEntry(dn, "entryUUID").getAttributeValue("entryUUID");
        }
    }

    @Test
    void aLoginGivesTheEntryUuidAsSubjectAndTheMappedContract() throws Exception {
        DirectoryAccount paul = account(login(SlapdTree.mail(SlapdTree.PAUL), SlapdTree.PASSWORD));

        assertThat(paul.subject()).isEqualTo(new DirectorySubject(DIRECTORY, entryUuid(SlapdTree.PAUL)));
        ProfileOutcome contract = paul.contract(DirectoryProfile.INET_ORG_PERSON.contractProfile());
        assertThat(contract).isInstanceOf(ProfileOutcome.Accepted.class);
        AssertedIdentity identity = ((ProfileOutcome.Accepted) contract).identity();
        assertThat(identity.givenName()).isEqualTo("Paul");
        assertThat(identity.familyName()).isEqualTo("Becker");
        assertThat(identity.email()).isEqualTo("paul.becker@musterhausen.example");
        assertThat(identity.orgUnit().name()).isEqualTo("Bauamt");
        // memberOf, kept by slapd's memberof overlay, names GG-Bauamt and GG-Kantine; only the registered group gives a role
        assertThat(identity.roles()).extracting(Role::name).containsExactly("Sachbearbeitung");
        DirectoryAccount erika = account(login(SlapdTree.mail(SlapdTree.ERIKA), SlapdTree.PASSWORD));
        assertThat(((ProfileOutcome.Accepted) erika.contract(DirectoryProfile.INET_ORG_PERSON.contractProfile())).identity().roles())
                .isEmpty();
    }

    @Test
    void aWrongPasswordAndAnUnknownUserLookTheSame() {
        LoginOutcome.Refused wrong = refused(login(SlapdTree.mail(SlapdTree.ERIKA), "falsch"));
        LoginOutcome.Refused unknown = refused(login("niemand@musterhausen.example", "falsch"));

        assertThat(wrong.refusal()).isEqualTo(LoginRefusal.INVALID_CREDENTIALS);
        assertThat(unknown.refusal()).isEqualTo(wrong.refusal());
        assertThat(refused(login(SlapdTree.mail(SlapdTree.ERIKA), "")).refusal()).isEqualTo(LoginRefusal.INVALID_CREDENTIALS);
    }

    @Test
    void anAccountLockedByTheAdministratorIsRefusedWhateverThePassword() throws Exception {
        LoginOutcome.Refused right = refused(login(SlapdTree.mail(SlapdTree.ANNA), SlapdTree.PASSWORD));
        LoginOutcome.Refused wrong = refused(login(SlapdTree.mail(SlapdTree.ANNA), "falsch"));

        // ppolicy reports the lock before it checks the password, so the page may not say more than "wrong or locked"
        assertThat(right.refusal()).isEqualTo(LoginRefusal.INVALID_CREDENTIALS);
        assertThat(wrong.refusal()).isEqualTo(LoginRefusal.INVALID_CREDENTIALS);
        assertThat(right.logReason()).containsIgnoringCase("locked");
        try {
            slapd.root().modify(SlapdTree.ANNA, new Modification(ModificationType.DELETE, "pwdAccountLockedTime"));
            account(login(SlapdTree.mail(SlapdTree.ANNA), SlapdTree.PASSWORD)); // the lock was the only reason
        } finally {
            slapd.root().modify(SlapdTree.ANNA, new Modification(ModificationType.REPLACE, "pwdAccountLockedTime",
                    SlapdTree.LOCKED_BY_ADMINISTRATOR));
        }
    }

    @Test
    void wrongPasswordsLockTheAccountAfterThePolicysLimit() {
        String lars = SlapdTree.mail(SlapdTree.LARS);
        account(login(lars, SlapdTree.PASSWORD));
        for (int i = 0; i < SlapdTree.MAX_FAILURES; i++) {
            assertThat(refused(login(lars, "falsch-" + i)).logReason()).doesNotContainIgnoringCase("locked");
        }

        LoginOutcome.Refused locked = refused(login(lars, SlapdTree.PASSWORD));

        assertThat(locked.refusal()).isEqualTo(LoginRefusal.INVALID_CREDENTIALS);
        assertThat(locked.logReason()).containsIgnoringCase("locked");
    }

    @Test
    void aPasswordResetByTheAdministratorMustBeChangedFirst() {
        assertThat(refused(login(SlapdTree.mail(SlapdTree.NINA), SlapdTree.PASSWORD)).refusal())
                .isEqualTo(LoginRefusal.PASSWORD_EXPIRED);
        // only the right password reveals the state
        assertThat(refused(login(SlapdTree.mail(SlapdTree.NINA), "falsch")).refusal()).isEqualTo(LoginRefusal.INVALID_CREDENTIALS);
    }

    @Test
    void theSubjectSurvivesARenameAndAMove() throws Exception {
        DirectorySettings wholeTree = settings().baseDn(SlapdTree.BASE).loginAttribute("uid").build();
        try (DirectoryClient byUid = new DirectoryClient(DIRECTORY, wholeTree, LOOPBACK)) {
            DirectoryAccount before = account(byUid.login("rita.rename", SlapdTree.PASSWORD.toCharArray()));
            slapd.root().rename(SlapdTree.RITA, "uid=rita.neuname", SlapdTree.FORMER);

            DirectoryAccount after = account(byUid.login("rita.neuname", SlapdTree.PASSWORD.toCharArray()));

            assertThat(after.dn()).isEqualToIgnoringCase("uid=rita.neuname," + SlapdTree.FORMER).isNotEqualTo(before.dn());
            assertThat(after.subject()).isEqualTo(before.subject());
            assertThat(after.subject().id()).isEqualTo(entryUuid("uid=rita.neuname," + SlapdTree.FORMER));
            assertThat(refused(byUid.login("rita.rename", SlapdTree.PASSWORD.toCharArray())).refusal())
                    .isEqualTo(LoginRefusal.INVALID_CREDENTIALS);
        }
    }

    @Test
    void filterSyntaxInTheLoginNameFindsNothing() {
        // the shared mailbox shows what a name matching two entries gives: spliced into the filter, "*" would do the same
        assertThat(refused(login(SlapdTree.SHARED_MAIL, SlapdTree.PASSWORD)).refusal()).isEqualTo(LoginRefusal.AMBIGUOUS);

        for (String injection : List.of("*", "*)(mail=*", "*)(|(objectClass=*", "paul.becker@musterhausen.example)(|(cn=*",
                "paul.becker@musterhausen.example*", "*@musterhausen.example")) {
            LoginOutcome outcome = login(injection, SlapdTree.PASSWORD);
            assertThat(outcome).as(injection).isInstanceOf(LoginOutcome.Refused.class);
            assertThat(((LoginOutcome.Refused) outcome).refusal()).as(injection).isEqualTo(LoginRefusal.INVALID_CREDENTIALS);
        }
    }

    /**
     * slapd compares IA5 strings such as {@code mail} only up to an escaped NUL ({@code \00}, RFC 4515): the name
     * {@code paul.becker@musterhausen.example\0@other.example} finds Paul. The password must still be his, but a rule
     * that looked at the typed name's domain would see other.example. DirectoryClient refuses control characters in
     * login names before any LDAP call (found with this test).
     */
    @Test
    void aNulInTheLoginNameDoesNotCutItShort() {
        for (String name : List.of("paul.becker@musterhausen.example\u0000", "paul.becker@musterhausen.example\u0000@other.example")) {
            LoginOutcome outcome = login(name, SlapdTree.PASSWORD);
            assertThat(outcome).as(name.replace("\u0000", "\\0")).isInstanceOf(LoginOutcome.Refused.class);
            assertThat(((LoginOutcome.Refused) outcome).refusal()).isEqualTo(LoginRefusal.INVALID_CREDENTIALS);
        }
    }

    @Test
    void startTlsWorksAndWithoutItSlapdRefusesTheBind() throws Exception {
        DirectorySettings startTls = settings().url(slapd.startTlsUrl()).startTls(true).build();
        try (DirectoryClient overStartTls = new DirectoryClient(DIRECTORY, startTls, LOOPBACK)) {
            account(overStartTls.login(SlapdTree.mail(SlapdTree.PAUL), SlapdTree.PASSWORD.toCharArray()));
        }
        // same port, no StartTLS: slapd (security simple_bind=128) refuses the service account's cleartext bind
        DirectorySettings plain = settings().url(slapd.startTlsUrl()).insecureForTests(true).build();
        try (DirectoryClient overPlain = new DirectoryClient(DIRECTORY, plain, LOOPBACK)) {
            assertThat(refused(overPlain.login(SlapdTree.mail(SlapdTree.PAUL), SlapdTree.PASSWORD.toCharArray())).refusal())
                    .isEqualTo(LoginRefusal.DIRECTORY_UNAVAILABLE);
        }
    }

    private static DirectoryValidation.Result validate(DirectorySettings settings, String testLogin) {
        return DirectoryValidation.validate(DIRECTORY, settings, LOOPBACK, testLogin,
                DirectoryProfile.INET_ORG_PERSON.contractProfile(), Instant.now());
    }

    private static List<String> codes(DirectoryValidation.Result result) {
        return result.report().findings().stream().map(Finding::code).toList();
    }

    @Test
    void goodSettingsValidateWithoutFindingsAndPreviewTheContract() throws Exception {
        DirectoryValidation.Result result = validate(settings().build(), SlapdTree.mail(SlapdTree.PAUL));

        assertThat(result.report().findings()).as(result.report().toText()).isEmpty();
        assertThat(result.preview().orElseThrow())
                .containsEntry("subject", Map.of("directory", DIRECTORY, "id", entryUuid(SlapdTree.PAUL)))
                .containsEntry("given_name", "Paul").containsEntry("family_name", "Becker")
                .containsEntry("email", "paul.becker@musterhausen.example").containsEntry("org_unit", Map.of("name", "Bauamt"))
                .containsEntry("roles", List.of("Sachbearbeitung"));
    }

    @Test
    void theReportNamesWhatIsWrong() {
        DirectoryValidation.Result wrongSecret = validate(settings().bindSecret(BindSecret.of("falsch")).build(), "");
        assertThat(codes(wrongSecret)).containsExactly("service_bind_refused");
        assertThat(wrongSecret.report().findings().get(0).message()).contains(SlapdTree.SERVICE_DN);

        DirectoryValidation.Result wrongBase = validate(settings().baseDn("ou=Gibtsnicht," + SlapdTree.BASE).build(), "x");
        assertThat(codes(wrongBase)).containsExactly("base_dn_not_found");
        assertThat(wrongBase.report().findings().get(0).message()).contains("ou=Gibtsnicht");

        String otherCa = SlapdCertificates.issue("127.0.0.1").caPem();
        assertThat(codes(validate(settings().caCertificates(otherCa).build(), ""))).containsExactly("tls_not_trusted");
        // slapd's certificate names 127.0.0.1 only
        assertThat(codes(validate(settings().url("ldaps://localhost:" + slapd.ldapsPort()).build(), "")))
                .containsExactly("tls_host_mismatch");
        assertThat(codes(validate(settings().build(), "niemand@musterhausen.example"))).containsExactly("test_account_not_found");
        assertThat(codes(validate(settings().build(), SlapdTree.SHARED_MAIL))).containsExactly("test_account_ambiguous");
    }
}
