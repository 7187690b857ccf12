package de.dvc.iam.config.validate;

import de.dvc.iam.config.Problem;
import de.dvc.iam.config.model.DirectorySpec;
import de.dvc.iam.config.model.IdpSpec;
import de.dvc.iam.config.model.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An agency directory in an agency file (issue 14): read, and checked by the registration API's rules, field by field. */
class DirectoryFilesTest {

    private static final String FILE = "agencies/ni/musterhausen.yaml";

    @TempDir
    Path root;

    private Tree tree() {
        return Tree.valid(root).directoryAgency();
    }

    private static List<String> codes(ValidationReport report) {
        return report.problems().stream().filter(Problem::isError).map(Problem::code).toList();
    }

    @Test
    void aDirectoryIsReadWithItsSettingsAndItsSecretByReference() {
        ValidationReport report = tree().validate();

        assertThat(report.valid()).as(report.problems().toString()).isTrue();
        IdpSpec idp = report.federation().agency("musterhausen").orElseThrow().idps().get(0);
        assertThat(idp.protocol()).isEqualTo(Protocol.LDAP);
        assertThat(idp.profile()).isEqualTo("ldap-ad");
        DirectorySpec directory = idp.directory().orElseThrow();
        assertThat(directory.settings()).containsEntry("url", "ldaps://dc1.musterhausen.example:636").containsEntry("poolSize", 8L)
                .containsEntry("groupRoles", Map.of("GG-Bauamt", "Sachbearbeitung")).doesNotContainKeys("bindSecret", "caCertificatesFile");
        assertThat(directory.caCertificatesFile()).contains("certificates/musterhausen-ca.pem");
        assertThat(idp.secretReference()).hasValueSatisfying(r -> assertThat(r.reference()).isEqualTo("env:DVC_MUSTERHAUSEN_BIND_SECRET"));
        assertThat(idp.secretField()).isEqualTo("directory.bindSecret");
    }

    @Test
    void aLiteralBindSecretIsRefusedNamingTheFixWithoutRepeatingIt() {
        Tree tree = tree().replace(FILE, "bindSecret: env:DVC_MUSTERHAUSEN_BIND_SECRET", "bindSecret: Lesekonto-2026!");

        Problem problem = tree.only("secret_inline");

        Tree.at(problem, tree, FILE, 16, 19);
        assertThat(problem.toText()).doesNotContain("Lesekonto-2026").contains("env:NAME").contains("vault:NAME");
        assertThat(tree.validate().problems()).as("the secret problem says it, not the schema's pattern as well")
                .noneMatch(p -> p.code().equals("schema_pattern"));
    }

    @Test
    void aVaultSecretAndInlineCertificatesAreAccepted() {
        String pem = Tree.caPem().strip().replace("\n", "\n        ");
        Tree tree = tree().replace(FILE, "bindSecret: env:DVC_MUSTERHAUSEN_BIND_SECRET", "bindSecret: vault:musterhausen-bind")
                .replace(FILE, "caCertificatesFile: certificates/musterhausen-ca.pem", "caCertificates: |\n        " + pem);

        ValidationReport report = tree.validate();

        assertThat(report.valid()).as(report.problems().toString()).isTrue();
        DirectorySpec directory = report.federation().agency("musterhausen").orElseThrow().idps().get(0).directory().orElseThrow();
        assertThat(directory.vaultExpression()).contains("${vault.musterhausen-bind}");
        assertThat(directory.secretReference()).as("nothing for apply to resolve").isEmpty();
        assertThat((String) directory.settings().get("caCertificates")).startsWith("-----BEGIN CERTIFICATE-----\nMII");
    }

    @Test
    void wrongSettingsAreNamedAllAtOnceAtTheirLinesWithTheRegistrationApisMessages() {
        Tree tree = tree().replace(FILE, "url: ldaps://dc1.musterhausen.example:636", "url: ldap://dc1.musterhausen.example:389")
                .replace(FILE, "loginAttribute: userPrincipalName", "loginAttribute: uid")
                .replace(FILE, "poolSize: 8", "poolSize: 99")
                .replace(FILE, "baseDn: OU=Benutzer,DC=musterhausen,DC=example", "baseDn: Benutzer bei Musterhausen");

        ValidationReport report = tree.validate();

        assertThat(codes(report)).containsExactlyInAnyOrder("directory_url", "directory_login_attribute", "directory_pool_size",
                "directory_base_dn");
        Problem url = tree.only("directory_url");
        Tree.at(url, tree, FILE, 13, 12);
        assertThat(url.message()).contains("clear text").contains("startTls");
        Tree.at(tree.only("directory_login_attribute"), tree, FILE, 19, 23);
        Tree.at(tree.only("directory_pool_size"), tree, FILE, 22, 17);
        Tree.at(tree.only("directory_base_dn"), tree, FILE, 17, 15);
    }

