package de.dvc.iam.config.validate;

import de.dvc.iam.core.profile.AttributeProfiles;
import de.dvc.iam.core.registration.Finding;
import de.dvc.iam.core.registration.SamlMetadataValidator;
import de.dvc.iam.core.registration.SamlSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MetadataChecksTest {

    private static final String CODE = "test code 1";
    private static SamlMetadataValidator saml;

    @TempDir
    Path directory;

    @BeforeAll
    static void schema() throws Exception {
        ClassLoader loader = MetadataChecksTest.class.getClassLoader();
        saml = new SamlMetadataValidator(SamlSchema.fromKeycloakResources(loader::getResourceAsStream));
    }

    private Path cache() {
        return directory.resolve("cache").resolve("metadata-checks.json");
    }

    @Test
    void aCheckIsRememberedAcrossRunsAndGivesTheSameFindings() throws Exception {
        byte[] xml = TestMetadata.idp("https://idp.one.example", 2048); // RSA 2048: a warning
        Instant now = Instant.now();
        MetadataChecks first = MetadataChecks.cachedIn(saml, cache(), CODE);
        MetadataChecks.Checked checked = first.check(xml, null, Set.of(), now);
        assertThat(checked.findings()).extracting(Finding::code).contains("key_rsa_2048");
        assertThat(checked.entityIds()).containsExactly("https://idp.one.example");
        assertThat(first.save()).isEmpty();
        assertThat(Files.getPosixFilePermissions(cache())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(cache().getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));

        MetadataChecks second = MetadataChecks.cachedIn(saml, cache(), CODE);
        MetadataChecks.Checked again = second.check(xml, null, Set.of(), now.plus(Duration.ofDays(3)));
        assertThat(again).isEqualTo(checked);
        assertThat(second.reused()).isEqualTo(1);
        assertThat(second.checked()).isZero();
    }

    @Test
    void theCertificateExpiryWarningIsNotMissedWhenItsTimeComes() {
        byte[] xml = TestMetadata.idp("https://idp.two.example", 3072); // valid from yesterday for 365 days
        Instant now = Instant.now();
        MetadataChecks checks = MetadataChecks.cachedIn(saml, cache(), CODE);
        assertThat(checks.check(xml, null, Set.of(), now).findings()).isEmpty();
        checks.save();

        MetadataChecks later = MetadataChecks.cachedIn(saml, cache(), CODE);
        Instant soonToExpire = now.plus(Duration.ofDays(364 - 20));
        assertThat(later.check(xml, null, Set.of(), soonToExpire).findings()).extracting(Finding::code)
                .containsExactly("certificate_expires_soon");
        assertThat(later.checked()).isEqualTo(1);
        Instant expired = now.plus(Duration.ofDays(400));
        assertThat(later.check(xml, null, Set.of(), expired).findings()).extracting(Finding::code)
                .containsExactly("certificate_expired");
        assertThat(later.checked()).isEqualTo(2);
    }

    @Test
    void aClockBeforeTheCheckChecksAnew() {
        byte[] xml = TestMetadata.idp("https://idp.three.example", 3072);
        Instant now = Instant.now();
        MetadataChecks checks = MetadataChecks.cachedIn(saml, cache(), CODE);
        checks.check(xml, null, Set.of(), now);
        // the certificate is valid only from yesterday: before that the check answers otherwise
        assertThat(checks.check(xml, null, Set.of(), now.minus(Duration.ofDays(2))).findings()).extracting(Finding::code)
                .containsExactly("certificate_not_yet_valid");
        assertThat(checks.checked()).isEqualTo(2);
    }

    @Test
    void otherBytesAnotherProfileOrOtherDemoHostsAreCheckedAnew() {
        byte[] xml = TestMetadata.idp("https://idp.four.example", 3072);
        Instant now = Instant.now();
        MetadataChecks checks = MetadataChecks.cachedIn(saml, cache(), CODE);
        checks.check(xml, null, Set.of(), now);
        byte[] changed = new String(xml, StandardCharsets.UTF_8).replace("https://idp.agency.example/sso", "https://idp.agency.example/other")
                .getBytes(StandardCharsets.UTF_8);
        checks.check(changed, null, Set.of(), now);
        checks.check(xml, AttributeProfiles.named("saml-oid"), Set.of(), now);
        checks.check(xml, null, Set.of("localhost"), now);
        assertThat(checks.checked()).isEqualTo(4);
        assertThat(checks.reused()).isZero();
        checks.check(xml, AttributeProfiles.named("saml-oid"), Set.of(), now);
        assertThat(checks.reused()).isEqualTo(1);
    }

    @Test
    void anotherCodeADamagedFileOrAFileOthersMayWriteIsNotUsed() throws Exception {
        byte[] xml = TestMetadata.idp("https://idp.five.example", 3072);
        Instant now = Instant.now();
        MetadataChecks checks = MetadataChecks.cachedIn(saml, cache(), CODE);
        checks.check(xml, null, Set.of(), now);
        checks.save();

        MetadataChecks otherCode = MetadataChecks.cachedIn(saml, cache(), "test code 2");
        otherCode.check(xml, null, Set.of(), now);
        assertThat(otherCode.reused()).isZero();

        Files.setPosixFilePermissions(cache(), PosixFilePermissions.fromString("rw-rw-rw-"));
        MetadataChecks writableByOthers = MetadataChecks.cachedIn(saml, cache(), CODE);
        writableByOthers.check(xml, null, Set.of(), now);
        assertThat(writableByOthers.reused()).isZero();

        Files.setPosixFilePermissions(cache(), PosixFilePermissions.fromString("rw-------"));
        Files.writeString(cache(), "{\"format\": \"dvc-config metadata checks v1\", \"code\": \"" + CODE + "\", \"entries\": [{\"key\": 1}]}");
        MetadataChecks damaged = MetadataChecks.cachedIn(saml, cache(), CODE);
        assertThat(damaged.check(xml, null, Set.of(), now).findings()).isEmpty();
        assertThat(damaged.reused()).isZero();
    }

    @Test
    void theValidatorReportsTheSameProblemsWithTheCacheAsWithout() throws Exception {
        Tree tree = Tree.valid(directory.resolve("federation"));
        Files.write(tree.root().resolve("agencies/be/weak.xml"), TestMetadata.idp("https://idp.weak.example", 1024));
        String agency = Files.readString(tree.root().resolve("agencies/be/berlin-senfin.yaml"))
                .replace("    metadataUrl: https://idp.senfin.berlin.example/metadata\n", "    metadataFile: weak.xml\n")
                .replace("    entityId: https://idp.senfin.berlin.example\n", "");
        Files.writeString(tree.root().resolve("agencies/be/berlin-senfin.yaml"), agency);
        Clock clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);
        List<String> uncached = problems(new FederationValidator(de.dvc.iam.config.schema.FederationSchema.load(),
                MetadataChecks.uncached(saml), clock), tree);
        assertThat(uncached).anyMatch(p -> p.contains("key_too_weak"));
        FederationValidator first = new FederationValidator(de.dvc.iam.config.schema.FederationSchema.load(),
                MetadataChecks.cachedIn(saml, cache(), CODE), clock);
        assertThat(problems(first, tree)).isEqualTo(uncached);
        FederationValidator second = new FederationValidator(de.dvc.iam.config.schema.FederationSchema.load(),
                MetadataChecks.cachedIn(saml, cache(), CODE), clock);
        assertThat(problems(second, tree)).isEqualTo(uncached);
        assertThat(second.metadataChecks().reused()).isEqualTo(1);
        assertThat(second.metadataChecks().checked()).isZero();
    }

    private static List<String> problems(FederationValidator validator, Tree tree) {
        return validator.validate(tree.root()).problems().stream().map(Object::toString).toList();
    }
}
