package de.dvc.iam.core.directory;

import de.dvc.iam.core.profile.AssertedIdentity;
import de.dvc.iam.core.profile.AttributeProfiles;
import de.dvc.iam.core.profile.ProfileOutcome;
import de.dvc.iam.core.profile.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Logins against an AD-like in-memory directory over LDAPS: the outcomes a login page acts on. */
class DirectoryClientTest {

    private static TestDirectory directory;
    private static DirectoryClient client;

    @BeforeAll
    static void start() throws Exception {
        directory = TestDirectory.start();
        client = new DirectoryClient("musterhausen-ad", directory.settings().build(), TestDirectory.loopbackGuard());
    }

    @AfterAll
    static void stop() {
        client.close();
        directory.close();
    }

    private static LoginOutcome login(String name, String password) {
        return client.login(name, password.toCharArray());
    }

    private static LoginRefusal refusal(LoginOutcome outcome) {
        assertThat(outcome).isInstanceOf(LoginOutcome.Refused.class);
        return ((LoginOutcome.Refused) outcome).refusal();
    }

    @Test
    void theRightPasswordGivesTheStableSubjectAndTheMappedContract() {
        LoginOutcome outcome = login("Paul.Becker@musterhausen.example", TestDirectory.PASSWORD);

        assertThat(outcome).isInstanceOf(LoginOutcome.Success.class);
        DirectoryAccount account = ((LoginOutcome.Success) outcome).account();
        assertThat(account.subject()).isEqualTo(new DirectorySubject("musterhausen-ad", TestDirectory.PAUL_GUID_TEXT));
        ProfileOutcome contract = account.contract(AttributeProfiles.LDAP_AD);
        assertThat(contract).isInstanceOf(ProfileOutcome.Accepted.class);
        AssertedIdentity identity = ((ProfileOutcome.Accepted) contract).identity();
        assertThat(identity.givenName()).isEqualTo("Paul");
        assertThat(identity.familyName()).isEqualTo("Becker");
        assertThat(identity.email()).isEqualTo("paul.becker@musterhausen.example");
        assertThat(identity.orgUnit().name()).isEqualTo("Bauamt");
        // GG-Bauamt is mapped, GG-Kantine is not: only the agency's chosen role reaches the token
        assertThat(identity.roles()).extracting(Role::name).containsExactly("Sachbearbeitung");
        assertThat(account.toString()).doesNotContain("Becker");
    }

    @Test
    void anUnknownUserAndAWrongPasswordLookTheSame() {
        LoginRefusal wrong = refusal(login("paul.becker@musterhausen.example", "falsch"));
        LoginRefusal unknown = refusal(login("niemand@musterhausen.example", "falsch"));

        assertThat(wrong).isEqualTo(LoginRefusal.INVALID_CREDENTIALS);
        assertThat(unknown).isEqualTo(wrong);
    }

    @Test
    void anEmptyPasswordIsRefusedWithoutAskingTheDirectory() throws Exception {
        // a guard that refuses everything: any LDAP call would show as REFUSED_BY_GUARD
        try (DirectoryClient blocked = new DirectoryClient("x", directory.settings().build(), DirectoryNetworkGuard.none())) {
            assertThat(refusal(blocked.login("paul.becker@musterhausen.example", new char[0])))
                    .isEqualTo(LoginRefusal.INVALID_CREDENTIALS);
            assertThat(refusal(blocked.login("paul.becker@musterhausen.example", "x".toCharArray())))
                    .isEqualTo(LoginRefusal.REFUSED_BY_GUARD);
        }
    }

    @Test
    void accountStatesAreReportedOnlyWithTheRightPassword() {
        assertThat(refusal(login("anna.disabled@musterhausen.example", TestDirectory.PASSWORD))).isEqualTo(LoginRefusal.ACCOUNT_DISABLED);
        assertThat(refusal(login("anna.disabled@musterhausen.example", "falsch"))).isEqualTo(LoginRefusal.INVALID_CREDENTIALS);
        assertThat(refusal(login("lars.locked@musterhausen.example", TestDirectory.PASSWORD))).isEqualTo(LoginRefusal.ACCOUNT_LOCKED);
        assertThat(refusal(login("nina.mustchange@musterhausen.example", TestDirectory.PASSWORD))).isEqualTo(LoginRefusal.PASSWORD_EXPIRED);
        assertThat(refusal(login("ede.expired@musterhausen.example", TestDirectory.PASSWORD))).isEqualTo(LoginRefusal.ACCOUNT_EXPIRED);
        assertThat(refusal(login("ede.expired@musterhausen.example", "falsch"))).isEqualTo(LoginRefusal.INVALID_CREDENTIALS);
    }

