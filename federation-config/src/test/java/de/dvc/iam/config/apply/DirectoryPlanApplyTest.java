package de.dvc.iam.config.apply;

import de.dvc.iam.config.export.Export;
import de.dvc.iam.config.export.ExportFiles;
import de.dvc.iam.config.export.Exporter;
import de.dvc.iam.config.keycloak.HandMade;
import de.dvc.iam.config.keycloak.TestServer;
import de.dvc.iam.config.plan.FieldChange;
import de.dvc.iam.config.plan.Plan;
import de.dvc.iam.config.plan.PlanJson;
import de.dvc.iam.config.plan.PlanText;
import de.dvc.iam.config.plan.PlannedChange;
import de.dvc.iam.config.validate.Tree;
import de.dvc.iam.config.validate.ValidationReport;
import de.dvc.iam.core.agency.AgencyLevel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agency directory (issue 14) through plan, apply and export: a {@code dvc-ldap} IdP as the registration API makes one
 * (settings JSON without the secret, the secret apart, the profile mapper, the agency link), reconciled field by field,
 * its secret never printed, exported with its secret as a reference.
 */
class DirectoryPlanApplyTest {

    private static final String FILE = "agencies/ni/musterhausen.yaml";
    private static final String ALIAS = "musterhausen-ad";
    private static final String BIND_SECRET = "bind-secret-7c3e91d0";
    private static final String NEW_BIND_SECRET = "bind-secret-2b8f44a1";

    @TempDir
    Path root;

    private final TestServer server = new TestServer();
    private Tree tree;

    @BeforeEach
    void files() {
        tree = Tree.valid(root.resolve("in")).directoryAgency();
        secrets(BIND_SECRET);
    }

    private void secrets(String bind) {
        server.secrets(Map.of("env:DVC_BUND_BMI_CLIENT_SECRET", TestServer.BMI_SECRET, "file:/run/secrets/fachverfahren",
                TestServer.SERVICE_SECRET, "env:DVC_MUSTERHAUSEN_BIND_SECRET", bind));
    }

    private static String printed(Plan plan) {
        StringWriter text = new StringWriter();
        PlanText.print(plan, new PrintWriter(text), false);
        return text + PlanJson.text(plan);
    }

    private static Map<String, String> fields(PlannedChange change) {
        Map<String, String> fields = new HashMap<>();
        change.fields().forEach(f -> fields.put(f.field(), f.secret() ? "(secret)" : f.before() + " -> " + f.after()));
        return fields;
    }

    @Test
    void applyCreatesTheDirectoryAsTheRegistrationApiDoesAndThenPlansNoChange() {
        Plan plan = server.plan(tree.root());
        PlannedChange create = plan.changes().stream().filter(c -> c.name().equals(ALIAS)).findFirst().orElseThrow();
        assertThat(PlanApplyTest.line(create)).isEqualTo("CREATE IDP " + ALIAS);
        assertThat(create.fields()).extracting(FieldChange::field).contains("protocol", "directory.url", "directory.poolSize",
                "directory.caCertificates", "directory.bindSecret");
        assertThat(printed(plan)).doesNotContain(BIND_SECRET).contains("1 certificate, sha256:");

        assertThat(server.apply(tree.root()).complete()).isTrue();

        IdentityProviderRepresentation idp = server.realm.storedIdps().get(ALIAS);
        assertThat(idp.getProviderId()).isEqualTo("dvc-ldap");
        assertThat(idp.isHideOnLogin()).isTrue();
        assertThat(idp.isEnabled()).isTrue();
        assertThat(idp.getFirstBrokerLoginFlowAlias()).isEqualTo("dvc first broker login");
        OrganizationRepresentation agency = server.realm.storedOrganizations().stream().filter(o -> "musterhausen".equals(o.getAlias()))
                .findFirst().orElseThrow();
        assertThat(idp.getOrganizationId()).isEqualTo(agency.getId());
        Map<String, String> config = idp.getConfig();
        assertThat(config).containsEntry("clientSecret", BIND_SECRET)
                .containsEntry("dvc.config.secret-ref", "env:DVC_MUSTERHAUSEN_BIND_SECRET")
                .containsEntry("kc.org.domain", "musterhausen.example").containsEntry("dvc.managed-by", "federation-config")
                .doesNotContainKeys("clientId", "pkceMethod", "dvc.directory.test-login");
        assertThat(config.get("dvc.directory.settings")).doesNotContain(BIND_SECRET).doesNotContain("bindSecret")
                .contains("\"url\":\"ldaps://dc1.musterhausen.example:636\"").contains("\"poolSize\":8")
                .contains("\"groupRoles\":{\"GG-Bauamt\":\"Sachbearbeitung\"}").contains("-----BEGIN CERTIFICATE-----\\n")
                .contains("\"searchTimeoutMillis\":5000");
        IdentityProviderMapperRepresentation mapper = server.realm.storedMappers(ALIAS).get(0);
        assertThat(mapper.getIdentityProviderMapper()).isEqualTo("dvc-agency-profile");
        assertThat(mapper.getConfig()).containsEntry("profile", "ldap-ad").containsEntry("assurance.max", "normal");

        Plan again = server.plan(tree.root());
        assertThat(again.hasChanges()).as("reconciled: %s", again.changes()).isFalse();
        assertThat(again.unverified()).isEmpty();
        int writes = server.realm.writes();
        assertThat(server.apply(tree.root()).complete()).isTrue();
        assertThat(server.realm.writes()).as("nothing written again").isEqualTo(writes);
    }

