package de.dvc.iam.config.keycloak;

import de.dvc.iam.config.export.ExportFiles;
import de.dvc.iam.config.export.Exporter;
import de.dvc.iam.config.plan.Plan;
import de.dvc.iam.config.state.Ownership;
import de.dvc.iam.config.validate.Tree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What the Keycloak side keeps of the files, and reads back as the files say it. */
class KeycloakMappingTest {

    @TempDir
    Path root;

    private final TestServer server = new TestServer();

    @Test
    void agenciesOfOneNameGetOrganizationsOfDistinctNamesAndKeepTheirOfficialName() {
        Tree.valid(root)
                .file("agencies/other/neuenkirchen-a.yaml", "kind: Agency", "id: neuenkirchen-a", "name: Neuenkirchen", "level: other",
                        "domains: [neuenkirchen-a.example]")
                .file("agencies/other/neuenkirchen-b.yaml", "kind: Agency", "id: neuenkirchen-b", "name: Neuenkirchen", "level: other",
                        "domains: [neuenkirchen-b.example]");

        assertThat(server.apply(root).complete()).isTrue();
        // created in parallel: whichever comes second carries its id
        assertThat(server.realm.storedOrganizations()).extracting(OrganizationRepresentation::getName)
                .filteredOn(n -> n.startsWith("Neuenkirchen")).hasSize(2).contains("Neuenkirchen")
                .anyMatch(n -> n.matches("Neuenkirchen \\(neuenkirchen-[ab]\\)"));
        assertThat(server.plan(root).hasChanges()).as("the official name is dvc.name").isFalse();
    }

    @Test
    void aConflictThatIsNotTheNameKeepsTheOfficialName() {
        Tree.valid(root);
        // Keycloak's 409 for two organizations created at the same moment (no name taken): the first create of bund-bmi
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
        server.realm.failOn(call -> call.equals("createOrganization:bund-bmi") && first.getAndSet(false), 409);

        assertThat(server.apply(root).complete()).isTrue();
        assertThat(server.realm.storedOrganizations()).extracting(OrganizationRepresentation::getName)
                .contains("Bundesministerium des Innern").noneMatch(n -> n.endsWith("(bund-bmi)"));
    }

    @Test
    void profileOverridesAndAcrTablesComeBackAsWritten() throws Exception {
        Tree tree = Tree.valid(root.resolve("in"));
        tree.replace("agencies/be/berlin-senfin.yaml", "    maxAssurance: substantiell", String.join("\n",
                "    profileOverrides:",
                "      org_unit.code: [urn:oid:1.2.3.4, ouCode]",
                "      required: [given_name, family_name]",
                "      roles.syntax: pvp",
                "    maxAssurance: substantiell"));
        assertThat(server.apply(root.resolve("in")).complete()).isTrue();
        assertThat(server.realm.storedMappers("berlin-senfin").get(0).getConfig()).containsEntry("profile.overrides",
                "org_unit.code = urn:oid:1.2.3.4, ouCode\nrequired = given_name, family_name\nroles.syntax = pvp");
        assertThat(server.plan(root.resolve("in")).hasChanges()).isFalse();

        ExportFiles.write(Exporter.export(server.state().read(), root.resolve("out"), Optional.empty(), "test"));
        assertThat(Tree.VALIDATOR.validate(root.resolve("out")).valid()).isTrue();
        assertThat(server.plan(root.resolve("out")).hasChanges()).isFalse();
    }

    @Test
    void whatTheFilesCannotDescribeIsListedAndNeverTakenForAnAgencyIdp() {
        Tree.valid(root);
        IdentityProviderRepresentation ldap = new IdentityProviderRepresentation();
        ldap.setAlias("bund-bmi");
        ldap.setProviderId("keycloak-oidc");
        ldap.setConfig(Map.of());
        server.realm.putIdentityProvider(ldap, null);

        Plan plan = server.plan(root);
        assertThat(plan.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.code()).isEqualTo("exists_unreadable");
            assertThat(c.message()).contains("provider type 'keycloak-oidc'");
        });
        assertThat(server.state().read().unreadable()).singleElement().satisfies(u -> assertThat(u.ownership()).isEqualTo(Ownership.HAND_MADE));
    }

    @Test
    void mappersReadInOneExportGiveTheSamePlanAsOneReadPerIdp() throws Exception {
        Tree.valid(root);
        assertThat(server.apply(root).complete()).isTrue();

        Plan perIdp = server.plan(root);
        long single = server.realm.calls("mappers:");
        server.realm.bulkMappers(true);
        Plan bulk = server.plan(root);

        assertThat(single).as("without the export: one call per IdP").isPositive();
        assertThat(server.realm.calls("mappers:")).as("with it: none more").isEqualTo(single);
        assertThat(server.realm.calls("allMappers")).isEqualTo(1);
        assertThat(bulk.hasChanges()).isFalse();
        assertThat(bulk.changes()).isEqualTo(perIdp.changes());
        assertThat(bulk.unchanged()).isEqualTo(perIdp.unchanged()).isPositive();
    }

    @Test
    void keycloaksOwnClientsAreNoServices() {
        server.realm.putClient(HandMade.service("account-console", "https://dvc.example/realms/dvc/account/"));
        server.realm.putClient(HandMade.service("dvc-registration-sandbox", "https://dvc.example/sandbox"));
        server.realm.putClient(HandMade.service("dvc-agency-portal", "https://dvc.example/realms/dvc/dvc-portal/"));

        assertThat(server.state().read().services()).isEmpty();
    }
}
