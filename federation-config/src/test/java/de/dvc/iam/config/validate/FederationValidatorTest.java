package de.dvc.iam.config.validate;

import de.dvc.iam.config.Problem;
import de.dvc.iam.config.yaml.Where;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static de.dvc.iam.config.validate.Tree.at;
import static org.assertj.core.api.Assertions.assertThat;

/** The rules over a whole federation directory: each error at its file, line and column. */
class FederationValidatorTest {

    @TempDir
    Path root;

    @Test
    void aValidTreeHasNoProblem() {
        ValidationReport report = Tree.valid(root).validate();

        assertThat(report.problems()).isEmpty();
        assertThat(report.valid()).isTrue();
        assertThat(report.files()).isEqualTo(5);
        assertThat(report.federation().agencies()).hasSize(3);
        assertThat(report.federation().idps()).hasSize(2);
        assertThat(report.federation().services()).hasSize(1);
        assertThat(report.federation().settings().operators()).hasSize(1);
        assertThat(report.summary()).isEqualTo("5 files: 3 agencies (2 IdPs), 1 service, settings");
    }

    @Test
    void officialKeysAreCheckedForWhatTheySay() {
        Tree tree = Tree.valid(root).file("agencies/sh/gemeinde-01051001.yaml",
                "kind: Agency",
                "id: gemeinde-01051001",
                "name: Albersdorf",
                "level: municipal",
                "state: DE-BE",
                "keys:",
                "  ags: \"01051001\"",
                "  ars: \"010510015175\"",
                "  leitwegId: 01051001-ABC-99",
                "domains: [albersdorf.sh.example]");

        Problem state = tree.only("ags_state_mismatch");
        at(state, tree, "agencies/sh/gemeinde-01051001.yaml", 7, 8);
        assertThat(state.message()).contains("Schleswig-Holstein").contains("Berlin");
        at(tree.only("ars_ags_mismatch"), tree, "agencies/sh/gemeinde-01051001.yaml", 8, 8);
        Problem leitweg = tree.only("leitweg_check_digits");
        at(leitweg, tree, "agencies/sh/gemeinde-01051001.yaml", 9, 14);
        assertThat(leitweg.expected()).isEqualTo("01051001-ABC-" + de.dvc.iam.core.agency.LeitwegId.checkDigits("01051001-ABC"));
        assertThat(tree.validate().valid()).isFalse();
    }

    @Test
    void levelAndStateAgreeWithTheKeys() {
        Tree tree = Tree.valid(root).file("agencies/bund/bund-bmi.yaml",
                "kind: Agency",
                "id: bund-bmi",
                "name: Bundesministerium des Innern",
                "level: federal",
                "state: DE-BE",
                "keys:",
                "  leitwegId: 04011000-1234512345-06",
                "domains: [bmi.bund.example]");

        at(tree.only("federal_with_state"), tree, "agencies/bund/bund-bmi.yaml", 5, 8);
        Problem leitweg = tree.only("leitweg_state_mismatch");
        at(leitweg, tree, "agencies/bund/bund-bmi.yaml", 7, 14);
        assertThat(leitweg.expected()).contains("99");
    }

    @Test
    void domainsAreCheckedAgainstEveryOtherAgencysAcrossFiles() {
        Tree tree = Tree.valid(root).file("agencies/bund/bund-bmi-it.yaml",
                "kind: Agency",
                "id: bund-bmi-it",
                "name: IT des BMI",
                "level: federal",
                "domains:",
                "  - bmi.bund.example",
                "  - it.senfin.berlin.example",
                "  - com.de");

        ValidationReport report = tree.validate();
        assertThat(report.problems()).filteredOn(p -> p.code().equals("domain_taken")).extracting(Problem::where)
                .as("both agencies claim it: both files are wrong until one lets go")
                .containsExactly(new Where(root.resolve("agencies/bund/bund-bmi-it.yaml"), 6, 5),
                        new Where(root.resolve("agencies/bund/bund-bmi.yaml"), 7, 11));
        assertThat(report.problems()).filteredOn(p -> p.code().equals("domain_overlaps")).extracting(Problem::where)
                .containsExactly(new Where(root.resolve("agencies/be/berlin-senfin.yaml"), 8, 5),
                        new Where(root.resolve("agencies/bund/bund-bmi-it.yaml"), 7, 5));
        at(tree.only("domain_public_suffix"), tree, "agencies/bund/bund-bmi-it.yaml", 8, 5);
    }

    @Test
    void anIdpAssertsOnlyItsAgencysDomains() {
        Tree tree = Tree.valid(root).file("agencies/bund/bund-bmi.yaml",
                "kind: Agency",
                "id: bund-bmi",
                "name: Bundesministerium des Innern",
                "level: federal",
                "domains: [bmi.bund.example]",
                "idps:",
                "  - alias: bund-bmi",
                "    protocol: oidc",
                "    issuer: https://login.bmi.bund.example/realms/bmi",
                "    clientId: dvc-iam",
                "    clientSecret: env:DVC_BUND_BMI_CLIENT_SECRET",
                "    profile: oidc",
                "    domains: [bmi.bund.example, senfin.berlin.example]");

        Problem problem = tree.only("idp_domain_not_agency");
        at(problem, tree, "agencies/bund/bund-bmi.yaml", 13, 33);
        assertThat(problem.expected()).isEqualTo("one of bmi.bund.example");
    }