    @Test
    void activeDirectoryBindCodesAreHonouredAsAdMeansThem() {
        // 533 (disabled) comes from AD only with the right password; 775 (locked) comes whatever the password
        assertThat(refusal(login("ad533@musterhausen.example", TestDirectory.PASSWORD))).isEqualTo(LoginRefusal.ACCOUNT_DISABLED);
        LoginOutcome.Refused locked = (LoginOutcome.Refused) login("ad775@musterhausen.example", TestDirectory.PASSWORD);
        assertThat(locked.refusal()).isEqualTo(LoginRefusal.INVALID_CREDENTIALS);
        assertThat(locked.logReason()).contains("775");
    }

    @Test
    void aLoginNameOfTwoEntriesIsAmbiguous() {
        assertThat(refusal(login("twin@musterhausen.example", TestDirectory.PASSWORD))).isEqualTo(LoginRefusal.AMBIGUOUS);
    }

    @Test
    void filterSyntaxInTheLoginNameIsJustText() {
        // were it spliced into the filter, "*)(userPrincipalName=*" would match every user: AMBIGUOUS
        assertThat(refusal(login("*)(userPrincipalName=*", TestDirectory.PASSWORD))).isEqualTo(LoginRefusal.INVALID_CREDENTIALS);
        assertThat(refusal(login("*", TestDirectory.PASSWORD))).isEqualTo(LoginRefusal.INVALID_CREDENTIALS);
        assertThat(refusal(login("paul.becker@musterhausen.example)(|(cn=*", TestDirectory.PASSWORD)))
                .isEqualTo(LoginRefusal.INVALID_CREDENTIALS);
    }

    @Test
    void theSubjectSurvivesARenameAndAMove() throws Exception {
        LoginOutcome before = login("rita.rename@musterhausen.example", TestDirectory.PASSWORD);
        directory.server.modifyDN("CN=Rita Rename," + TestDirectory.USERS, "CN=Rita Neuname", true,
                "OU=Ehemalige," + TestDirectory.BASE);
        directory.server.modify("CN=Rita Neuname,OU=Ehemalige," + TestDirectory.BASE,
                new com.unboundid.ldap.sdk.Modification(com.unboundid.ldap.sdk.ModificationType.REPLACE, "sn", "Neuname"));
        DirectorySettings wholeDomain = directory.settings().baseDn(TestDirectory.BASE).build();
        try (DirectoryClient domainClient = new DirectoryClient("musterhausen-ad", wholeDomain, TestDirectory.loopbackGuard())) {
            LoginOutcome after = domainClient.login("rita.rename@musterhausen.example", TestDirectory.PASSWORD.toCharArray());

            assertThat(before).isInstanceOf(LoginOutcome.Success.class);
            assertThat(after).isInstanceOf(LoginOutcome.Success.class);
            DirectoryAccount was = ((LoginOutcome.Success) before).account();
            DirectoryAccount is = ((LoginOutcome.Success) after).account();
            assertThat(is.dn()).isNotEqualTo(was.dn());
            assertThat(is.subject()).isEqualTo(was.subject());
        }
    }