    @Test
    void startTlsMakesPlainLdapAcceptable() {
        Tree tree = tree().replace(FILE, "url: ldaps://dc1.musterhausen.example:636",
                "url: ldap://dc1.musterhausen.example:389\n      startTls: true");

        assertThat(tree.validate().valid()).as(tree.validate().problems().toString()).isTrue();
    }

    @Test
    void insecureForTestsOnlyForAnInsecureHostOfTheSettings() {
        Tree tree = tree().replace(FILE, "url: ldaps://dc1.musterhausen.example:636",
                "url: ldap://127.0.0.2:8389\n      insecureForTests: true");
        assertThat(codes(tree.validate())).containsExactly("directory_insecure");

        tree.replace("settings.yaml", "kind: Settings", "kind: Settings\ninsecureHosts: [127.0.0.2]");
        ValidationReport allowed = tree.validate();
        assertThat(allowed.valid()).as(allowed.problems().toString()).isTrue();
        assertThat(allowed.problems()).extracting(Problem::code).contains("directory_insecure_allowed");
    }

    @Test
    void theProfileFitsTheProtocolAndTheDirectorysKind() {
        Tree tree = tree().replace(FILE, "profile: ldap-ad", "profile: oidc");
        Tree.at(tree.only("profile_protocol_mismatch"), tree, FILE, 11, 14);

        tree.replace(FILE, "profile: oidc", "profile: ldap-inetorgperson");
        Problem kind = tree.only("directory_profile_mismatch");
        assertThat(kind.message()).contains("active-directory").contains("ldap-ad");

        tree.replace(FILE, "profile: ldap-inetorgperson", "profile: ldap-ad")
                .replace("agencies/bund/bund-bmi.yaml", "profile: oidc", "profile: ldap-ad");
        assertThat(tree.only("profile_protocol_mismatch").where().file()).isEqualTo(root.resolve("agencies/bund/bund-bmi.yaml"));
    }

    @Test
    void aMaximumAboveNormalIsTheOperatorsDeliberateChoice() {
        Tree tree = tree().replace(FILE, "    maxAssurance: normal", "    maxAssurance: substantiell");

        ValidationReport report = tree.validate();

        assertThat(report.valid()).as("the files are the operator's word").isTrue();
        Tree.at(tree.only("directory_assurance_above_normal"), tree, FILE, 23, 19);
    }

    @Test
    void theCaFileMustBeThereAndInsideTheFederationAndNotBesideInlineCertificates() {
        Tree tree = tree().delete("agencies/ni/certificates/musterhausen-ca.pem");
        Tree.at(tree.only("directory_ca_file_missing"), tree, FILE, 14, 27);
        assertThat(codes(tree.validate())).as("not also 'give the CA certificates'").containsExactly("directory_ca_file_missing");

        tree.replace(FILE, "caCertificatesFile: certificates/musterhausen-ca.pem", "caCertificatesFile: ../../../etc/ca.pem");
        assertThat(codes(tree.validate())).containsExactly("directory_ca_file_outside");

        tree.replace(FILE, "caCertificatesFile: ../../../etc/ca.pem", "caCertificatesFile: x.pem\n      caCertificates: x");
        assertThat(codes(tree.validate())).containsExactly("directory_ca_twice");
    }

    @Test
    void theSchemaWantsADirectoryForLdapAndNoneForOthers() {
        Tree tree = tree().replace(FILE, "    protocol: ldap", "    protocol: ldap\n    issuer: https://login.musterhausen.example");
        assertThat(codes(tree.validate())).containsExactly("schema_not_allowed");
        assertThat(tree.only("schema_not_allowed").expected()).contains("LDAP: directory");

        Tree without = Tree.valid(root.resolve("other")).file("agencies/ni/musterhausen.yaml", "kind: Agency", "id: musterhausen",
                "name: Gemeinde Musterhausen", "level: municipal", "state: DE-NI", "domains: [musterhausen.example]", "idps:",
                "  - alias: musterhausen-ad", "    protocol: ldap", "    profile: ldap-ad");
        assertThat(codes(without.validate())).containsExactly("schema_required");
    }
}