    @Test
    void namesAreUniqueAcrossFiles() {
        Tree tree = Tree.valid(root)
                .file("agencies/zz/senfin-copy.yaml",
                        "kind: Agency",
                        "id: berlin-senfin",
                        "name: Noch eine Senatsverwaltung",
                        "level: state",
                        "state: DE-BE",
                        "idps:",
                        "  - alias: bund-bmi",
                        "    protocol: saml",
                        "    metadataUrl: https://idp2.senfin.berlin.example/metadata",
                        "    entityId: https://idp.senfin.berlin.example",
                        "    profile: adfs",
                        "  - alias: berlin-senfin-oidc",
                        "    protocol: oidc",
                        "    issuer: https://login.bmi.bund.example/realms/bmi",
                        "    clientId: other",
                        "    clientSecret: env:OTHER",
                        "    profile: oidc")
                .file("services/zz-fachverfahren.yaml",
                        "kind: Service",
                        "clientId: fachverfahren",
                        "name: Fachverfahren again",
                        "owner: {name: Someone}",
                        "contact: it@bmi.bund.example",
                        "clientSecret: env:X",
                        "redirectUris: [https://other.bund.example/cb]",
                        "sector: other.bund.example");
        String file = "agencies/zz/senfin-copy.yaml"; // sorts after the files it repeats names of

        Problem agency = tree.only("duplicate_agency_id");
        at(agency, tree, file, 2, 5);
        assertThat(agency.message()).contains(root.resolve("agencies/be/berlin-senfin.yaml") + ":2:5");
        at(tree.only("duplicate_idp_alias"), tree, file, 7, 12);
        at(tree.only("duplicate_entity_id"), tree, file, 10, 15);
        at(tree.only("duplicate_issuer"), tree, file, 14, 13);
        at(tree.only("duplicate_client_id"), tree, "services/zz-fachverfahren.yaml", 2, 11);
    }

    @Test
    void samlNeedsExactlyOneMetadataSourceAndHttps() {
        Tree tree = Tree.valid(root).file("agencies/be/berlin-senfin.yaml",
                "kind: Agency",
                "id: berlin-senfin",
                "name: Senatsverwaltung für Finanzen Berlin",
                "level: state",
                "state: DE-BE",
                "domains: [senfin.berlin.example]",
                "idps:",
                "  - alias: berlin-senfin",
                "    protocol: saml",
                "    profile: saml-oid",
                "  - alias: berlin-senfin-http",
                "    protocol: saml",
                "    metadataUrl: http://idp.senfin.berlin.example/metadata",
                "    profile: saml-oid");

        at(tree.only("saml_source_missing"), tree, "agencies/be/berlin-senfin.yaml", 8, 5);
        at(tree.only("url_not_https"), tree, "agencies/be/berlin-senfin.yaml", 13, 18);
    }

    @Test
    void insecureHostsAreForTheDemoAndSaySo() {
        Tree tree = Tree.valid(root).file("settings.yaml",
                "kind: Settings",
                "insecureHosts: [localhost]")
                .file("services/demo.yaml",
                        "kind: Service",
                        "clientId: demo",
                        "name: Demo",
                        "owner: {name: Demo}",
                        "contact: demo@bmi.bund.example",
                        "clientSecret: env:DEMO",
                        "redirectUris: [http://localhost:8081/login]",
                        "sector: demo.dvc.example");

        ValidationReport report = tree.validate();

        assertThat(report.valid()).isTrue();
        at(tree.only("url_insecure_allowed"), tree, "services/demo.yaml", 7, 16);
        at(tree.only("insecure_hosts"), tree, "settings.yaml", 2, 1);
    }

    @Test
    void anAcrEntryAboveTheMaximumIsCapped() {
        Tree tree = Tree.valid(root).file("agencies/be/berlin-senfin.yaml",
                "kind: Agency",
                "id: berlin-senfin",
                "name: Senatsverwaltung für Finanzen Berlin",
                "level: state",
                "state: DE-BE",
                "domains: [senfin.berlin.example]",
                "idps:",
                "  - alias: berlin-senfin",
                "    protocol: saml",
                "    metadataUrl: https://idp.senfin.berlin.example/metadata",
                "    profile: saml-oid",
                "    acrTable:",
                "      urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI: hoch");

        Problem capped = tree.only("acr_above_maximum");
        at(capped, tree, "agencies/be/berlin-senfin.yaml", 13, 60);
        assertThat(capped.severity()).isEqualTo(Problem.Severity.WARNING);
        assertThat(capped.message()).contains("maximum normal");
    }

    @Test
    void aSecondSettingsFileIsAnError() {
        Tree tree = Tree.valid(root).file("more/settings.yaml", "kind: Settings");

        at(tree.only("settings_duplicate"), tree, "settings.yaml", 1, 1);
    }

    @Test
    void aFileNamedOtherThanItsIdIsAWarning() {
        Tree tree = Tree.valid(root).file("agencies/sh/albersdorf.yaml",
                "kind: Agency",
                "id: gemeinde-01051002",
                "name: Arkebek",
                "level: municipal",
                "state: DE-SH");

        Problem name = tree.only("file_name_mismatch");
        at(name, tree, "agencies/sh/albersdorf.yaml", 2, 5);
        assertThat(tree.validate().valid()).isTrue();
    }
}
