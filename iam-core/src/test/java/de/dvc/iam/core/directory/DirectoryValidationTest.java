package de.dvc.iam.core.directory;

import de.dvc.iam.core.profile.AttributeProfiles;
import de.dvc.iam.core.registration.Finding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The validation report of a submitted directory, against the in-memory directory. */
class DirectoryValidationTest {

    private static TestDirectory directory;

    @BeforeAll
    static void start() throws Exception {
        directory = TestDirectory.start();
    }

    @AfterAll
    static void stop() {
        directory.close();
    }

    private static DirectoryValidation.Result validate(DirectorySettings settings, DirectoryNetworkGuard guard, String testLogin) {
        return DirectoryValidation.validate("musterhausen-ad", settings, guard, testLogin, AttributeProfiles.LDAP_AD, Instant.now());
    }

    private static List<String> codes(DirectoryValidation.Result result) {
        return result.report().findings().stream().map(Finding::code).toList();
    }

    @Test
    void aGoodDirectoryIsValidAndPreviewsTheTestAccountsContract() {
        DirectoryValidation.Result result = validate(directory.settings().build(), TestDirectory.loopbackGuard(),
                "paul.becker@musterhausen.example");

        assertThat(result.report().valid()).as(result.report().toText()).isTrue();
        assertThat(result.report().findings()).isEmpty();
        Map<String, Object> preview = result.preview().orElseThrow();
        assertThat(preview).containsEntry("subject", Map.of("directory", "musterhausen-ad", "id", TestDirectory.PAUL_GUID_TEXT))
                .containsEntry("given_name", "Paul").containsEntry("family_name", "Becker")
                .containsEntry("email", "paul.becker@musterhausen.example").containsEntry("roles", List.of("Sachbearbeitung"))
                .containsEntry("org_unit", Map.of("name", "Bauamt"));
    }

    @Test
    void eachStepReportsWhatIsWrong() {
        DirectoryNetworkGuard guard = TestDirectory.loopbackGuard();
        assertThat(codes(validate(directory.settings().build(), DirectoryNetworkGuard.allowing(List.of("10.0.0.0/8")), "x")))
                .containsOnly("network_not_allowed");
        assertThat(codes(validate(directory.settings().caCertificates(TestCertificates.create().caPem()).build(), guard, "x")))
                .containsExactly("tls_not_trusted");
        assertThat(codes(validate(directory.settings().url("ldaps://127.0.0.1:" + directory.ldapsPort()).build(), guard, "x")))
                .containsExactly("tls_host_mismatch");
        assertThat(codes(validate(directory.settings().bindSecret(BindSecret.of("falsch")).build(), guard, "x")))
                .containsExactly("service_bind_refused");
        assertThat(codes(validate(directory.settings().baseDn("OU=Gibtsnicht," + TestDirectory.BASE).build(), guard, "x")))
                .containsExactly("base_dn_not_found");
        assertThat(codes(validate(directory.settings().build(), guard, "niemand@musterhausen.example")))
                .containsExactly("test_account_not_found");
        assertThat(codes(validate(directory.settings().build(), guard, "twin@musterhausen.example")))
                .containsExactly("test_account_ambiguous");
        assertThat(codes(validate(directory.settings().build(), guard, "anna.disabled@musterhausen.example")))
                .containsExactly("test_account_cannot_log_in");
    }

    @Test
    void anUnreachableDirectoryIsReportedWithinTheTimeout() throws Exception {
        try (HangingServer hanging = new HangingServer()) {
            long start = System.nanoTime();
            DirectoryValidation.Result result = validate(directory.settings().url("ldaps://localhost:" + hanging.port())
                    .connectTimeout(Duration.ofMillis(300)).build(), TestDirectory.loopbackGuard(), "x");

            assertThat(codes(result)).containsExactly("directory_unreachable");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void theServerCertificateIsJudgedByBsiTr02102() throws Exception {
        TestCertificates rsa2048 = TestCertificates.create(TestCertificates.rsa(2048), Duration.ofDays(10));
        try (TestDirectory weak = TestDirectory.start(rsa2048)) {
            DirectoryValidation.Result result = validate(weak.settings().build(), TestDirectory.loopbackGuard(), "");

            assertThat(codes(result)).containsExactlyInAnyOrder("key_rsa_2048", "certificate_expires_soon");
            assertThat(result.report().valid()).isTrue();
        }
    }
}
