package de.dvc.iam.config.validate;

import de.dvc.iam.config.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static de.dvc.iam.config.validate.Tree.at;
import static org.assertj.core.api.Assertions.assertThat;

class ServiceAndSettingsRulesTest {

    private static final String SERVICE = "services/fachverfahren.yaml";

    @TempDir
    Path root;

    @Test
    void redirectUrisAreExactAndHttps() {
        Tree tree = Tree.valid(root).file(SERVICE,
                "kind: Service",
                "clientId: fachverfahren",
                "name: Fachverfahren",
                "owner: {agency: bund-bmi}",
                "contact: it-service@bmi.bund.example",
                "clientSecret: env:FACHVERFAHREN",
                "redirectUris:",
                "  - https://fachverfahren.bund.example/*",
                "  - http://fachverfahren.bund.example/callback",
                "  - https://fachverfahren.bund.example/callback#done",
                "  - https://user:pw@fachverfahren.bund.example/callback",
                "sector: fachverfahren.bund.example");

        at(tree.only("redirect_uri_wildcard"), tree, SERVICE, 8, 5);
        at(tree.only("url_not_https"), tree, SERVICE, 9, 5);
        at(tree.only("redirect_uri_fragment"), tree, SERVICE, 10, 5);
        at(tree.only("url_user_info"), tree, SERVICE, 11, 5);
    }

    @Test
    void theCodeFlowNeedsARedirectUri() {
        Tree tree = Tree.valid(root).file(SERVICE,
                "kind: Service",
                "clientId: fachverfahren",
                "name: Fachverfahren",
                "owner: {agency: bund-bmi}",
                "contact: it-service@bmi.bund.example",
                "clientSecret: env:FACHVERFAHREN",
                "sector: fachverfahren.bund.example");

        at(tree.only("redirect_uris_missing"), tree, SERVICE, 2, 1);
    }

    @Test
    void publicClientsHaveNoSecretAndAlwaysPkce() {
        Tree tree = Tree.valid(root).file(SERVICE,
                "kind: Service",
                "clientId: fachverfahren",
                "name: Fachverfahren",
                "owner: {name: Team}",
                "contact: it-service@bmi.bund.example",
                "type: public",
                "clientSecret: env:FACHVERFAHREN",
                "pkceRequired: false",
                "flows: [code, device]",
                "redirectUris: [https://fachverfahren.bund.example/callback]",
                "sector: fachverfahren.bund.example");

        at(tree.only("public_client_secret"), tree, SERVICE, 7, 1);
        at(tree.only("pkce_required"), tree, SERVICE, 8, 15);
    }

    @Test
    void aDeviceOnlyClientHasNoCodesForPkceAndMustNotRequireIt() {
        Tree required = Tree.valid(root).file(SERVICE,
                "kind: Service",
                "clientId: terminal",
                "name: Terminal",
                "owner: {name: Team}",
                "contact: it-service@bmi.bund.example",
                "type: public",
                "pkceRequired: true",
                "flows: [device]",
                "sector: terminal.bund.example");

        at(required.only("pkce_without_code_flow"), required, SERVICE, 7, 15);
    }

    @Test
    void confidentialClientsNeedTheirSecretAndMayTurnPkceOffWithAWarning() {
        Tree tree = Tree.valid(root).file(SERVICE,
                "kind: Service",
                "clientId: fachverfahren",
                "name: Fachverfahren",
                "owner: {name: Team}",
                "contact: it-service@bmi.bund.example",
                "pkceRequired: false",
                "redirectUris: [https://fachverfahren.bund.example/callback]",
                "sector: fachverfahren.bund.example");

        at(tree.only("client_secret_missing"), tree, SERVICE, 2, 1);
        Problem pkce = tree.only("pkce_off");
        assertThat(pkce.severity()).isEqualTo(Problem.Severity.WARNING);
        at(pkce, tree, SERVICE, 6, 15);
    }

    @Test
    void ownerPolicyAndContactNameWhatExists() {
        Tree tree = Tree.valid(root).file(SERVICE,
                "kind: Service",
                "clientId: fachverfahren",
                "name: Fachverfahren",
                "owner: {agency: bund-bmj}",
                "contact: it-service@localhost",
                "clientSecret: env:FACHVERFAHREN",
                "redirectUris: [https://fachverfahren.bund.example/callback]",
                "sector: fachverfahren.bund.example",
                "accessPolicy:",
                "  agencies: [bund-bmi, bund-bmj]");

        at(tree.only("owner_agency_unknown"), tree, SERVICE, 4, 17);
        at(tree.only("contact_invalid"), tree, SERVICE, 5, 10);
        Problem agency = tree.only("policy_agency_unknown");
        at(agency, tree, SERVICE, 10, 24);
        assertThat(agency.message()).contains("'bund-bmj'");
    }

    @Test
    void roleHoldersLogInThroughAnIdpThatMayAssertTheirAddress() {
        Tree tree = Tree.valid(root).file("settings.yaml",
                "kind: Settings",
                "roles:",
                "  operators:",
                "    - idp: bund-bmi",
                "      email: petra@senfin.berlin.example",
                "    - idp: bund-bmj",
                "      subject: abc-1234",
                "  agencyAdmins:",
                "    - agency: berlin-senfin",
                "      idp: bund-bmi",
                "      email: anna@senfin.berlin.example",
                "    - agency: berlin-senfin",
                "      idp: berlin-senfin",
                "      subject: f81d4fae-7dec-11d0-a765-00a0c91e6bf6",
                "    - agency: bund-bmj",
                "      idp: bund-bmi",
                "      email: a@bmi.bund.example");

        at(tree.only("role_email_outside_domains"), tree, "settings.yaml", 5, 14);
        at(tree.only("role_idp_unknown"), tree, "settings.yaml", 6, 12);
        at(tree.only("role_idp_not_of_agency"), tree, "settings.yaml", 10, 12);
        at(tree.only("role_agency_unknown"), tree, "settings.yaml", 15, 15);
    }

    @Test
    void aPersonIsNamedByEmailOrSubjectNotBoth() {
        Tree tree = Tree.valid(root).file("settings.yaml",
                "kind: Settings",
                "roles:",
                "  operators:",
                "    - idp: bund-bmi",
                "      email: petra.betrieb@bmi.bund.example",
                "      subject: abc");

        Problem problem = tree.only("schema_one_of");
        at(problem, tree, "settings.yaml", 4, 7);
        assertThat(problem.expected()).isEqualTo("exactly one of email, subject");
    }

    @Test
    void aFileWithErrorsDoesNotCauseUnknownReferencesElsewhere() {
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
                "    profile: entra-id");

        assertThat(tree.validate().problems()).extracting(Problem::code).as("the service and the operator name bund-bmi")
                .containsExactly("schema_enum");
    }
}