    @Test
    void aChangedSettingAndAChangedSecretArePlannedWithoutTheSecret() {
        assertThat(server.apply(tree.root()).complete()).isTrue();
        tree.replace(FILE, "poolSize: 8", "poolSize: 4\n      testLogin: paul.becker@musterhausen.example");
        secrets(NEW_BIND_SECRET);

        Plan plan = server.plan(tree.root());

        assertThat(plan.changes()).extracting(PlanApplyTest::line).containsExactly("UPDATE IDP " + ALIAS);
        assertThat(fields(plan.changes().get(0))).containsOnly(Map.entry("directory.poolSize", "8 -> 4"),
                Map.entry("directory.testLogin", " -> paul.becker@musterhausen.example"), Map.entry("directory.bindSecret", "(secret)"));
        assertThat(printed(plan)).doesNotContain(BIND_SECRET).doesNotContain(NEW_BIND_SECRET);
        assertThat(server.apply(tree.root()).complete()).isTrue();
        Map<String, String> config = server.realm.storedIdps().get(ALIAS).getConfig();
        assertThat(config).containsEntry("clientSecret", NEW_BIND_SECRET)
                .containsEntry("dvc.directory.test-login", "paul.becker@musterhausen.example");
        assertThat(config.get("dvc.directory.settings")).contains("\"poolSize\":4");
        assertThat(server.plan(tree.root()).hasChanges()).isFalse();

        // the value not set here: the reference is unchanged, so apply keeps the stored secret
        server.secrets(Map.of("env:DVC_BUND_BMI_CLIENT_SECRET", TestServer.BMI_SECRET, "file:/run/secrets/fachverfahren", TestServer.SERVICE_SECRET));
        Plan unset = server.plan(tree.root());
        assertThat(unset.hasChanges()).isFalse();
        assertThat(unset.unverified()).containsExactly("IdP " + ALIAS);
    }

    @Test
    void aVaultSecretIsStoredAsTheVaultExpressionAndIsAFieldOfThePlan() {
        assertThat(server.apply(tree.root()).complete()).isTrue();
        tree.replace(FILE, "bindSecret: env:DVC_MUSTERHAUSEN_BIND_SECRET", "bindSecret: vault:musterhausen-bind");

        Plan plan = server.plan(tree.root());

        assertThat(fields(plan.changes().get(0))).containsOnly(Map.entry("directory.bindSecret", " -> vault:musterhausen-bind"));
        assertThat(server.apply(tree.root()).complete()).isTrue();
        Map<String, String> config = server.realm.storedIdps().get(ALIAS).getConfig();
        assertThat(config).containsEntry("clientSecret", "${vault.musterhausen-bind}")
                .doesNotContainKeys("dvc.config.secret-ref", "dvc.config.secret-fingerprint");
        assertThat(server.plan(tree.root()).hasChanges()).isFalse();
    }

    @Test
    void aDirectoryWithoutMaximumIsNormalWhateverTheSettingsDefault() {
        tree.replace(FILE, "\n    maxAssurance: normal", "")
                .replace("settings.yaml", "kind: Settings", "kind: Settings\ndefaults:\n  maxAssurance: substantiell");

        assertThat(server.apply(tree.root()).complete()).isTrue();

        assertThat(server.realm.storedMappers(ALIAS).get(0).getConfig()).containsEntry("assurance.max", "normal");
        assertThat(server.realm.storedMappers("bund-bmi").get(0).getConfig()).as("an IdP: the settings' default")
                .containsEntry("assurance.max", "substantiell");
        assertThat(server.plan(tree.root()).hasChanges()).isFalse();
    }