    @Test
    void inetOrgPersonEntriesAreKeyedByEntryUuidAcrossRenames() throws Exception {
        DirectorySettings settings = directory.settings().profile("inet-org-person").loginAttribute("uid")
                .userFilter("(objectClass=inetOrgPerson)").baseDn(TestDirectory.BASE).build();
        try (DirectoryClient ldap = new DirectoryClient("musterhausen-ldap", settings, TestDirectory.loopbackGuard())) {
            LoginOutcome before = ldap.login("ines.ldap", TestDirectory.PASSWORD.toCharArray());
            directory.server.modifyDN("uid=ines.ldap,OU=Personen," + TestDirectory.BASE, "uid=ines.ldap", true,
                    "OU=Ehemalige," + TestDirectory.BASE);
            LoginOutcome after = ldap.login("ines.ldap", TestDirectory.PASSWORD.toCharArray());

            assertThat(before).isInstanceOf(LoginOutcome.Success.class);
            DirectoryAccount was = ((LoginOutcome.Success) before).account();
            DirectoryAccount is = ((LoginOutcome.Success) after).account();
            assertThat(was.subject().id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            assertThat(is.subject()).isEqualTo(was.subject());
            ProfileOutcome contract = is.contract(AttributeProfiles.LDAP_INET_ORG_PERSON);
            assertThat(((ProfileOutcome.Accepted) contract).identity().roles()).extracting(Role::name).containsExactly("Sachbearbeitung");
            assertThat(((ProfileOutcome.Accepted) contract).identity().orgUnit().name()).isEqualTo("Kämmerei");
        }
    }

    @Test
    void startTlsWorksLikeLdaps() throws Exception {
        DirectorySettings settings = directory.settings().url("ldap://localhost:" + directory.startTlsPort()).startTls(true).build();
        try (DirectoryClient startTls = new DirectoryClient("musterhausen-ad", settings, TestDirectory.loopbackGuard())) {
            assertThat(startTls.login("paul.becker@musterhausen.example", TestDirectory.PASSWORD.toCharArray()))
                    .isInstanceOf(LoginOutcome.Success.class);
        }
    }

    @Test
    void aCertificateForAnotherHostIsNotAccepted() throws Exception {
        // the certificate names "localhost" only; the same server by IP must fail host name verification
        DirectorySettings byAddress = directory.settings().url("ldaps://127.0.0.1:" + directory.ldapsPort()).build();
        try (DirectoryClient other = new DirectoryClient("x", byAddress, TestDirectory.loopbackGuard())) {
            assertThat(refusal(other.login("paul.becker@musterhausen.example", TestDirectory.PASSWORD.toCharArray())))
                    .isEqualTo(LoginRefusal.DIRECTORY_UNAVAILABLE);
        }
    }

    @Test
    void aCaOfAnotherDirectoryIsNotTrusted() throws Exception {
        DirectorySettings foreignCa = directory.settings().caCertificates(TestCertificates.create().caPem()).build();
        try (DirectoryClient other = new DirectoryClient("x", foreignCa, TestDirectory.loopbackGuard())) {
            assertThat(refusal(other.login("paul.becker@musterhausen.example", TestDirectory.PASSWORD.toCharArray())))
                    .isEqualTo(LoginRefusal.DIRECTORY_UNAVAILABLE);
        }
    }

    @Test
    void theGuardRefusesNetworksTheOperatorDidNotList() throws Exception {
        for (List<String> allowList : List.of(List.of("10.0.0.0/8"), List.of("0.0.0.0/0", "::/0"), List.of("127.0.0.1/32:1"))) {
            try (DirectoryClient guarded = new DirectoryClient("x", directory.settings().build(), DirectoryNetworkGuard.allowing(allowList))) {
                LoginOutcome.Refused refused = (LoginOutcome.Refused) guarded.login("paul.becker@musterhausen.example",
                        TestDirectory.PASSWORD.toCharArray());
                assertThat(refused.refusal()).as("allow-list %s", allowList).isEqualTo(LoginRefusal.REFUSED_BY_GUARD);
                assertThat(refused.logReason()).contains("127.0.0.1");
            }
        }
    }

    @Test
    void aFloodOfEntriesIsCutOffAsAmbiguous() {
        long start = System.nanoTime();
        assertThat(refusal(login("flood@musterhausen.example", TestDirectory.PASSWORD))).isEqualTo(LoginRefusal.AMBIGUOUS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void referralsAreNeverFollowed() throws Exception {
        try (HangingServer elsewhere = new HangingServer()) {
            directory.referralTarget = "ldap://127.0.0.1:" + elsewhere.port() + "/DC=elsewhere";
            // a reference next to the user's entry is ignored; next to no entry, the user is unknown here
            assertThat(login("referral@musterhausen.example", TestDirectory.PASSWORD)).isInstanceOf(LoginOutcome.Success.class);
            assertThat(refusal(login("nobody.referral@musterhausen.example", TestDirectory.PASSWORD)))
                    .isEqualTo(LoginRefusal.INVALID_CREDENTIALS);
            // a referral as the search's result: the base DN is elsewhere
            LoginOutcome.Refused referred = (LoginOutcome.Refused) login("refresult@musterhausen.example", TestDirectory.PASSWORD);
            assertThat(referred.refusal()).isEqualTo(LoginRefusal.DIRECTORY_UNAVAILABLE);
            assertThat(referred.logReason()).contains("referral");
            Thread.sleep(100);
            assertThat(elsewhere.accepted.get()).isZero();
        }
    }

    @Test
    void aDirectoryThatAcceptsAndNeverAnswersFailsWithinTheTimeout() throws Exception {
        try (HangingServer hanging = new HangingServer()) {
            DirectorySettings ldaps = directory.settings().url("ldaps://localhost:" + hanging.port())
                    .connectTimeout(Duration.ofMillis(300)).build();
            DirectorySettings plain = directory.settings().url("ldap://localhost:" + hanging.port()).insecureForTests(true)
                    .connectTimeout(Duration.ofMillis(300)).bindTimeout(Duration.ofMillis(300)).build();
            for (DirectorySettings settings : List.of(ldaps, plain)) {
                try (DirectoryClient stuck = new DirectoryClient("x", settings, TestDirectory.loopbackGuard())) {
                    long start = System.nanoTime();
                    LoginOutcome outcome = stuck.login("paul.becker@musterhausen.example", TestDirectory.PASSWORD.toCharArray());
                    Duration took = Duration.ofNanos(System.nanoTime() - start);

                    assertThat(refusal(outcome)).as(settings.transport().name()).isEqualTo(LoginRefusal.DIRECTORY_UNAVAILABLE);
                    assertThat(took).as(settings.transport().name()).isLessThan(Duration.ofMillis(2000));
                }
            }
            assertThat(hanging.accepted.get()).isEqualTo(2);
        }
    }

    @Test
    void aHangingDirectoryHoldsOnlyItsOwnAgencysLogin() throws Exception {
        try (HangingServer hanging = new HangingServer()) {
            DirectorySettings settings = directory.settings().url("ldap://localhost:" + hanging.port()).insecureForTests(true)
                    .bindTimeout(Duration.ofMillis(1500)).build();
            try (DirectoryClient stuck = new DirectoryClient("other-agency", settings, TestDirectory.loopbackGuard())) {
                CompletableFuture<LoginOutcome> stuckLogin = CompletableFuture.supplyAsync(
                        () -> stuck.login("paul.becker@musterhausen.example", "x".toCharArray()));
                long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                while (hanging.accepted.get() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(hanging.accepted.get()).as("the other agency's login is stuck at its directory").isEqualTo(1);

                assertThat(login("paul.becker@musterhausen.example", TestDirectory.PASSWORD)).isInstanceOf(LoginOutcome.Success.class);
                assertThat(stuckLogin).as("answered while the other directory still hangs").isNotDone();
                assertThat(refusal(stuckLogin.get(5, TimeUnit.SECONDS))).isEqualTo(LoginRefusal.DIRECTORY_UNAVAILABLE);
            }
        }
    }

    @Test
    void theCircuitBreakerFailsFastAfterRepeatedFailures() throws Exception {
        try (HangingServer hanging = new HangingServer()) {
            DirectorySettings settings = directory.settings().url("ldaps://localhost:" + hanging.port())
                    .connectTimeout(Duration.ofMillis(200)).build();
            CircuitBreaker breaker = new CircuitBreaker(2, Duration.ofMinutes(1), System::nanoTime);
            try (DirectoryClient stuck = new DirectoryClient("x", settings, TestDirectory.loopbackGuard(), breaker, Clock.systemUTC())) {
                for (int i = 0; i < 2; i++) {
                    assertThat(refusal(stuck.login("paul.becker@musterhausen.example", "x".toCharArray())))
                            .isEqualTo(LoginRefusal.DIRECTORY_UNAVAILABLE);
                }
                int connectionsSoFar = hanging.accepted.get();
                long start = System.nanoTime();
                LoginOutcome.Refused fast = (LoginOutcome.Refused) stuck.login("paul.becker@musterhausen.example", "x".toCharArray());

                assertThat(fast.refusal()).isEqualTo(LoginRefusal.DIRECTORY_UNAVAILABLE);
                assertThat(fast.logReason()).contains("circuit breaker open");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(100));
                assertThat(hanging.accepted.get()).isEqualTo(connectionsSoFar);
                assertThat(stuck.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);
            }
        }
        // meanwhile the other directory's logins are unaffected
        assertThat(login("paul.becker@musterhausen.example", TestDirectory.PASSWORD)).isInstanceOf(LoginOutcome.Success.class);
    }
}