    @Test
    void removedFromTheFilesTheDirectoryIsDeleted() {
        assertThat(server.apply(tree.root()).complete()).isTrue();
        tree.file(FILE, "kind: Agency", "id: musterhausen", "name: Gemeinde Musterhausen", "level: municipal", "state: DE-NI",
                "domains: [musterhausen.example]");

        Plan plan = server.plan(tree.root());

        assertThat(plan.changes()).extracting(PlanApplyTest::line).containsExactly("DELETE IDP " + ALIAS);
        assertThat(server.apply(tree.root()).complete()).isTrue();
        assertThat(server.realm.storedIdps()).doesNotContainKey(ALIAS);
    }

    @Test
    void anExportNamesTheSecretAndReadsBackAsTheServer() throws Exception {
        assertThat(server.apply(tree.root()).complete()).isTrue();

        Export export = Exporter.export(server.state().read(), root.resolve("out"), Optional.empty(), "test server");
        ExportFiles.write(export);

        assertThat(export.secretsToSet()).as("the reference apply recorded").isEmpty();
        String file = Files.readString(root.resolve("out/" + FILE));
        assertThat(file).contains("    protocol: ldap\n").contains("    directory:\n      url: \"ldaps://dc1.musterhausen.example:636\"\n")
                .contains("      caCertificates: |\n        -----BEGIN CERTIFICATE-----\n")
                .contains("      bindSecret: \"env:DVC_MUSTERHAUSEN_BIND_SECRET\"\n").contains("      poolSize: 8\n")
                .contains("        GG-Bauamt: Sachbearbeitung\n").doesNotContain(BIND_SECRET);
        ValidationReport report = Tree.VALIDATOR.validate(root.resolve("out"));
        assertThat(report.valid()).as(report.problems().toString()).isTrue();
        assertThat(server.plan(root.resolve("out")).hasChanges()).as("the round trip").isFalse();
    }

    @Test
    void aDirectoryWhoseSecretTheServerHoldsAsAValueIsExportedWithAnEnvPlaceholder() throws Exception {
        OrganizationRepresentation agency = server.realm.putOrganization(HandMade.organization("musterhausen", "Gemeinde Musterhausen",
                AgencyLevel.MUNICIPAL, "DE-NI", "musterhausen.example"));
        IdentityProviderRepresentation idp = HandMade.oidc(ALIAS, "https://unused.example", "musterhausen.example");
        idp.setProviderId("dvc-ldap");
        idp.setHideOnLogin(true);
        Map<String, String> config = new HashMap<>(Map.of("syncMode", "FORCE", "kc.org.domain", "musterhausen.example",
                "clientSecret", "Lesekonto-literal-55e1",
                "dvc.directory.settings", "{\"url\":\"ldaps://dc1.musterhausen.example:636\",\"caCertificates\":\""
                        + Tree.caPem().replace("\n", "\\n") + "\",\"bindDn\":\"CN=svc-dvc,DC=musterhausen,DC=example\","
                        + "\"baseDn\":\"DC=musterhausen,DC=example\",\"userFilter\":\"(objectClass=user)\","
                        + "\"loginAttribute\":\"mail\",\"profile\":\"active-directory\"}"));
        idp.setConfig(config);
        server.realm.putIdentityProvider(idp, agency.getId(), HandMade.profile(ALIAS, "ldap-ad", "normal", ""));

        Export export = Exporter.export(server.state().read(), root.resolve("out"), Optional.empty(), "test server");
        ExportFiles.write(export);

        assertThat(export.notExported()).isEmpty();
        assertThat(export.secretsToSet()).extracting(r -> r.reference()).containsExactly("env:DVC_IDP_MUSTERHAUSEN_AD_BIND_SECRET");
        String file = Files.readString(root.resolve("out/" + FILE));
        assertThat(file).doesNotContain("Lesekonto-literal-55e1").contains("bindSecret: \"env:DVC_IDP_MUSTERHAUSEN_AD_BIND_SECRET\"")
                .contains("# The server keeps this directory's bind secret as a value, which an export never writes");
        ValidationReport report = Tree.VALIDATOR.validate(root.resolve("out"));
        assertThat(report.valid()).as(report.problems().toString()).isTrue();
        Plan plan = server.plan(root.resolve("out"));
        assertThat(plan.conflicts()).as("hand-made, described as it is").isEmpty();
        assertThat(plan.hasChanges()).isFalse();
    }
}
